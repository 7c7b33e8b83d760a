package org.hostdeck.tests.support.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a host description for libvirt's test driver: {@code test:///<file>} then opens a
 * private, real libvirt host with these CPUs, memory, networks, pools and domains. Each
 * {@code Connect} to the file gets its own copy, so tests do not disturb each other.
 */
public final class TestHostFile {

	/** A domain to put on the host. */
	public record Vm(String name, String uuid, int vcpus, long memoryMiB, boolean running, String network,
			String pool, String volume) {
	}

	private final String name;
	private int cpus = 16;
	private int mhz = 2600;
	private int sockets = 2;
	private int cores = 4;
	private int threads = 2;
	private long memoryKiB = 64L * 1024 * 1024;
	private final List<Vm> vms = new ArrayList<>();
	private final List<String[]> nics = new ArrayList<>();
	private final List<String[]> networks = new ArrayList<>();
	private final List<String[]> volumes = new ArrayList<>();

	public TestHostFile(String name) {
		this.name = name;
		networks.add(new String[] { "default", "virbr0", "192.168.122.1" }); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** CPUs: sockets (in the one NUMA cell), cores per socket, threads per core, clock. */
	public TestHostFile cpu(int socketCount, int coresPerSocket, int threadsPerCore, int clockMhz) {
		this.sockets = socketCount;
		this.cores = coresPerSocket;
		this.threads = threadsPerCore;
		this.cpus = socketCount * coresPerSocket * threadsPerCore;
		this.mhz = clockMhz;
		return this;
	}

	public TestHostFile memoryGiB(long gib) {
		this.memoryKiB = gib * 1024 * 1024;
		return this;
	}

	public TestHostFile network(String networkName, String bridge, String gateway) {
		networks.add(new String[] { networkName, bridge, gateway });
		return this;
	}

	/** A volume in the pool {@code default-pool} (path {@code /default-pool/<name>}). */
	/** A physical interface of the host. */
	public TestHostFile nic(String nicName, String mac, int speedMbps) {
		nics.add(new String[] { nicName, mac, Integer.toString(speedMbps) });
		return this;
	}

	public TestHostFile volume(String volumeName, long capacityGiB) {
		volumes.add(new String[] { volumeName, Long.toString(capacityGiB) });
		return this;
	}

	public TestHostFile vm(String vmName, int vcpus, long memoryMiB, boolean running) {
		return vm(new Vm(vmName, UUID.nameUUIDFromBytes((name + "/" + vmName).getBytes()).toString(), vcpus, memoryMiB, //$NON-NLS-1$
				running, "default", null, null)); //$NON-NLS-1$
	}

	public TestHostFile vm(Vm vm) {
		vms.add(vm);
		return this;
	}

	/** Adds {@code count} VMs named {@code prefix-0001...}, every third one running. */
	public TestHostFile vms(String prefix, int count) {
		for (int i = 1; i <= count; i++) {
			vm(String.format(Locale.ROOT, "%s-%04d", prefix, i), 1 + i % 4, 256L * (1 + i % 8), i % 3 == 0); //$NON-NLS-1$
		}
		return this;
	}

	public List<Vm> vms() {
		return List.copyOf(vms);
	}

	/** Writes {@code <dir>/<name>.xml} and returns its {@code test:///} URI. */
	public String writeTo(Path dir) throws IOException {
		Path file = dir.resolve(name + ".xml").toAbsolutePath(); //$NON-NLS-1$
		Files.createDirectories(dir);
		Files.writeString(file, xml());
		return "test://" + file; //$NON-NLS-1$
	}

	public String xml() {
		StringBuilder b = new StringBuilder(256 + vms.size() * 900);
		b.append("<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n"); //$NON-NLS-1$
		b.append("  <cpu><mhz>").append(mhz).append("</mhz><model>x86_64</model><active>").append(cpus) //$NON-NLS-1$ //$NON-NLS-2$
				.append("</active><max>").append(cpus).append("</max><nodes>1</nodes><sockets>").append(sockets) //$NON-NLS-1$ //$NON-NLS-2$
				.append("</sockets><cores>").append(cores).append("</cores><threads>").append(threads) //$NON-NLS-1$ //$NON-NLS-2$
				.append("</threads></cpu>\n"); //$NON-NLS-1$
		b.append("  <memory>").append(memoryKiB).append("</memory>\n"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String[] n : nics) {
			b.append("  <interface type='ethernet' name='").append(n[0]).append("'><start mode='onboot'/><mac address='") //$NON-NLS-1$ //$NON-NLS-2$
					.append(n[1]).append("'/><link speed='").append(n[2]).append("' state='up'/></interface>\n"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		for (String[] n : networks) {
			b.append("  <network><name>").append(n[0]).append("</name><bridge name='").append(n[1]) //$NON-NLS-1$ //$NON-NLS-2$
					.append("'/><forward mode='nat'/><ip address='").append(n[2]) //$NON-NLS-1$
					.append("' netmask='255.255.255.0'/></network>\n"); //$NON-NLS-1$
		}
		b.append("  <pool type='dir'><name>default-pool</name><target><path>/default-pool</path></target>\n"); //$NON-NLS-1$
		for (String[] v : volumes) {
			b.append("    <volume><name>").append(v[0]).append("</name><capacity unit='GiB'>").append(v[1]) //$NON-NLS-1$ //$NON-NLS-2$
					.append("</capacity><allocation unit='GiB'>1</allocation><target><path>/default-pool/").append(v[0]) //$NON-NLS-1$
					.append("</path><format type='qcow2'/></target></volume>\n"); //$NON-NLS-1$
		}
		b.append("  </pool>\n"); //$NON-NLS-1$
		for (Vm vm : vms) {
			b.append("  <domain type='test'>\n    <name>").append(vm.name()).append("</name><uuid>").append(vm.uuid()) //$NON-NLS-1$ //$NON-NLS-2$
					.append("</uuid>\n    <memory unit='MiB'>").append(vm.memoryMiB()) //$NON-NLS-1$
					.append("</memory><currentMemory unit='MiB'>").append(vm.memoryMiB()) //$NON-NLS-1$
					.append("</currentMemory><vcpu>").append(vm.vcpus()).append("</vcpu>\n") //$NON-NLS-1$ //$NON-NLS-2$
					.append("    <os><type arch='x86_64'>hvm</type></os>\n    <devices>\n"); //$NON-NLS-1$
			String disk = vm.volume() != null ? "/default-pool/" + vm.volume() : "/var/lib/libvirt/images/" + vm.name() + ".qcow2"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			b.append("      <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='").append(disk) //$NON-NLS-1$
					.append("'/><target dev='vda' bus='virtio'/></disk>\n"); //$NON-NLS-1$
			if (vm.network() != null) {
				b.append("      <interface type='network'><source network='").append(vm.network()) //$NON-NLS-1$
						.append("'/><model type='virtio'/></interface>\n"); //$NON-NLS-1$
			}
			b.append("    </devices>\n"); //$NON-NLS-1$
			if (!vm.running()) {
				b.append("    <test:runstate>5</test:runstate>\n"); //$NON-NLS-1$
			}
			b.append("  </domain>\n"); //$NON-NLS-1$
		}
		b.append("</node>\n"); //$NON-NLS-1$
		return b.toString();
	}
}
