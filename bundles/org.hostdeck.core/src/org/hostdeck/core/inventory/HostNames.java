package org.hostdeck.core.inventory;

import java.net.URI;
import java.net.URISyntaxException;

/** A short, readable host name for a connection URI, used when the user gives none. */
public final class HostNames {

	private HostNames() {
	}

	/**
	 * @return the URI's host ({@code qemu+ssh://root@hv-a/system} gives {@code hv-a}), the file's
	 *         base name for a test-driver file ({@code test:///x/hv-lab.xml} gives {@code hv-lab}),
	 *         {@code localhost} for local URIs, the URI itself when it cannot be parsed
	 */
	public static String fromUri(String uri) {
		try {
			URI parsed = new URI(uri);
			if (parsed.getHost() != null && !parsed.getHost().isEmpty()) {
				return parsed.getHost();
			}
			String path = parsed.getPath();
			if ("test".equals(parsed.getScheme()) && path != null && path.length() > 1) { //$NON-NLS-1$
				String file = path.substring(path.lastIndexOf('/') + 1);
				return file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file; //$NON-NLS-1$
			}
			return parsed.getScheme() == null ? uri : "localhost"; //$NON-NLS-1$
		} catch (URISyntaxException e) {
			return uri;
		}
	}
}
