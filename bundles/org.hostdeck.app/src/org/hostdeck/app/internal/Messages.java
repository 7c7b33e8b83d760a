package org.hostdeck.app.internal;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.app.internal.messages"; //$NON-NLS-1$

	public static String Menu_file;
	public static String Menu_window;
	public static String Menu_showView;
	public static String Menu_help;
	public static String About_action;
	public static String About_title;
	public static String About_text;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
