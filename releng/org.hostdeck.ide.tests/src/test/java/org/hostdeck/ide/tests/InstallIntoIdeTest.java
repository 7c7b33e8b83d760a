package org.hostdeck.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The path an Eclipse IDE user takes: the p2 director installs {@code org.hostdeck.feature} from
 * HostDeck's update site into an existing installation, which then starts with HostDeck's bundles
 * resolved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIntoIdeTest {

	private static final String FEATURE = "org.hostdeck.feature.feature.group";
	private static final String CHECK = "org.hostdeck.core.check";

	private static Path site;
	private static EclipseInstallation ide;

	@BeforeAll
	static void copyBaseInstallation() throws Exception {
		site = Path.of(System.getProperty("hostdeck.updatesite"));
		assertTrue(Files.isRegularFile(site.resolve("content.jar")) || Files.isRegularFile(site.resolve("content.xml.xz")),
				"no update site at " + site);
		Path work = Path.of(System.getProperty("hostdeck.work"));
		Files.createDirectories(work);
		ide = EclipseInstallation.copyOf(Path.of(System.getProperty("hostdeck.idebase")), work.resolve("eclipse"));
	}

	private static EclipseInstallation.Run director(String iu) throws Exception {
		return ide.run("org.eclipse.equinox.p2.director", "-repository", site.toUri().toString(), "-installIU", iu);
	}

	@Test
	@Order(1)
	void baseInstallationHasNoHostDeck() throws Exception {
		EclipseInstallation.Run run = ide.run(CHECK);
		assertNotEquals(0, run.exitCode(), run.output());
		assertTrue(run.output().contains(CHECK), run.output());
		assertFalse(run.output().contains("org.hostdeck.core 0.1.0"), run.output());
	}

	@Test
	@Order(2)
	void aFeatureTheSiteDoesNotHaveIsRefusedAndNothingIsInstalled() throws Exception {
		EclipseInstallation.Run run = director("org.hostdeck.no.such.feature.feature.group");
		assertNotEquals(0, run.exitCode(), run.output());
		assertTrue(run.output().contains("org.hostdeck.no.such.feature.feature.group"), run.output());
		try (var plugins = Files.list(ide.home().resolve("plugins"))) {
			assertFalse(plugins.anyMatch(p -> p.getFileName().toString().startsWith("org.hostdeck.")),
					"a failed install left HostDeck bundles behind");
		}
	}

	@Test
	@Order(3)
	void installsFromTheUpdateSiteAndResolves() throws Exception {
		EclipseInstallation.Run install = director(FEATURE);
		assertEquals(0, install.exitCode(), install.output());
		assertTrue(install.output().contains("Installing " + FEATURE), install.output());

		EclipseInstallation.Run check = ide.run(CHECK);
		assertEquals(0, check.exitCode(), check.output());
		for (String bundle : new String[] { "org.hostdeck.model", "org.hostdeck.core", "org.hostdeck.libvirt", "org.hostdeck.ui" }) {
			Matcher line = Pattern.compile("^\\s+" + Pattern.quote(bundle) + " \\S+ (\\w+)$", Pattern.MULTILINE)
					.matcher(check.output());
			assertTrue(line.find(), bundle + " not reported:\n" + check.output());
			// a lazily activated bundle that resolved waits in STARTING until its first class loads
			assertTrue(java.util.Set.of("RESOLVED", "STARTING", "ACTIVE").contains(line.group(1)),
					bundle + " is " + line.group(1) + ":\n" + check.output());
		}
		assertTrue(check.output().contains("\nOK"), check.output());
	}
}
