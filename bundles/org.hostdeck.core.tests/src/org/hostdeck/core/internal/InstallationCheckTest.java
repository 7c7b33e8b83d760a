package org.hostdeck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.hostdeck.core.HostDeck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;

class InstallationCheckTest {

	private final BundleContext context = FrameworkUtil.getBundle(InstallationCheckTest.class).getBundleContext();

	@Test
	void reportsCoreAsUsable() {
		List<InstallationCheck.Entry> entries = InstallationCheck.run(context);
		InstallationCheck.Entry core = entries.stream().filter(e -> e.symbolicName().equals("org.hostdeck.core"))
				.findFirst().orElseThrow(() -> new AssertionError("core missing from " + entries));
		assertTrue(core.usable(), core.toString());
		assertTrue(core.version().startsWith("0.1.0"), core.version());
		assertTrue(entries.stream().allMatch(e -> e.symbolicName().startsWith(HostDeck.BUNDLE_PREFIX)), entries.toString());
	}

	@Test
	void versionIsTheCoreBundleVersion() {
		assertEquals("0.1.0", HostDeck.version());
	}

	@Test
	void reportsABundleWithAMissingRequirementAsNotUsable(@TempDir Path dir) throws Exception {
		Path jar = brokenBundle(dir.resolve("broken.jar"));
		Bundle broken = context.installBundle(jar.toUri().toString());
		try {
			context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(broken));
			InstallationCheck.Entry entry = InstallationCheck.run(context).stream()
					.filter(e -> e.symbolicName().equals("org.hostdeck.broken")).findFirst().orElseThrow();
			assertFalse(entry.usable());
			assertEquals("INSTALLED", entry.state());
		} finally {
			broken.uninstall();
		}
	}

	private static Path brokenBundle(Path jar) throws IOException {
		Manifest manifest = new Manifest();
		Attributes main = manifest.getMainAttributes();
		main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		main.putValue("Bundle-ManifestVersion", "2");
		main.putValue("Bundle-SymbolicName", "org.hostdeck.broken");
		main.putValue("Bundle-Version", "1.0.0");
		main.putValue("Import-Package", "org.hostdeck.does.not.exist");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			// the manifest is all it needs
		}
		return jar;
	}
}
