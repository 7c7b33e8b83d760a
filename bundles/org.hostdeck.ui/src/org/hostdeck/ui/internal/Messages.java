package org.hostdeck.ui.internal;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.messages"; //$NON-NLS-1$

	public static String ConnectHostsJob_name;
	public static String ConnectHostsJob_failed;
	public static String HostKey_title;
	public static String HostKey_message;
	public static String HostKey_trust;
	public static String HostKey_cancel;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
