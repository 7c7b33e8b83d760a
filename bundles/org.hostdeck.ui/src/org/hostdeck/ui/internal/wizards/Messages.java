package org.hostdeck.ui.internal.wizards;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.wizards.messages"; //$NON-NLS-1$

	public static String Migrate_windowTitle;
	public static String Migrate_title;
	public static String Migrate_description;
	public static String Migrate_group;
	public static String Migrate_target;
	public static String Migrate_colHost;
	public static String Migrate_colFreeMemory;
	public static String Migrate_colRating;
	public static String Migrate_rating;
	public static String Migrate_colCpus;
	public static String Migrate_colVms;
	public static String Migrate_disks;
	public static String Migrate_copyDisks;
	public static String Migrate_sharedDisks;
	public static String Migrate_offlineNote;
	public static String Migrate_poolItem;
	public static String Migrate_networks;
	public static String Migrate_networkRow;
	public static String Migrate_noNetworks;
	public static String Migrate_options;
	public static String Migrate_maxDowntime;
	public static String Migrate_bandwidth;
	public static String Migrate_autoConverge;
	public static String Migrate_postCopy;
	public static String Migrate_keepSource;
	public static String Migrate_checks;
	public static String Migrate_chooseHost;
	public static String Migrate_checking;
	public static String Migrate_allPassed;
	public static String Migrate_refused;
	public static String AddHost_badPort;
	public static String AddHost_badUri;
	public static String AddHost_description;
	public static String AddHost_exists;
	public static String AddHost_nameExists;
	public static String AddHost_host;
	public static String AddHost_kind;
	public static String AddHost_name;
	public static String AddHost_needHost;
	public static String AddHost_needName;
	public static String AddHost_password;
	public static String AddHost_passwordNote;
	public static String AddHost_port;
	public static String AddHost_storageFailed;
	public static String AddHost_test;
	public static String AddHost_testCancelled;
	public static String AddHost_testing;
	public static String AddHost_testOk;
	public static String AddHost_title;
	public static String AddHost_uri;
	public static String AddHost_user;
	public static String AddHost_windowTitle;
	public static String EditHost_description;
	public static String EditHost_forgetPassword;
	public static String EditHost_keepPassword;
	public static String EditHost_storageFailed;
	public static String EditHost_title;
	public static String EditHost_windowTitle;
	public static String Kind_custom;
	public static String Kind_localQemu;
	public static String Kind_qemuSsh;
	public static String Kind_qemuTls;
	public static String Kind_test;
	public static String Kind_xenSsh;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
