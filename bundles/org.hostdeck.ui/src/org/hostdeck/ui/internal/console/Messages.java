package org.hostdeck.ui.internal.console;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.console.messages"; //$NON-NLS-1$

	public static String Console_addDrive;
	public static String Console_authUnsupported;
	public static String Console_closed;
	public static String Console_connect;
	public static String Console_connecting;
	public static String Console_connectingTo;
	public static String Console_copy;
	public static String Console_copyTip;
	public static String Console_ctrlAltDel;
	public static String Console_ctrlAltDelTip;
	public static String Console_empty;
	public static String Console_fit;
	public static String Console_fitTip;
	public static String Console_gone;
	public static String Console_grabbed;
	public static String Console_hostDown;
	public static String Console_keys;
	public static String Console_keysTip;
	public static String Console_media;
	public static String Console_mediaTip;
	public static String Console_noGtkVnc;
	public static String Console_noPool;
	public static String Console_noVm;
	public static String Console_off;
	public static String Console_opening;
	public static String Console_password;
	public static String Console_passwordRefused;
	public static String Console_passwordWanted;
	public static String Console_powerOn;
	public static String Console_readingImages;
	public static String Console_reconnect;
	public static String Console_released;
	public static String Console_save;
	public static String Console_saveTip;
	public static String Console_shown;
	public static String Console_upload;
	public static String Console_uploadTitle;
	public static String Serial_clear;
	public static String Serial_clearTip;
	public static String Serial_connected;
	public static String Serial_copy;
	public static String Serial_copyTip;
	public static String Serial_disconnect;
	public static String Serial_disconnectTip;
	public static String Serial_disconnected;
	public static String Serial_ended;
	public static String Serial_paste;
	public static String Serial_pasteTip;
	public static String Serial_takeOver;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
