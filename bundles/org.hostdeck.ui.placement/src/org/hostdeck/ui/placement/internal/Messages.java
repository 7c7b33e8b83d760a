package org.hostdeck.ui.placement.internal;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.placement.internal.messages"; //$NON-NLS-1$

	public static String Placement_balance;
	public static String Placement_apply;
	public static String Placement_applyTip;
	public static String Placement_applyTitle;
	public static String Placement_applyQuestion;
	public static String Placement_applyJob;
	public static String Placement_applyFailed;
	public static String Placement_applyGone;

	public static String Placement_cancelled;
	public static String Placement_cpu;
	public static String Placement_current;
	public static String Placement_density;
	public static String Placement_disabled;
	public static String Placement_disk;
	public static String Placement_from;
	public static String Placement_hard;
	public static String Placement_host;
	public static String Placement_job;
	public static String Placement_import;
	public static String Placement_importBad;
	public static String Placement_importTip;
	public static String Placement_importTitle;
	public static String Placement_imported;
	public static String Placement_noDay;
	public static String Placement_whatIf;
	public static String Placement_kind;
	public static String Placement_memory;
	public static String Placement_mode;
	public static String Placement_network;
	public static String Placement_nowhere;
	public static String Placement_overcommit;
	public static String Placement_overcommitTip;
	public static String Placement_plan;
	public static String Placement_planned;
	public static String Placement_planning;
	public static String Placement_refresh;
	public static String Placement_soft;
	public static String Placement_summary;
	public static String Placement_to;
	public static String Placement_unknown;
	public static String Placement_vm;
	public static String Placement_vms;
	public static String Placement_what;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
