package org.hostdeck.ui.internal.editors;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.editors.messages"; //$NON-NLS-1$

	public static String VmEditor_autostart;
	public static String VmEditor_cpuMemory;
	public static String VmEditor_cpuMemoryHelp;
	public static String VmEditor_description;
	public static String VmEditor_disconnected;
	public static String VmEditor_general;
	public static String VmEditor_guestType;
	public static String VmEditor_host;
	public static String VmEditor_memory;
	public static String VmEditor_memoryLabel;
	public static String VmEditor_memoryNumber;
	public static String VmEditor_memoryRange;
	public static String VmEditor_overview;
	public static String VmEditor_resources;
	public static String VmEditor_resourcesOf;
	public static String VmEditor_state;
	public static String VmEditor_uuid;
	public static String VmEditor_vcpus;
	public static String VmEditor_vcpusLabel;
	public static String VmEditor_weightHigh;
	public static String VmEditor_weightLabel;
	public static String VmEditor_weightLow;
	public static String VmEditor_weightNormal;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
