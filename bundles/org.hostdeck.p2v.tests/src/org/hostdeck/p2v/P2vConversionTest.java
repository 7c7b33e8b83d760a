package org.hostdeck.p2v;

import static org.hostdeck.tests.support.Commands.sha256;
import static org.hostdeck.tests.support.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P2V end to end with real components: the "physical server" is this machine behind a real
 * sshd on loopback, its disk a loop device the test makes (ext4 with known files, random data,
 * and a boot sector that loops, so the VM visibly runs); the target a real QEMU session host.
 */
class P2vConversionTest {

	@TempDir
	Path work;

	private SshServer server;
	private QemuSessionHost qemu;
	private InventoryService service;
	private Host host;
	private Path image;
	private String loop;
	private SshSource source;

	@BeforeEach
	void setUp() throws Exception {
		assumeTrue(SshServer.available() && QemuSessionHost.available() && "root".equals(System.getProperty("user.name")),
				"needs openssh-server, libvirt with QEMU, and root");
		server = SshServer.start();
		server.authorizeClientKey();
		qemu = QemuSessionHost.start(4);
		qemu.startImagesPool();
		service = new InventoryService(DriverRegistry.fromServices());
		host = service.addHost("qemu-p2v", qemu.uri());
		assertTrue(service.connect(host, new NullProgressMonitor()).isOK());
		image = work.resolve("physical-disk.img");
		loop = bootableDisk(image);
		source = SshSource.connect(new SshSource.Target("127.0.0.1", server.port(), "root"),
				new SshSource.Credentials.Key(server.clientKey(), ""), work.resolve("known_hosts"), (t, a, f) -> true);
	}

	@AfterEach
	void tearDown() throws Exception {
		if (source != null) {
			source.close();
		}
		if (loop != null) {
			new ProcessBuilder("losetup", "-d", loop).start().waitFor();
		}
		if (service != null) {
			service.close();
		}
		if (qemu != null) {
			qemu.close();
		}
		if (server != null) {
			server.close();
		}
	}

	/** 48 MiB: ext4 holding an /etc/fstab and 8 MiB of random data in a file, and a looping boot sector. */
	private static String bootableDisk(Path image) throws Exception {
		Path content = Files.createDirectories(image.resolveSibling("content/etc"));
		Files.writeString(content.resolve("fstab"), "/dev/sda1 / ext4 defaults 0 1\n");
		byte[] random = new byte[8 << 20];
		new Random(5).nextBytes(random);
		Files.write(content.resolveSibling("data.bin"), random);
		try (var file = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
				java.nio.file.StandardOpenOption.WRITE)) {
			file.truncate(48L << 20);
			file.write(ByteBuffer.wrap(new byte[1]), (48L << 20) - 1);
		}
		run("mkfs.ext4", "-q", "-F", "-d", content.getParent().toString(), image.toString());
		try (var file = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
			file.write(ByteBuffer.wrap(QemuSessionHost.bootSector()), 0); // ext4 leaves its first 1 KiB alone
		}
		return run("losetup", "-f", "--show", image.toString()).trim();
	}

	private P2vOperation.Plan plan(String name) {
		return plan(name, loop);
	}

	private static P2vOperation.Plan plan(String name, String disk) {
		return new P2vOperation.Plan(name, "the test's physical server", 1, 64L << 20, "images", List.of(disk), Map.of(), true);
	}

	@Test
	void aServerIsConvertedByteForByteWithoutTouchingItAndTheVmRuns() throws Exception {
		SourceMachine machine = Discovery.discover(source, 1);
		String before = sha256(image);
		P2vOperation op = new P2vOperation(service, host, source, machine, plan("physical-vm"));
		assertEquals(List.of(), op.precheck());
		IStatus status = op.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().contains("1 disk(s), 48 MiB read compressed with zstd on the wire"), status.getMessage());

		assertEquals(before, sha256(qemu.images().resolve("physical-vm.img")), "the volume holds the source's bytes");
		assertEquals(before, sha256(image), "the source was not written to");
		VirtualMachine vm = service.query(i -> host.getVms().stream().filter(v -> v.getName().equals("physical-vm")).findFirst().orElse(null));
		assertNotNull(vm);
		assertEquals(1, service.query(i -> vm.getVcpus()));
		assertNotNull(service.query(i -> vm.getWorkload()), "the planning profile from discovery");
		assertTrue(service.query(i -> vm.getDescription()).contains("Converted from " + machine.hostname()));

		String uuid = service.query(i -> vm.getUuid());
		var connection = service.session(host).connection();
		connection.power(uuid, PowerAction.START);
		Wait.until("the converted VM runs its boot sector", () -> {
			try {
				return connection.stats(uuid).cpuTime() > 500_000_000L;
			} catch (Exception e) {
				return false;
			}
		}, Duration.ofSeconds(60));
		connection.power(uuid, PowerAction.FORCE_OFF);
	}

	@Test
	void aServerConvertedIntoAFolderIsAnExportThatImportsOntoAHost() throws Exception {
		SourceMachine machine = Discovery.discover(source, 1);
		String before = sha256(image);
		String nic = machine.nics().stream().map(SourceMachine.Nic::name).filter(n -> !n.equals("lo")).findFirst().orElse("lo");
		Path folder = work.resolve("share/db1-export");
		P2vOperation.Plan plan = new P2vOperation.Plan("folder-vm", "kept on the share", 2, 96L << 20, null, List.of(loop), Map.of(nic, "lan"),
				true);
		P2vOperation op = new P2vOperation(source, machine, plan, folder);
		assertEquals(List.of(), op.precheck());
		IStatus status = op.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().startsWith("Convert " + machine.hostname() + " to VM folder-vm in folder " + folder
				+ ": 1 disk(s) as an export: import it onto a host with Import VM... (hostdeck import), 48 MiB read compressed"), status.getMessage());
		assertEquals(before, sha256(image), "the source was not written to");
		org.hostdeck.core.archive.ArchiveVerifier.verify(folder, new NullProgressMonitor()); // whole: every checksum holds
		assertTrue(Files.size(folder.resolve("disk-0.zst")) < 16L << 20, "compressed, zeros as holes: " + Files.size(folder.resolve("disk-0.zst")));
		assertEquals(List.of("Folder: " + folder + " is not empty. Choose an empty or a new folder."),
				new P2vOperation(source, machine, plan, folder).precheck());

		// onto the host, its network mapped
		qemu.defineNetwork("office", "virbr-p2v");
		IStatus imported = new org.hostdeck.core.archive.ImportVmOperation(service, folder, host,
				new org.hostdeck.core.archive.ImportVmOperation.Options("images", null, false, Map.of("lan", "office")))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		assertEquals(before, sha256(qemu.images().resolve("folder-vm.img")), "the imported volume holds the source's bytes");
		VirtualMachine vm = service.query(i -> host.getVms().stream().filter(v -> v.getName().equals("folder-vm")).findFirst().orElse(null));
		assertNotNull(vm);
		assertEquals(2, service.query(i -> vm.getVcpus()));
		assertEquals(96L << 20, service.query(i -> vm.getMemory()));
		assertEquals(List.of("office"), service.query(i -> vm.getNics().stream().map(n -> n.getNetworkName()).toList()));
		assertTrue(service.query(i -> vm.getDescription()).startsWith("kept on the share\nConverted from " + machine.hostname()),
				service.query(i -> vm.getDescription()));
		assertNotNull(service.query(i -> vm.getWorkload()), "the planning profile from discovery came along");
	}

	@Test
	void aCancelledConversionIntoAFolderLeavesNoFolder() throws Exception {
		SourceMachine machine = Discovery.discover(source, 0);
		Path folder = work.resolve("cancelled-export");
		int[] asked = { 0 };
		assertThrows(OperationCanceledException.class, () -> new P2vOperation(source, machine, plan("cancelled-vm"), folder)
				.execute(new NullProgressMonitor() {
					@Override
					public boolean isCanceled() {
						return ++asked[0] > 3;
					}
				}));
		assertFalse(Files.exists(folder), "the folder the conversion made is gone");
		// into a folder that was there: emptied again, kept
		Files.createDirectories(folder);
		asked[0] = 0;
		assertThrows(OperationCanceledException.class, () -> new P2vOperation(source, machine, plan("cancelled-vm"), folder)
				.execute(new NullProgressMonitor() {
					@Override
					public boolean isCanceled() {
						return ++asked[0] > 3;
					}
				}));
		try (var files = Files.list(folder)) {
			assertEquals(List.of(), files.toList());
		}

		// a share with room for 4 MiB: the disk's 8 MiB of random bytes do not compress
		Path share = Files.createDirectories(work.resolve("small-share"));
		run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", share.toString());
		try {
			IStatus full = new P2vOperation(source, machine, plan("full-vm"), share.resolve("full-vm")).execute(new NullProgressMonitor());
			assertEquals(IStatus.ERROR, full.getSeverity(), full.getMessage());
			assertTrue(full.getMessage().contains("No space left on device")
					&& full.getMessage().endsWith("Nothing was left in " + share.resolve("full-vm") + "; the source was not changed."), full.getMessage());
			try (var files = Files.list(share)) {
				assertEquals(List.of(), files.toList(), "no export that could pass for whole, no folder");
			}
		} finally {
			run("umount", share.toString());
		}
	}

	@Test
	void withoutCompressionTheDiskTravelsAsItIsAndArrivesTheSame() throws Exception {
		SourceMachine machine = Discovery.discover(source, 0);
		P2vOperation.Plan plain = new P2vOperation.Plan("plain-vm", "", 1, 64L << 20, "images", List.of(loop), Map.of(), false);
		IStatus status = new P2vOperation(service, host, source, machine, plain).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().contains("1 disk(s), 48 MiB read uncompressed in "), status.getMessage());
		assertEquals(sha256(image), sha256(qemu.images().resolve("plain-vm.img")));
	}

	@Test
	void aCancelledOrFailedConversionLeavesNothingOnTheHostAndTheSourceUnchanged() throws Exception {
		SourceMachine machine = Discovery.discover(source, 0);
		String before = sha256(image);
		List<String> volumes = volumes();
		int[] asked = { 0 };
		assertThrows(OperationCanceledException.class,
				() -> new P2vOperation(service, host, source, machine, plan("cancelled-vm")).execute(new NullProgressMonitor() {
					@Override
					public boolean isCanceled() {
						return ++asked[0] > 3;
					}
				}));
		assertEquals(volumes, volumes(), "no volume left");
		assertTrue(service.session(host).connection().domains().stream().noneMatch(d -> d.name().equals("cancelled-vm")));

		// a disk that cannot be read when its turn comes (gone since discovery): a clear message, nothing left
		String gone = "/dev/hostdeck-gone";
		List<SourceMachine.Disk> disks = new java.util.ArrayList<>(machine.disks());
		disks.add(new SourceMachine.Disk("hostdeck-gone", gone, 1 << 20, List.of(), false));
		SourceMachine changed = new SourceMachine(machine.hostname(), machine.os(), machine.cpus(), machine.cpuModel(), machine.mhz(),
				machine.memory(), machine.memoryUsed(), disks, machine.nics(), machine.utilization());
		IStatus failed = new P2vOperation(service, host, source, changed, plan("failed-vm", gone)).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, failed.getSeverity());
		assertTrue(failed.getMessage().contains("Cannot read " + gone + " on " + machine.hostname() + " (")
				&& failed.getMessage().endsWith("Nothing was left on the host; the source was not changed."), failed.getMessage());
		assertEquals(volumes, volumes());
		assertEquals(before, sha256(image));
	}

	@Test
	void whatCannotWorkIsRefusedBeforeAnythingIsMade() throws Exception {
		SourceMachine machine = Discovery.discover(source, 0);
		qemu.virsh("vol-create-as", "images", "taken.img", "1M");
		qemu.virsh("pool-refresh", "images");
		P2vOperation.Plan plan = new P2vOperation.Plan("taken", "", 0, 1L << 50, "nowhere", List.of("/dev/nothing"), Map.of("lo", "lan"), true);
		List<String> problems = new P2vOperation(service, host, source, machine, plan).precheck();
		assertEquals(List.of("vCPUs: a VM needs at least one.",
				"Memory: " + org.hostdeck.model.util.Sizes.format(1L << 50) + " is more than qemu-p2v has (" + org.hostdeck.model.util.Sizes.format(service.query(i -> host.getMemoryTotal()))
						+ "). Give the VM less or choose a bigger host.",
				"Disks: " + machine.hostname() + " has no disk /dev/nothing.",
				"Storage: qemu-p2v has no pool 'nowhere'. Choose one of its pools.",
				"Network: NIC lo is to go on network 'lan'; qemu-p2v has none. Choose one of them."), problems);
		List<SourceMachine.Disk> disks = new java.util.ArrayList<>(machine.disks());
		disks.add(new SourceMachine.Disk("huge", "/dev/huge", 1L << 50, List.of(), false));
		SourceMachine big = new SourceMachine(machine.hostname(), machine.os(), machine.cpus(), machine.cpuModel(), machine.mhz(),
				machine.memory(), machine.memoryUsed(), disks, machine.nics(), machine.utilization());
		String free = service.session(host).connection().pools().stream().filter(p -> p.name().equals("images")).findFirst().map(
				p -> org.hostdeck.model.util.Sizes.format(p.available())).orElseThrow();
		assertEquals(List.of("Storage: the disks are " + org.hostdeck.model.util.Sizes.format(1L << 50) + "; pool 'images' on qemu-p2v has "
				+ free + " free. Choose a bigger pool or free space there."),
				new P2vOperation(service, host, source, big, plan("huge-vm", "/dev/huge")).precheck());
		List<String> clash = new P2vOperation(service, host, source, machine, plan("taken")).precheck();
		assertEquals(List.of("Storage: pool 'images' on qemu-p2v has a volume 'taken.img' already. Choose another name for the VM, or delete the volume."),
				clash);
	}

	@Test
	void aPoolThatFillsUpDuringTheCopyFailsClearlyAndLeavesNothing() throws Exception {
		// a pool on a 64 MiB file system: room for the 48 MiB disk when checked, then another
		// tenant takes 60 MiB of it before the copy, as on a shared pool: the disk's zeros would
		// stay holes, but its data (8 MiB of random bytes, the file system's tables) no longer fit
		Path small = qemu.folder("small");
		run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0755,uid=65534,gid=65534", "tmpfs", small.toString());
		try {
			qemu.startPool("small", small);
			SourceMachine machine = Discovery.discover(source, 0);
			String before = sha256(image);
			P2vOperation.Plan plan = new P2vOperation.Plan("full-vm", "", 1, 64L << 20, "small", List.of(loop), Map.of(), true);
			P2vOperation op = new P2vOperation(service, host, source, machine, plan);
			assertEquals(List.of(), op.precheck());
			Files.write(small.resolve("other-tenant.bin"), new byte[60 << 20]);
			IStatus status = op.execute(new NullProgressMonitor());
			assertEquals(IStatus.ERROR, status.getSeverity(), status.getMessage());
			assertTrue(status.getMessage().toLowerCase(java.util.Locale.ROOT).contains("space"), status.getMessage());
			assertTrue(status.getMessage().endsWith("Nothing was left on the host; the source was not changed."), status.getMessage());
			try (var files = Files.list(small)) {
				assertEquals(List.of("other-tenant.bin"), files.map(p -> p.getFileName().toString()).toList(), "no volume left");
			}
			assertTrue(service.session(host).connection().domains().stream().noneMatch(d -> d.name().equals("full-vm")));
			assertEquals(before, sha256(image));
		} finally {
			qemu.virsh("pool-destroy", "small");
			run("umount", small.toString());
		}
	}

	private List<String> volumes() throws Exception {
		return service.session(host).connection().pools().stream().flatMap(p -> p.volumes().stream()).map(PoolInfo.VolumeInfo::name).sorted()
				.toList();
	}


}
