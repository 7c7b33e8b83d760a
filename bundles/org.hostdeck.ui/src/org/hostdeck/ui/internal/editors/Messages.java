package org.hostdeck.ui.internal.editors;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.editors.messages"; //$NON-NLS-1$

	public static String HostEditor_available;
	public static String HostEditor_bridge;
	public static String HostEditor_capacity;
	public static String HostEditor_cpu;
	public static String HostEditor_hypervisor;
	public static String HostEditor_memory;
	public static String HostEditor_memoryFree;
	public static String HostEditor_memoryTotal;
	public static String HostEditor_name;
	public static String HostEditor_networks;
	public static String HostEditor_no;
	public static String HostEditor_overview;
	public static String HostEditor_role;
	public static String HostEditor_shared;
	public static String HostEditor_state;
	public static String HostEditor_stateLabel;
	public static String HostEditor_vmsLabel;
	public static String HostEditor_storage;
	public static String HostEditor_subnet;
	public static String HostEditor_topology;
	public static String HostEditor_type;
	public static String HostEditor_uri;
	public static String HostEditor_vcpus;
	public static String HostEditor_vms;
	public static String HostEditor_volumes;
	public static String HostEditor_yes;
	public static String HostEditor_zone;
	public static String HostEditor_utilization;
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
