package org.hostdeck.core;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * Facts about the running HostDeck installation that every layer may ask for.
 */
public final class HostDeck {

	/** The product's name as users see it. */
	public static final String NAME = "HostDeck"; //$NON-NLS-1$

	/** Symbolic names of HostDeck's own bundles start with this. */
	public static final String BUNDLE_PREFIX = "org.hostdeck."; //$NON-NLS-1$

	private HostDeck() {
	}

	/**
	 * @return the version of the core bundle as {@code major.minor.micro}, which is the version
	 *         of HostDeck a user reports; outside OSGi the one its jar's manifest gives,
	 *         {@code "unknown"} when there is none
	 */
	public static String version() {
		Bundle bundle = FrameworkUtil.getBundle(HostDeck.class);
		Version v = bundle != null ? bundle.getVersion() : manifestVersion();
		return v == null ? "unknown" : v.getMajor() + "." + v.getMinor() + "." + v.getMicro(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** The Bundle-Version of the jar this class came from (a plain class path), or null. */
	private static Version manifestVersion() {
		try {
			java.security.CodeSource source = HostDeck.class.getProtectionDomain().getCodeSource();
			if (source == null || !source.getLocation().getPath().endsWith(".jar")) { //$NON-NLS-1$
				return null;
			}
			try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
				String value = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Bundle-Version"); //$NON-NLS-1$
				return value == null ? null : Version.parseVersion(value);
			}
		} catch (java.io.IOException | java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
			return null;
		}
	}
}
