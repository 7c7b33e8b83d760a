package org.hostdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.libvirt.internal.LibvirtDriver;
import org.hostdeck.model.Host;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.TestHostFile;

/**
 * Issue 3's performance targets, measured side by side in one run:
 * <ol>
 * <li>sync of one libvirt test-driver host with 2,000 domains into the model, against virsh
 * listing the host and dumping every domain's XML in one process (target: HostDeck &lt;= virsh);</li>
 * <li>save and load of an inventory of 100,000 objects (target: under 1 s each).</li>
 * </ol>
 * Each figure is the median of several runs after warm-up runs.
 */
public final class InventoryBenchmark {

	private static final int DOMAINS = 2000;
	private static final int RUNS = 5;

	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("hostdeck-bench");
		String uri = new TestHostFile("bench").cpu(2, 16, 2, 2600).memoryGiB(1024).vms("vm", DOMAINS).writeTo(dir);
		Path file = Path.of(uri.substring("test://".length()));

		List<Long> hostdeck = new ArrayList<>();
		List<Long> virsh = new ArrayList<>();
		for (int run = 0; run < RUNS + 2; run++) { // two warm-up runs
			long h = syncOnce(uri);
			long v = virshOnce(file);
			if (run >= 2) {
				hostdeck.add(h);
				virsh.add(v);
			}
		}
		long h = median(hostdeck);
		long v = median(virsh);
		System.out.printf(Locale.ROOT, "sync %d domains: HostDeck %d ms, virsh list+dumpxml %d ms, ratio %.2f (target <= 1.00) %s%n",
				DOMAINS, h, v, (double) h / v, h <= v ? "PASS" : "FAIL");

		Inventory big = inventory(100_000);
		int objects = count(big);
		InventoryStore store = new InventoryStore(dir.resolve("inventory.bin"));
		List<Long> saves = new ArrayList<>();
		List<Long> loads = new ArrayList<>();
		for (int run = 0; run < RUNS + 2; run++) {
			long t0 = System.nanoTime();
			store.save(big);
			long t1 = System.nanoTime();
			Inventory loaded = store.load().inventory();
			long t2 = System.nanoTime();
			if (count(loaded) != objects) {
				throw new IllegalStateException("loaded " + count(loaded) + " objects, saved " + objects);
			}
			if (run >= 2) {
				saves.add((t1 - t0) / 1_000_000);
				loads.add((t2 - t1) / 1_000_000);
			}
		}
		long save = median(saves);
		long load = median(loads);
		System.out.printf(Locale.ROOT, "inventory of %d objects (%d KiB): save %d ms, load %d ms (target < 1000 ms each) %s%n",
				objects, Files.size(store.file()) / 1024, save, load, save < 1000 && load < 1000 ? "PASS" : "FAIL");
		try (var files = Files.walk(dir)) {
			for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	private static long syncOnce(String uri) {
		try (InventoryService service = new InventoryService(u -> new LibvirtDriver())) {
			Host host = service.addHost("bench", uri);
			long t0 = System.nanoTime();
			IStatus status = service.connect(host, new NullProgressMonitor());
			long t1 = System.nanoTime();
			if (!status.isOK() || service.query(i -> host.getVms().size()) != DOMAINS) {
				throw new IllegalStateException("sync failed: " + status);
			}
			return (t1 - t0) / 1_000_000;
		}
	}

	private static long virshOnce(Path file) throws IOException, InterruptedException {
		StringBuilder commands = new StringBuilder("list --all");
		for (int i = 1; i <= DOMAINS; i++) {
			commands.append(String.format(Locale.ROOT, "; dumpxml vm-%04d", i));
		}
		Path script = Files.createTempFile("virsh", ".cmd");
		Files.writeString(script, commands.toString());
		long t0 = System.nanoTime();
		Process p = new ProcessBuilder("sh", "-c", "virsh -c test://" + file + " \"$(cat " + script + ")\" > /dev/null")
				.inheritIO().start();
		int rc = p.waitFor();
		long t1 = System.nanoTime();
		Files.delete(script);
		if (rc != 0) {
			throw new IllegalStateException("virsh failed with " + rc);
		}
		return (t1 - t0) / 1_000_000;
	}

	/** Hosts with VMs, each VM with a disk, a NIC and a workload profile: about {@code objects} in all. */
	private static Inventory inventory(int objects) {
		InventoryFactory f = InventoryFactory.eINSTANCE;
		Inventory inventory = f.createInventory();
		int made = 1;
		int h = 0;
		while (made < objects) {
			Host host = f.createHost();
			host.setName("host-" + h);
			host.setUri("qemu+ssh://root@host-" + h++ + "/system");
			inventory.getHosts().add(host);
			made++;
			for (int v = 0; v < 250 && made < objects; v++) {
				VirtualMachine vm = f.createVirtualMachine();
				vm.setName("vm-" + v);
				vm.setUuid(java.util.UUID.randomUUID().toString());
				vm.setDescription("benchmark VM " + v);
				vm.setMemory(2L << 30);
				vm.setVcpus(2);
				VirtualDisk disk = f.createVirtualDisk();
				disk.setName("vda");
				disk.setPath("/var/lib/libvirt/images/vm-" + v + ".qcow2");
				vm.getDisks().add(disk);
				NetworkInterface nic = f.createNetworkInterface();
				nic.setMac("52:54:00:00:00:01");
				nic.setNetworkName("default");
				vm.getNics().add(nic);
				vm.setWorkload(f.createWorkloadProfile());
				host.getVms().add(vm);
				made += 4;
			}
		}
		return inventory;
	}

	private static int count(Inventory inventory) {
		int n = 1;
		for (var it = inventory.eAllContents(); it.hasNext(); it.next()) {
			n++;
		}
		return n;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	private InventoryBenchmark() {
	}
}
