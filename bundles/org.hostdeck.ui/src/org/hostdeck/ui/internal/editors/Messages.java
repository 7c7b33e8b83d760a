package org.hostdeck.ui.internal.editors;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.editors.messages"; //$NON-NLS-1$

	public static String AddDisk_add;
	public static String AddDisk_bus;
	public static String AddDisk_format;
	public static String AddDisk_heading;
	public static String AddDisk_message;
	public static String AddDisk_noPools;
	public static String AddDisk_noRoom;
	public static String AddDisk_notANumber;
	public static String AddDisk_pool;
	public static String AddDisk_poolItem;
	public static String AddDisk_qcow2;
	public static String AddDisk_range;
	public static String AddDisk_raw;
	public static String AddDisk_size;
	public static String AddDisk_title;
	public static String AddNic_add;
	public static String AddNic_heading;
	public static String AddNic_message;
	public static String AddNic_model;
	public static String AddNic_network;
	public static String AddNic_noNetworks;
	public static String AddNic_title;
	public static String VmEditor_addDisk;
	public static String VmEditor_addNic;
	public static String VmEditor_bridge;
	public static String VmEditor_bus;
	public static String VmEditor_cdrom;
	public static String VmEditor_console;
	public static String VmEditor_consoleAllInterfaces;
	public static String VmEditor_consoleAtStart;
	public static String VmEditor_consoleNoPort;
	public static String VmEditor_consoleTunnel;
	public static String VmEditor_consoleViewer;
	public static String VmEditor_copy;
	public static String VmEditor_deleteVolume;
	public static String VmEditor_device;
	public static String VmEditor_format;
	public static String VmEditor_growOnly;
	public static String VmEditor_history;
	public static String VmEditor_mac;
	public static String VmEditor_message;
	public static String VmEditor_model;
	public static String VmEditor_network;
	public static String VmEditor_networkColumn;
	public static String VmEditor_noConsole;
	public static String VmEditor_notANumber;
	public static String VmEditor_operation;
	public static String VmEditor_outcome;
	public static String VmEditor_removeButton;
	public static String VmEditor_removeDisk;
	public static String VmEditor_removeNic;
	public static String VmEditor_removeNicPrompt;
	public static String VmEditor_removeNicTitle;
	public static String VmEditor_removePrompt;
	public static String VmEditor_removeTitle;
	public static String VmEditor_resizeDisk;
	public static String VmEditor_resizePrompt;
	public static String VmEditor_resizeTitle;
	public static String VmEditor_size;
	public static String VmEditor_started;
	public static String VmEditor_storage;
	public static String VmEditor_volume;
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
