package org.hostdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.Leftovers;
import org.hostdeck.libvirt.internal.LibvirtDriver;
import org.hostdeck.model.Host;
import org.hostdeck.p2v.Discovery;
import org.hostdeck.p2v.P2vOperation;
import org.hostdeck.p2v.SourceMachine;
import org.hostdeck.p2v.SshSource;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;

/**
 * Issue 9's performance target, side by side in one run: a 1 GiB "server disk" (a loop device
 * holding the export benchmark's realistic content: a third zeros, a third the machine's own
 * libraries and programs, a third random) behind a real sshd on loopback, converted by HostDeck's
 * P2V into a new volume of a real QEMU host, against {@code ssh host 'cat disk' | zstd -3 -T0 > file}
 * through the same sshd. Target: HostDeck at least 0.8x the pipeline's throughput.
 */
public final class P2vBenchmark {

	private static final int ROUNDS = 5;
	private static final int WARM_UP = 1;

	private P2vBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (!QemuSessionHost.available() || !SshServer.available() || !Files.isExecutable(Path.of("/usr/bin/zstd"))) {
			System.err.println("needs root, libvirt-daemon, libvirt-daemon-driver-qemu, qemu-system-x86, qemu-utils, openssh-server and zstd");
			System.exit(2);
		}
		Path work = Files.createTempDirectory("hostdeck-p2v-bench-");
		Path image = work.resolve("server-disk.img");
		ExportBenchmark.writeRealisticGiB(image);
		String loop = ExportBenchmark.run("losetup", "-f", "--show", image.toString()).trim();
		try (QemuSessionHost q = QemuSessionHost.start(8); SshServer server = SshServer.start();
				InventoryService service = new InventoryService(u -> new LibvirtDriver())) {
			q.startImagesPool();
			server.authorizeClientKey();
			Host host = service.addHost("bench", q.uri());
			IStatus connected = service.connect(host, new NullProgressMonitor());
			if (!connected.isOK()) {
				throw new IllegalStateException(connected.getMessage());
			}
			List<Double> ours = new ArrayList<>();
			List<Double> theirs = new ArrayList<>();
			List<Double> plains = new ArrayList<>();
			List<double[]> plainCpus = new ArrayList<>();
			List<double[]> oursCpu = new ArrayList<>();
			List<Double> theirsCpu = new ArrayList<>();
			try (SshSource source = SshSource.connect(new SshSource.Target("127.0.0.1", server.port(), "root"),
					new SshSource.Credentials.Key(server.clientKey(), ""), work.resolve("known_hosts"), (t, a, f) -> true)) {
				SourceMachine machine = Discovery.discover(source, 0);
				for (int round = 0; round < 2 * (ROUNDS + WARM_UP); round++) {
					// taking turns: compressed on the wire (the wizard's default), then not (for fast links)
					boolean compressed = round % 2 == 0;
					boolean counted = round / 2 >= WARM_UP;
					String name = "p2v-" + round;
					P2vOperation.Plan plan = new P2vOperation.Plan(name, "", 1, 64L << 20, "images", List.of(loop), Map.of(), compressed);
					double jvm0 = ExportBenchmark.jvmCpu();
					double daemon0 = ExportBenchmark.processCpu(q.daemonPid());
					double all0 = machineCpu();
					long t0 = System.nanoTime();
					IStatus status = new P2vOperation(service, host, source, machine, plan).execute(new NullProgressMonitor());
					double seconds = ExportBenchmark.seconds(t0);
					double[] cpu = { ExportBenchmark.jvmCpu() - jvm0, ExportBenchmark.processCpu(q.daemonPid()) - daemon0, machineCpu() - all0 };
					if (status.getSeverity() == IStatus.ERROR) {
						throw new IllegalStateException(status.getMessage());
					}
					String uuid = service.query(i -> host.getVms().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow().getUuid());
					Leftovers.remove(service.session(host).connection(), "images", uuid, List.of(name + ".img"));
					if (counted) {
						(compressed ? ours : plains).add(seconds);
						(compressed ? oursCpu : plainCpus).add(cpu);
					}
					if (!compressed) {
						continue;
					}
					Path out = work.resolve("peer.zst");
					double peer0 = machineCpu();
					t0 = System.nanoTime();
					ExportBenchmark.run("sh", "-c", "ssh -q -i '" + server.clientKey() + "' -p " + server.port()
							+ " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@127.0.0.1 'cat " + loop + "' | zstd -3 -T0 -q > '" + out + "'");
					double peer = ExportBenchmark.seconds(t0);
					double peerCpu = machineCpu() - peer0;
					Files.delete(out);
					if (counted) {
						theirs.add(peer);
						theirsCpu.add(Double.valueOf(peerCpu));
					}
				}
			}
			double hd = ExportBenchmark.median(ours);
			double pipe = ExportBenchmark.median(theirs);
			System.out.println("P2V of a 1 GiB disk (1/3 zeros, 1/3 OS files, 1/3 random) over a loopback sshd, medians of " + ROUNDS + " after "
					+ WARM_UP + " warm-up (" + Runtime.getRuntime().availableProcessors() + " cores):");
			System.out.printf(Locale.ROOT, "  HostDeck P2V (zstd -1 on the source, into a new volume of a QEMU host): %.2f s, %.0f MiB/s%n", hd, 1024 / hd);
			System.out.printf(Locale.ROOT, "  ssh host 'cat disk' | zstd -3 -T0 > file:                               %.2f s, %.0f MiB/s%n", pipe, 1024 / pipe);
			double plain = ExportBenchmark.median(plains);
			double[] plainCpu = plainCpus.get(plains.indexOf(plain));
			System.out.printf(Locale.ROOT, "  HostDeck P2V without compression on the wire:                          %.2f s, %.0f MiB/s%n", plain, 1024 / plain);
			System.out.printf(Locale.ROOT, "  throughput HostDeck/pipeline = %.2f compressed (the wizard's default), %.2f uncompressed (for fast links); target >= 0.80%n",
					pipe / hd, pipe / plain);
			double[] cpu = oursCpu.get(ours.indexOf(hd));
			System.out.printf(Locale.ROOT, "  CPU time, whole machine: HostDeck compressed %.2f s (%.2f s in HostDeck's JVM, %.2f s in the libvirt daemon, the rest sshd and zstd on the source); "
					+ "uncompressed %.2f s (JVM %.2f s, daemon %.2f s); pipeline %.2f s%n", cpu[2], cpu[0], cpu[1], plainCpu[2], plainCpu[0], plainCpu[1],
					theirsCpu.get(theirs.indexOf(pipe)));
		} finally {
			ExportBenchmark.run("losetup", "-d", loop);
			Files.deleteIfExists(image);
			Files.deleteIfExists(work.resolve("known_hosts"));
			Files.deleteIfExists(work);
		}
	}

	/** CPU seconds all processes of this machine have used so far (/proc/stat: user, nice, system, irq, softirq). */
	private static double machineCpu() throws IOException {
		String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
		return ticks / 100.0;
	}
}
