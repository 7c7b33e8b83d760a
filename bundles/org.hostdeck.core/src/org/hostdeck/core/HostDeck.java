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
	 *         of HostDeck a user reports; {@code "unknown"} outside OSGi
	 */
	public static String version() {
		Bundle bundle = FrameworkUtil.getBundle(HostDeck.class);
		if (bundle == null) {
			return "unknown"; //$NON-NLS-1$
		}
		Version v = bundle.getVersion();
		return v.getMajor() + "." + v.getMinor() + "." + v.getMicro(); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
