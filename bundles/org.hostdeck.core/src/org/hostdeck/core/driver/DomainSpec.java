package org.hostdeck.core.driver;

import java.util.List;

/**
 * A new VM described independently of the hypervisor: what the Install wizard and the CLI
 * produce, and what a driver turns into its own definition (libvirt domain XML for QEMU/KVM or
 * Xen). Sizes are bytes.
 *
 * @param uuid          {@code null} for a new VM (the hypervisor picks one); the VM's own to redefine it
 * @param name          unique on the host
 * @param description   free text, may be empty
 * @param paravirtGuest a Xen paravirtualized guest (booted from a kernel, no emulated firmware);
 *                      {@code false} for a hardware-virtualized (HVM) guest. QEMU/KVM guests are
 *                      always HVM and take their paravirtual path through {@code virtio}
 * @param virtio        paravirtual disks and NICs (virtio; Xen's own for Xen guests);
 *                      {@code false} gives emulated IDE disks and e1000 NICs for guests without drivers
 * @param vcpus         virtual CPUs
 * @param memory        memory
 * @param cpuShares     scheduler weight ({@code <cputune><shares>}; Xen's credit weight); 0 for the
 *                      hypervisor's default
 * @param disks         disks and CD-ROMs, in the order they get their targets
 * @param nics          network interfaces
 * @param boot          how the VM boots the first time
 * @param consoleLog    file on the host where the serial console is also written; {@code null} for none
 */
public record DomainSpec(String uuid, String name, String description, boolean paravirtGuest, boolean virtio, int vcpus,
		long memory, int cpuShares, List<Disk> disks, List<Nic> nics, Boot boot, String consoleLog) {

	public DomainSpec {
		disks = List.copyOf(disks);
		nics = List.copyOf(nics);
		if (boot == null) {
			boot = Boot.DISK;
		}
	}

	/**
	 * A disk or CD-ROM.
	 *
	 * @param path   the image on the host (a pool volume's path)
	 * @param format {@code qcow2}, {@code raw}, or {@code iso}-like raw media
	 * @param cdrom  a read-only CD-ROM rather than a disk
	 */
	public record Disk(String path, String format, boolean cdrom) {
	}

	/**
	 * @param network the host's libvirt network
	 * @param mac     {@code null} to let the hypervisor choose
	 */
	public record Nic(String network, String mac) {
	}

	/**
	 * The first boot: from the disks, from the first CD-ROM, or from a kernel and initrd on the
	 * host with a command line (a network install, the way virt-install does it).
	 */
	public record Boot(boolean cdromFirst, String kernel, String initrd, String cmdline) {

		public static final Boot DISK = new Boot(false, null, null, null);

		public static final Boot CDROM = new Boot(true, null, null, null);

		public static Boot kernel(String kernel, String initrd, String cmdline) {
			return new Boot(false, kernel, initrd, cmdline);
		}

		public boolean fromKernel() {
			return kernel != null;
		}
	}

	/** This VM as it boots after the install: from its disks, with its media still attached. */
	public DomainSpec installed() {
		return new DomainSpec(uuid, name, description, paravirtGuest, virtio, vcpus, memory, cpuShares, disks, nics, Boot.DISK,
				consoleLog);
	}

	/** The same VM, now known by {@code newUuid}. */
	public DomainSpec withUuid(String newUuid) {
		return new DomainSpec(newUuid, name, description, paravirtGuest, virtio, vcpus, memory, cpuShares, disks, nics, boot,
				consoleLog);
	}

	/** The same with {@code boot}. */
	public DomainSpec withBoot(Boot newBoot) {
		return new DomainSpec(uuid, name, description, paravirtGuest, virtio, vcpus, memory, cpuShares, disks, nics, newBoot,
				consoleLog);
	}
}
