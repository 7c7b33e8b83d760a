package org.hostdeck.libvirt.internal;

import static org.hostdeck.tests.support.Commands.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.archive.ExportVmOperation;
import org.hostdeck.core.archive.ExportedVm;
import org.hostdeck.core.archive.ImportVmOperation;
import org.hostdeck.core.archive.Manifest;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports crafted as an attacker would, against a real QEMU host: the definition, the manifest
 * and the description edited and every checksum recomputed. Whatever reaches outside the VM is
 * left out and named, a structure that does not hold together is refused before the host is
 * touched, and the host's domains, volumes and a file of its own are as before.
 */
class QemuHostileImportTest extends TwoQemuHosts {

	private static final int MIB = 1 << 20;

	@TempDir
	Path work;

	/** A copy of {@code dir} as {@code name}. */
	private Path copy(Path dir, String name) throws IOException {
		return copyFolder(dir, work.resolve(name));
	}

	/** The manifest rewritten as anyone can: its chunks edited, every file's size and SHA-256 recomputed. */
	private static void resign(Path dir, UnaryOperator<List<Manifest.Chunk>> edit) throws Exception {
		Manifest old = Manifest.read(dir);
		List<Manifest.FileEntry> files = new ArrayList<>();
		for (Manifest.FileEntry f : old.files()) {
			files.add(new Manifest.FileEntry(f.name(), Files.size(dir.resolve(f.name())), sha256(dir.resolve(f.name()))));
		}
		new Manifest(files, edit.apply(new ArrayList<>(old.chunks()))).write(dir);
	}

	private static ExportedVm withDefinition(ExportedVm vm, String definition) {
		return new ExportedVm(vm.name(), vm.uuid(), vm.sourceHost(), vm.description(), vm.cpuWeight(), vm.template(), vm.profile(), vm.memory(),
				vm.disks(), vm.networks(), definition);
	}

	private IStatus importAs(Path dir, String name) {
		return new ImportVmOperation(service, dir, hostB, new ImportVmOperation.Options("images", name, false, Map.of())) //$NON-NLS-1$
				.execute(new NullProgressMonitor());
	}

	private void assertRefused(Path dir, String problem) {
		IStatus status = importAs(dir, "victim-" + dir.getFileName()); //$NON-NLS-1$
		assertEquals(IStatus.ERROR, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().contains(problem), status.getMessage());
	}

	@Test
	void aCraftedExportNeverReachesTheHostsFilesOrPool() throws Exception {
		byte[] image = new byte[8 * MIB];
		new Random(5).nextBytes(image);
		System.arraycopy(QemuSessionHost.bootSector(), 0, image, 0, 512);
		Path disk = qemuA.rawDisk("victim", image); //$NON-NLS-1$
		qemuA.virsh("pool-refresh", "images"); //$NON-NLS-1$ //$NON-NLS-2$
		connection(hostA).define(QemuSessionHost.domainXml("victim", disk, "raw")); //$NON-NLS-1$ //$NON-NLS-2$
		Wait.until("victim in the model", () -> vm(hostA, "victim") != null); //$NON-NLS-1$ //$NON-NLS-2$
		VirtualMachine vm = vm(hostA, "victim"); //$NON-NLS-1$
		Path dir = work.resolve("victim"); //$NON-NLS-1$
		IStatus exported = new ExportVmOperation(service, vm, dir, true).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, exported.getSeverity(), exported.getMessage());

		Path secret = work.resolve("host-secret"); // a file of the target host, and world-readable //$NON-NLS-1$
		Files.writeString(secret, "root:$6$secret\n"); //$NON-NLS-1$
		secret.toFile().setReadable(true, false);
		String secretSum = sha256(secret);
		List<String> volumes = volumesOnB();
		List<String> domains = domainsOnB();

		// a structure that does not hold together: refused, nothing made
		Path far = copy(dir, "far"); //$NON-NLS-1$
		resign(far, c -> {
			Manifest.Chunk last = c.get(c.size() - 1);
			c.set(c.size() - 1, new Manifest.Chunk(last.file(), last.index(), 1L << 40, last.rawLength(), last.storedOffset(), last.storedLength(),
					last.sha256()));
			return c;
		});
		assertRefused(far, "starts at byte 1099511627776 of the image"); //$NON-NLS-1$

		Path unstreamed = copy(dir, "unstreamed"); //$NON-NLS-1$
		ExportedVm described = ExportedVm.read(unstreamed);
		List<ExportedVm.Disk> disks = new ArrayList<>(described.disks());
		disks.add(new ExportedVm.Disk("disk-1.zst", "vdb", "/var/lib/libvirt/images/data.img", "data.img", "raw", 48L * MIB, 48L * MIB)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		described.withDisks(disks).write(unstreamed);
		resign(unstreamed, c -> c);
		assertRefused(unstreamed, "names stream 'disk-1.zst' for disk vdb, which the manifest does not list"); //$NON-NLS-1$

		Path huge = copy(dir, "huge"); //$NON-NLS-1$
		ExportedVm.Disk d = described.disks().get(0);
		described.withDisks(List.of(new ExportedVm.Disk(d.file(), d.target(), d.path(), d.volume(), "raw", 100L << 40, d.size()))).write(huge); //$NON-NLS-1$
		resign(huge, c -> c);
		assertRefused(huge, "need 100 TiB; pool 'images' on qemu-b has "); //$NON-NLS-1$

		assertEquals(volumes, volumesOnB(), "no volume was made on the target"); //$NON-NLS-1$
		assertEquals(domains, domainsOnB(), "no VM was defined on the target"); //$NON-NLS-1$

		// a definition asking for a file of the host and QEMU arguments: imported without them, and named
		Path crafted = copy(dir, "crafted"); //$NON-NLS-1$
		String definition = described.definition()
				.replaceFirst("<domain ", "<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' ") //$NON-NLS-1$ //$NON-NLS-2$
				.replace("</devices>", "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + secret //$NON-NLS-1$ //$NON-NLS-2$
						+ "'/><target dev='vdb' bus='virtio'/></disk><serial type='file'><source path='" + secret + "'/></serial></devices>" //$NON-NLS-1$ //$NON-NLS-2$
						+ "<qemu:commandline><qemu:arg value='-drive'/><qemu:arg value='file=" + secret + ",if=virtio'/></qemu:commandline>"); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(definition.contains("qemu:commandline") && definition.contains(secret.toString()), definition); //$NON-NLS-1$
		withDefinition(described, definition).write(crafted);
		resign(crafted, c -> c);
		IStatus imported = importAs(crafted, "victim-copy"); //$NON-NLS-1$
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		for (String named : new String[] { "Left out of the exported definition", "disk vdb on " + secret + " (not one of the volumes this import made)", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"<devices/serial> type='file'", "<qemu:commandline>" }) { //$NON-NLS-1$ //$NON-NLS-2$
			assertTrue(imported.getMessage().contains(named), "not named: " + named + " in " + imported.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String onHost = qemuB.virsh("dumpxml", "victim-copy"); //$NON-NLS-1$ //$NON-NLS-2$
		assertFalse(onHost.contains(secret.toString()), onHost);
		assertFalse(onHost.contains("commandline"), onHost); //$NON-NLS-1$
		assertTrue(onHost.contains(qemuB.images().resolve("victim-copy.img").toString()), onHost); //$NON-NLS-1$

		// it runs as the VM it was, on its own disk
		String uuid = service.query(i -> vm(hostB, "victim-copy").getUuid()); //$NON-NLS-1$
		connection(hostB).power(uuid, PowerAction.START);
		Wait.until("the imported VM runs its boot sector", () -> { //$NON-NLS-1$
			try {
				return connection(hostB).stats(uuid).cpuTime() > 300_000_000L;
			} catch (Exception e) {
				return false;
			}
		});
		connection(hostB).power(uuid, PowerAction.FORCE_OFF);

		List<String> after = new ArrayList<>(volumes);
		after.add("victim-copy.img"); //$NON-NLS-1$
		assertEquals(after.stream().sorted().toList(), volumesOnB(), "the import's own volume only"); //$NON-NLS-1$
		assertEquals(secretSum, sha256(secret), "the host's file is as it was"); //$NON-NLS-1$
	}
}
