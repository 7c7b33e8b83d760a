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
	public static String MasterPassword_title;
	public static String MasterPassword_createHeading;
	public static String MasterPassword_unlockHeading;
	public static String MasterPassword_createMessage;
	public static String MasterPassword_unlockMessage;
	public static String MasterPassword_wrong;
	public static String MasterPassword_password;
	public static String MasterPassword_confirm;
	public static String MasterPassword_createNote;
	public static String MasterPassword_differ;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
