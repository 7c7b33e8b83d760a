package org.hostdeck.ui.internal.views;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.views.messages"; //$NON-NLS-1$

	public static String InventoryView_connecting;
	public static String InventoryView_disconnected;
	public static String InventoryView_error;
	public static String InventoryView_hostDetail;
	public static String InventoryView_networks;
	public static String InventoryView_noHosts;
	public static String InventoryView_poolDetail;
	public static String InventoryView_storage;
	public static String InventoryView_vmDetail;
	public static String PowerState_crashed;
	public static String PowerState_paused;
	public static String PowerState_running;
	public static String PowerState_shutOff;
	public static String PowerState_shuttingDown;
	public static String PowerState_suspended;
	public static String PowerState_unknown;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
