package org.hostdeck.libvirt.internal;

import static org.hostdeck.tests.support.Commands.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.archive.ArchiveException;
import org.hostdeck.core.archive.ArchiveVerifier;
import org.hostdeck.core.archive.ExportVmOperation;
import org.hostdeck.core.archive.ImportVmOperation;
import org.hostdeck.core.archive.Manifest;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import between two real QEMU hosts: a VM whose disks hold known data (random,
 * zeros, text; a raw and a qcow2 image) exported, imported on the other host, compared byte for
 * byte and booted; damaged, cut and unfinished exports refused with the file named and the
 * target untouched; interrupted exports never verifying and resuming to the same result.
 */
class QemuExportImportTest extends TwoQemuHosts {

	private static final int MIB = 1 << 20;

	@TempDir
	Path work;

	/**
	 * A raw disk of 40 MiB: the looping boot sector, 12 MiB random, 16 MiB zeros, 12 MiB of
	 * repeated text (as OS files compress).
	 */
	private Path mixedDisk(String name) throws IOException {
		byte[] data = new byte[40 * MIB];
		byte[] random = new byte[12 * MIB];
		new Random(42).nextBytes(random);
		System.arraycopy(random, 0, data, 0, random.length);
		System.arraycopy(QemuSessionHost.bootSector(), 0, data, 0, 512);
		byte[] text = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n".getBytes(StandardCharsets.US_ASCII);
		for (int at = 28 * MIB; at < 40 * MIB; at += text.length) {
			System.arraycopy(text, 0, data, at, Math.min(text.length, 40 * MIB - at));
		}
		Path file = qemuA.images().resolve(name + ".raw");
		Files.write(file, data);
		qemuA.own(file);
		return file;
	}

	/** A shut-off VM on qemu-a with the mixed raw disk (vda) and a qcow2 disk (vdb). */
	private VirtualMachine exportable(String name) throws Exception {
		Path raw = mixedDisk(name);
		Path qcow2 = qemuA.spinningDisk(name + "-data");
		qemuA.virsh("pool-refresh", "images");
		connection(hostA).define("<domain type='qemu'><name>" + name + "</name><description>exported by the test</description>"
				+ "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><devices>"
				+ "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + raw + "'/><target dev='vda' bus='virtio'/></disk>"
				+ "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + qcow2 + "'/><target dev='vdb' bus='virtio'/></disk>"
				+ "</devices></domain>");
		Wait.until(name + " in the model", () -> vm(hostA, name) != null);
		return vm(hostA, name);
	}


	private IStatus export(VirtualMachine vm, Path dir) {
		return new ExportVmOperation(service, vm, dir, true).execute(new NullProgressMonitor());
	}

	private static ImportVmOperation.Options move() {
		return new ImportVmOperation.Options("images", null, true, Map.of());
	}

	@Test
	void aVmExportedAndImportedOnAnotherHostHasTheSameBytesAndBoots() throws Exception {
		VirtualMachine vm = exportable("carried");
		Path dir = work.resolve("carried");
		IStatus exported = export(vm, dir);
		assertEquals(IStatus.INFO, exported.getSeverity(), exported.getMessage());
		assertTrue(exported.getMessage().endsWith(", verified"), exported.getMessage());
		Manifest manifest = Manifest.read(dir);
		assertTrue(manifest.chunks("disk-0.zst").stream().filter(Manifest.Chunk::hole).count() >= 3,
				"the 16 MiB of zeros are holes, not compressed zeros");
		assertTrue(Files.size(dir.resolve("disk-0.zst")) < 20L * MIB, "random stays, zeros and text shrink: " + Files.size(dir.resolve("disk-0.zst")));

		IStatus imported = new ImportVmOperation(service, dir, hostB, move()).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		assertEquals(sha256(qemuA.images().resolve("carried.raw")), sha256(qemuB.images().resolve("carried.raw")), "the raw disk, byte for byte");
		assertEquals(sha256(qemuA.images().resolve("carried-data.qcow2")), sha256(qemuB.images().resolve("carried-data.qcow2")),
				"the qcow2 disk, byte for byte");
		VirtualMachine copy = vm(hostB, "carried");
		assertNotNull(copy);
		assertEquals(service.query(i -> vm.getUuid()), service.query(i -> copy.getUuid()), "moved: same identity");
		assertEquals("exported by the test", service.query(i -> copy.getDescription()));

		String uuid = service.query(i -> copy.getUuid());
		connection(hostB).power(uuid, PowerAction.START);
		Wait.until("the imported VM runs its boot sector", () -> {
			try {
				return connection(hostB).stats(uuid).cpuTime() > 500_000_000L;
			} catch (Exception e) {
				return false;
			}
		});
		assertEquals(PowerState.RUNNING, service.query(i -> copy.getPowerState()));

		// the same export once more as a copy: new name, new UUID, its own volumes
		IStatus copied = new ImportVmOperation(service, dir, hostB, new ImportVmOperation.Options("images", "carried-copy", false, Map.of()))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, copied.getSeverity(), copied.getMessage());
		VirtualMachine second = vm(hostB, "carried-copy");
		assertFalse(service.query(i -> second.getUuid()).equals(uuid), "a copy gets a new UUID");
		assertTrue(volumesOnB().containsAll(List.of("carried-copy.img", "carried-copy-2.qcow2")), volumesOnB().toString());
	}

	@Test
	void damagedCutAndUnfinishedExportsAreRefusedNamingTheFileAndTheHostStaysUnchanged() throws Exception {
		VirtualMachine vm = exportable("fragile");
		Path dir = work.resolve("fragile");
		assertEquals(IStatus.INFO, export(vm, dir).getSeverity());
		List<String> volumes = volumesOnB();
		List<String> domains = domainsOnB();

		Path tampered = copy(dir, "tampered");
		Path disk = tampered.resolve("disk-0.zst");
		try (var ch = java.nio.channels.FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
			ch.read(b, 1000);
			b.flip();
			b.put(0, (byte) (b.get(0) ^ 0x5a));
			ch.write(b, 1000);
		}
		assertRefused(tampered, disk + " chunk 0 (bytes 0 to ");

		Path cut = copy(dir, "cut");
		Path cutDisk = cut.resolve("disk-1.zst");
		try (var ch = java.nio.channels.FileChannel.open(cutDisk, StandardOpenOption.WRITE)) {
			ch.truncate(Files.size(cutDisk) / 2);
		}
		assertRefused(cut, cutDisk + " has ");

		Path unfinished = copy(dir, "unfinished");
		Files.delete(unfinished.resolve(Manifest.NAME));
		assertRefused(unfinished, unfinished.resolve(Manifest.NAME) + " is missing: the export did not finish");

		Path edited = copy(dir, "edited");
		Path manifest = edited.resolve(Manifest.NAME);
		Files.writeString(manifest, Files.readString(manifest).replaceFirst("hole disk-0.zst", "hole disk-1.zst"));
		assertRefused(edited, manifest + " is cut short or was changed");

		assertEquals(volumes, volumesOnB(), "no volume was made on the target");
		assertEquals(domains, domainsOnB(), "no VM was defined on the target");
	}

	private Path copy(Path dir, String name) throws IOException {
		return copyFolder(dir, work.resolve(name));
	}

	private void assertRefused(Path dir, String start) {
		IStatus status = new ImportVmOperation(service, dir, hostB, move()).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertTrue(status.getMessage().startsWith("Import " + dir.getFileName() + " to qemu-b: " + start), status.getMessage());
		assertTrue(status.getMessage().endsWith("Nothing was changed on the host."), status.getMessage());
	}

	@Test
	void anInterruptedExportNeverVerifiesAndResumesToTheSameExport() throws Exception {
		VirtualMachine vm = exportable("resumed");
		Path whole = work.resolve("whole");
		assertEquals(IStatus.INFO, export(vm, whole).getSeverity());

		// the chunks are reported as they are written: the 10 chunks of vda while it streams, vdb's one at its end
		for (int stopAfter : new int[] { 1, 4, 8 }) {
			Path dir = work.resolve("resumed-" + stopAfter);
			int[] chunks = { 0 };
			NullProgressMonitor cancelling = new NullProgressMonitor() {
				@Override
				public void subTask(String name) {
					if (name.startsWith("resumed ") && ++chunks[0] >= stopAfter) {
						setCanceled(true);
					}
				}
			};
			assertThrows(OperationCanceledException.class,
					() -> new ExportVmOperation(service, vm, dir, false).execute(cancelling));
			ArchiveException unfinished = assertThrows(ArchiveException.class, () -> ArchiveVerifier.verify(dir, new NullProgressMonitor()));
			assertTrue(unfinished.getMessage().contains("is missing: the export did not finish"), unfinished.getMessage());
			assertTrue(Files.exists(dir.resolve("export.journal")), "the journal lets it resume");

			IStatus resumed = new ExportVmOperation(service, vm, dir, true).execute(new NullProgressMonitor());
			assertEquals(IStatus.INFO, resumed.getSeverity(), resumed.getMessage());
			assertFalse(Files.exists(dir.resolve("export.journal")), "gone with the manifest");
			for (String file : List.of("disk-0.zst", "disk-1.zst")) {
				assertEquals(sha256(whole.resolve(file)), sha256(dir.resolve(file)), file + " after a stop at chunk " + stopAfter);
			}
		}
	}

	@Test
	void whatAKillLeavesBehindNeverVerifiesAndResumes() throws Exception {
		// a killed export leaves its files as far as they were written: every prefix of the stream and journal
		VirtualMachine vm = exportable("killed");
		Path whole = work.resolve("killed-whole");
		Path dir = work.resolve("killed");
		NullProgressMonitor stopMidway = new NullProgressMonitor() {
			private int chunks;

			@Override
			public void subTask(String name) {
				if (name.startsWith("killed vda") && ++chunks >= 6) {
					setCanceled(true);
				}
			}
		};
		assertThrows(OperationCanceledException.class, () -> new ExportVmOperation(service, vm, dir, false).execute(stopMidway));
		assertEquals(IStatus.INFO, export(vm, whole).getSeverity());
		long length = Files.size(dir.resolve("disk-0.zst"));
		String journal = Files.readString(dir.resolve("export.journal"));
		for (long cutAt : new long[] { 0, 1, length / 3, length / 2 + 17, length - 1 }) {
			Path killed = copy(dir, "killed-at-" + cutAt);
			try (var ch = java.nio.channels.FileChannel.open(killed.resolve("disk-0.zst"), StandardOpenOption.WRITE)) {
				ch.truncate(cutAt);
			}
			// the journal may have been written further than the data reached the disk
			Files.writeString(killed.resolve("export.journal"), journal.substring(0, journal.length() - (int) (cutAt % 7)));
			Files.deleteIfExists(killed.resolve("disk-1.zst"));
			assertThrows(ArchiveException.class, () -> ArchiveVerifier.verify(killed, new NullProgressMonitor()));
			IStatus resumed = new ExportVmOperation(service, vm, killed, true).execute(new NullProgressMonitor());
			assertEquals(IStatus.INFO, resumed.getSeverity(), resumed.getMessage());
			assertEquals(sha256(whole.resolve("disk-0.zst")), sha256(killed.resolve("disk-0.zst")), "cut at " + cutAt);
			assertEquals(sha256(whole.resolve("disk-1.zst")), sha256(killed.resolve("disk-1.zst")), "cut at " + cutAt);
		}
	}

	@Test
	void anImportCutOffWhenTheTargetHostDiesGoesOnWhereItStoppedOnceTheHostIsBack() throws Exception {
		VirtualMachine vm = exportable("resumed");
		Path dir = work.resolve("resumed");
		assertEquals(IStatus.INFO, export(vm, dir).getSeverity());
		int vdaChunks = Manifest.read(dir).chunks("disk-0.zst").size();

		// the target's daemon is killed while the second disk streams in: nothing can be undone there
		IStatus cut = new ImportVmOperation(service, dir, hostB, move()).execute(qemuB.killingDaemonAt("resumed vdb"));
		assertEquals(IStatus.ERROR, cut.getSeverity(), cut.getMessage());
		assertTrue(cut.getMessage().endsWith("Or import again with the same choices: it goes on where this one stopped."), cut.getMessage());
		assertTrue(Files.exists(dir.resolve("import.journal")));

		qemuB.startDaemon();
		Wait.until("qemu-b connected again", () -> service.query(i -> hostB.getState()) == org.hostdeck.model.HostState.CONNECTED,
				java.time.Duration.ofSeconds(60));
		ImportVmOperation again = new ImportVmOperation(service, dir, hostB, move());
		Wait.until("the pool seen again", () -> again.precheck().isEmpty(), java.time.Duration.ofSeconds(30));
		IStatus resumed = again.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, resumed.getSeverity(), resumed.getMessage());
		assertTrue(resumed.getMessage().contains("; resumed: " + vdaChunks + " of "), "the first disk was not sent again: " + resumed.getMessage());
		assertEquals(sha256(qemuA.images().resolve("resumed.raw")), sha256(qemuB.images().resolve("resumed.raw")));
		assertEquals(sha256(qemuA.images().resolve("resumed-data.qcow2")), sha256(qemuB.images().resolve("resumed-data.qcow2")));
		assertFalse(Files.exists(dir.resolve("import.journal")), "the journal goes with a finished import");
	}

	@Test
	void exportAndImportRefuseWhatTheyCannotDoBeforeTouchingAnything() throws Exception {
		VirtualMachine vm = exportable("strict");
		String uuid = service.query(i -> vm.getUuid());
		connection(hostA).power(uuid, PowerAction.START);
		Wait.until("running", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING);
		Path dir = work.resolve("strict");
		assertEquals(List.of("strict is running: an export needs it shut off, so its disks do not change while they are copied. Shut it down first."),
				new ExportVmOperation(service, vm, dir, false).precheck());
		assertFalse(Files.exists(dir), "nothing written");
		connection(hostA).power(uuid, PowerAction.FORCE_OFF);
		Wait.until("shut off", () -> service.query(i -> vm.getPowerState()) == PowerState.SHUT_OFF);
		assertEquals(IStatus.INFO, export(vm, dir).getSeverity());
		assertEquals(List.of(dir + " holds a finished export already. Choose an empty folder."),
				new ExportVmOperation(service, vm, dir, false).precheck());

		qemuB.defineNetwork("lab", "virbr-ib");
		connection(hostB).define(QemuSessionHost.domainXml("strict", qemuB.spinningDisk("other")));
		Wait.until("the name taken on qemu-b", () -> vm(hostB, "strict") != null);
		assertEquals(List.of("qemu-b has a VM named 'strict' already. Import it under another name.",
				"Storage: qemu-b has no pool 'nopool'. Choose one of its pools."),
				new ImportVmOperation(service, dir, hostB, new ImportVmOperation.Options("nopool", null, false, Map.of())).precheck());
		assertEquals(List.of(), new ImportVmOperation(service, dir, hostB, new ImportVmOperation.Options("images", "strict-2", false, Map.of()))
				.precheck());
	}
}
