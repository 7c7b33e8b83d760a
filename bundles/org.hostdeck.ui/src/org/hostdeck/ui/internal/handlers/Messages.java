package org.hostdeck.ui.internal.handlers;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.handlers.messages"; //$NON-NLS-1$

	public static String Action_forceOff;
	public static String Action_pause;
	public static String Action_reboot;
	public static String Action_resume;
	public static String Action_shutdown;
	public static String Action_start;
	public static String DeleteVm_group;
	public static String DeleteVm_question;
	public static String DeleteVm_title;
	public static String DeleteVm_withDisks;
	public static String NewFolder_prompt;
	public static String NewFolder_title;
	public static String VmJobs_failed;
	public static String VmPowerHandler_group;
	public static String RenameFolder_title;
	public static String Tags_title;
	public static String Tags_headingOne;
	public static String Tags_headingMany;
	public static String Tags_message;
	public static String Tags_newHint;
	public static String Tags_add;
	public static String Tags_apply;
	public static String RenameFolder_prompt;
	public static String DeleteFolder_title;
	public static String DeleteFolder_prompt;
	public static String DeleteFolder_button;
	public static String VmPowerHandler_dontAsk;
	public static String VmPowerHandler_forceOffButton;
	public static String VmPowerHandler_forceOffDetail;
	public static String VmPowerHandler_forceOffMany;
	public static String VmPowerHandler_forceOffOne;
	public static String VmPowerHandler_forceOffTitle;

	public static String RenameVm_title;
	public static String RenameVm_prompt;
	public static String RemoveHost_title;
	public static String RemoveHost_prompt;
	public static String RemoveHost_button;
	public static String RemoveHost_job;
	public static String DisconnectHost_job;

	public static String SaveTemplate_title;
	public static String SaveTemplate_prompt;
	public static String SaveTemplate_default;
	public static String SaveTemplate_empty;

	public static String Paravirtual_group;

	public static String Verify_choose;
	public static String Verify_label;
	public static String Verify_ok;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
