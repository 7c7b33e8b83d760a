package org.hostdeck.core.driver;

/**
 * What a host is made of.
 *
 * @param hostname      the host's own name
 * @param hypervisor    the hypervisor type as the driver names it (e.g. {@code QEMU}, {@code Test}, {@code Xen})
 * @param cpuModel      CPU model, e.g. {@code x86_64}
 * @param cpuMhz        clock in MHz
 * @param sockets       CPU sockets (all NUMA nodes)
 * @param cores         cores per socket
 * @param threads       threads per core
 * @param memoryTotal   bytes
 * @param memoryFree    bytes, -1 when unknown
 * @param nics          the host's active physical interfaces; empty when the host does not tell
 */
public record NodeInfo(String hostname, String hypervisor, String cpuModel, int cpuMhz, int sockets, int cores,
		int threads, long memoryTotal, long memoryFree, java.util.List<Nic> nics) {

	/**
	 * A physical network interface of the host.
	 *
	 * @param name      e.g. {@code eno1}
	 * @param mac       its MAC address
	 * @param speedMbps link speed, 0 when unknown
	 */
	public record Nic(String name, String mac, int speedMbps) {
	}
}
