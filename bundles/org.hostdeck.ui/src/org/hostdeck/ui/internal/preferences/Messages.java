package org.hostdeck.ui.internal.preferences;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.preferences.messages"; //$NON-NLS-1$

	public static String PreferencePage_confirmForceOff;
	public static String PreferencePage_description;
	public static String PreferencePage_folder;
	public static String PreferencePage_interval;
	public static String PreferencePage_intervalRange;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
