package org.hostdeck.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The embedded demo: libvirt test-driver host files shipped in {@code demo/} (written by
 * releng/scripts/make-demo-hosts.py). They are copied to {@code dir} and opened as
 * {@code test:///<file>}: real libvirt hosts, in-process, nothing outside this machine.
 */
final class DemoHosts {

	private DemoHosts() {
	}

	/** Copies the demo host files into {@code dir} and returns their URIs, sorted. */
	static List<String> install(Path dir) throws IOException {
		Bundle bundle = FrameworkUtil.getBundle(DemoHosts.class);
		Enumeration<URL> entries = bundle.findEntries("demo", "*.xml", false); //$NON-NLS-1$ //$NON-NLS-2$
		List<String> uris = new ArrayList<>();
		if (entries == null) {
			return uris;
		}
		Files.createDirectories(dir);
		for (URL entry : Collections.list(entries)) {
			String name = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
			Path file = dir.resolve(name).toAbsolutePath();
			try (InputStream in = entry.openStream()) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			uris.add("test://" + file); //$NON-NLS-1$
		}
		Collections.sort(uris);
		return uris;
	}
}
