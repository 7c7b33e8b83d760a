package org.hostdeck.ui.internal.views;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.views.messages"; //$NON-NLS-1$

	public static String InventoryView_allStates;
	public static String InventoryView_connecting;
	public static String InventoryView_filterHint;
	public static String InventoryView_folderDetail;
	public static String Folders_exists;
	public static String Tags_exists;
	public static String InventoryView_allTags;
	public static String Folders_needName;
	public static String InventoryView_disconnected;
	public static String InventoryView_error;
	public static String InventoryView_hostDetail;
	public static String InventoryView_networks;
	public static String InventoryView_noHosts;
	public static String InventoryView_poolDetail;
	public static String InventoryView_storage;
	public static String InventoryView_vmDetail;
	public static String Tasks_cancel;
	public static String Tasks_cancelTooltip;
	public static String Tasks_cancelled;
	public static String Tasks_duration;
	public static String Tasks_failed;
	public static String Tasks_message;
	public static String Tasks_minutes;
	public static String Tasks_operation;
	public static String Tasks_outcome;
	public static String Tasks_progress;
	public static String Tasks_running;
	public static String Tasks_seconds;
	public static String Tasks_started;
	public static String Tasks_succeeded;
	public static String Tasks_target;
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
