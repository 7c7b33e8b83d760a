package org.hostdeck.p2v;

import java.util.List;

/**
 * What discovery found on a physical server: the facts the P2V wizard shows and the VM's
 * planning profile is made of.
 *
 * @param cpus        logical processors
 * @param mhz         their clock (the first one's, as /proc/cpuinfo gives it)
 * @param memory      bytes
 * @param memoryUsed  bytes in use (total less available)
 * @param utilization what a short sample measured
 */
public record SourceMachine(String hostname, String os, int cpus, String cpuModel, double mhz, long memory, long memoryUsed,
		List<Disk> disks, List<Nic> nics, Utilization utilization) {

	public SourceMachine {
		disks = List.copyOf(disks);
		nics = List.copyOf(nics);
	}

	/** A whole disk and what is on it; {@code root}: it holds the file system mounted at /. */
	public record Disk(String name, String path, long size, List<Partition> partitions, boolean root) {
		public Disk {
			partitions = List.copyOf(partitions);
		}
	}

	/** A partition (or a file system on the whole disk): file system type, UUID and where it is mounted, when known. */
	public record Partition(String name, String path, long size, String fsType, String uuid, String mountPoint) {
	}

	/** A network interface: its name, MAC and addresses (CIDR). */
	public record Nic(String name, String mac, List<String> addresses) {
		public Nic {
			addresses = List.copyOf(addresses);
		}
	}

	/**
	 * @param cpu        share of all processors busy, 0..1
	 * @param networkBps bytes per second received plus sent, over all interfaces but loopback
	 * @param diskBps    bytes per second read plus written, over all whole disks
	 * @param seconds    how long it was sampled
	 */
	public record Utilization(double cpu, double networkBps, double diskBps, double seconds) {
	}

	/** The seed's consolidation rule: processors x clock x utilization, in MHz. */
	public double consumedMhz() {
		return cpus * mhz * (utilization == null ? 1.0 : utilization.cpu());
	}
}
