package org.hostdeck.core.driver;

import java.util.List;

/**
 * A domain (VM) as the hypervisor describes it.
 *
 * @param uuid        its UUID
 * @param name        its name
 * @param state       power state
 * @param osType      {@code hvm}, {@code xen} (paravirtualized) or {@code linux}/{@code exe}
 * @param vcpus       current virtual CPUs
 * @param maxVcpus    maximum virtual CPUs
 * @param memory      current memory, bytes
 * @param maxMemory   maximum memory, bytes
 * @param cpuTime     CPU time used, nanoseconds
 * @param cpuShares   CPU scheduler weight, 0 when not set
 * @param autostart   starts when the host boots
 * @param description free text from the definition
 * @param disks       disks and CD-ROM drives
 * @param nics        network interfaces
 * @param consoles    graphical consoles as URIs ({@code vnc://127.0.0.1:5901}); port 0 until the VM runs
 */
public record DomainInfo(String uuid, String name, DomainState state, String osType, int vcpus, int maxVcpus,
		long memory, long maxMemory, long cpuTime, int cpuShares, boolean autostart, String description,
		List<DiskInfo> disks, List<NicInfo> nics, List<String> consoles) {

	/** Power state as the driver reports it. */
	public enum DomainState {
		NO_STATE, RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, SHUT_OFF, CRASHED, PM_SUSPENDED
	}

	/**
	 * @param target    device name, e.g. {@code vda}
	 * @param bus       {@code virtio}, {@code ide}, {@code sata}, {@code scsi}, {@code xen}, ...
	 * @param device    {@code disk} or {@code cdrom}
	 * @param format    image format, e.g. {@code qcow2} or {@code raw}; may be null
	 * @param source    file or block device path; may be null (empty CD-ROM)
	 * @param pool      storage pool when the disk names one; may be null
	 * @param volume    volume name when the disk names one; may be null
	 */
	public record DiskInfo(String target, String bus, String device, String format, String source, String pool,
			String volume) {
	}

	/**
	 * @param mac     MAC address
	 * @param network network name, or bridge name for a bridged interface
	 * @param model   NIC model, e.g. {@code virtio}; may be null
	 * @param device  host-side device while running, e.g. {@code vnet0}; may be null
	 */
	public record NicInfo(String mac, String network, String model, String device) {
	}
}
