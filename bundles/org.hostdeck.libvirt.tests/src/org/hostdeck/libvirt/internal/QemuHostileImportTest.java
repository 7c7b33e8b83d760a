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
		runsItsBootSector("victim-copy"); //$NON-NLS-1$

		List<String> after = new ArrayList<>(volumes);
		after.add("victim-copy.img"); //$NON-NLS-1$
		assertEquals(after.stream().sorted().toList(), volumesOnB(), "the import's own volume only"); //$NON-NLS-1$
		assertEquals(secretSum, sha256(secret), "the host's file is as it was"); //$NON-NLS-1$
	}

	/** An export of a small VM of host A that boots its boot sector. */
	private Path exportOfA(String name) throws Exception {
		byte[] image = new byte[4 * MIB];
		new Random(11).nextBytes(image);
		System.arraycopy(QemuSessionHost.bootSector(), 0, image, 0, 512);
		Path disk = qemuA.rawDisk(name, image);
		qemuA.virsh("pool-refresh", "images"); //$NON-NLS-1$ //$NON-NLS-2$
		connection(hostA).define(QemuSessionHost.domainXml(name, disk, "raw")); //$NON-NLS-1$
		Wait.until(name + " in the model", () -> vm(hostA, name) != null); //$NON-NLS-1$
		Path dir = work.resolve(name);
		IStatus exported = new ExportVmOperation(service, vm(hostA, name), dir, true).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, exported.getSeverity(), exported.getMessage());
		return dir;
	}

	@Test
	void pathsInNameFieldsAndAnotherVmsDiskNeverReachTheHost() throws Exception {
		Path dir = exportOfA("lodger"); //$NON-NLS-1$
		ExportedVm described = ExportedVm.read(dir);
		ExportedVm.Disk d = described.disks().get(0);
		byte[] theirs = new byte[2 * MIB];
		new Random(13).nextBytes(theirs);
		Path bystanderDisk = qemuB.rawDisk("bystander", theirs); // another VM's disk on the target //$NON-NLS-1$
		qemuB.virsh("pool-refresh", "images"); //$NON-NLS-1$ //$NON-NLS-2$
		connection(hostB).define(QemuSessionHost.domainXml("bystander", bystanderDisk, "raw")); //$NON-NLS-1$ //$NON-NLS-2$
		Wait.until("bystander in the model", () -> vm(hostB, "bystander") != null); //$NON-NLS-1$ //$NON-NLS-2$
		String bystanderSum = sha256(bystanderDisk);

		// '../' in every name field of vm.xml: refused, naming the field, before the host is touched
		Map<String, ExportedVm> crafted = new java.util.LinkedHashMap<>();
		crafted.put("gives the VM the name '../../etc/cron.d/evil'", new ExportedVm("../../etc/cron.d/evil", described.uuid(), //$NON-NLS-1$ //$NON-NLS-2$
				described.sourceHost(), described.description(), described.cpuWeight(), false, null, described.memory(), described.disks(),
				described.networks(), described.definition()));
		crafted.put("and volume '../../../tmp/evil.img'", described.withDisks(List.of(new ExportedVm.Disk(d.file(), d.target(), d.path(), //$NON-NLS-1$
				"../../../tmp/evil.img", d.format(), d.capacity(), d.size())))); //$NON-NLS-1$
		crafted.put("has a disk '../vda'", described.withDisks(List.of(new ExportedVm.Disk(d.file(), "../vda", d.path(), d.volume(), //$NON-NLS-1$ //$NON-NLS-2$
				d.format(), d.capacity(), d.size()))));
		crafted.put("the stream '../" + d.file() + "'", described.withDisks(List.of(new ExportedVm.Disk("../" + d.file(), d.target(), d.path(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				d.volume(), d.format(), d.capacity(), d.size()))));
		crafted.put("'../default'", new ExportedVm(described.name(), described.uuid(), described.sourceHost(), described.description(), //$NON-NLS-1$
				described.cpuWeight(), false, null, described.memory(), described.disks(), List.of("../default"), //$NON-NLS-1$
				described.definition().replace("network='default'", "network='../default'"))); //$NON-NLS-1$ //$NON-NLS-2$
		Map<String, Path> edited = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, ExportedVm> c : crafted.entrySet()) {
			Path copy = copy(dir, "named-" + edited.size()); //$NON-NLS-1$
			c.getValue().write(copy);
			resign(copy, chunks -> chunks);
			edited.put(c.getKey(), copy);
		}
		List<String> exportsBefore = listing(work); // where a '../' from an export folder leads
		List<String> volumes = volumesOnB();
		List<String> domains = domainsOnB();
		edited.forEach((problem, copy) -> assertRefused(copy, problem));
		assertEquals(volumes, volumesOnB(), "no volume was made on the target"); //$NON-NLS-1$
		assertEquals(domains, domainsOnB(), "no VM was defined on the target"); //$NON-NLS-1$
		assertEquals(exportsBefore, listing(work), "nothing was made or changed beside or in the exports"); //$NON-NLS-1$
		assertFalse(Files.exists(Path.of("/tmp/evil.img")) || Files.exists(qemuB.images().resolve("../../../tmp/evil.img").normalize()), //$NON-NLS-1$ //$NON-NLS-2$
				"no volume outside the pool"); //$NON-NLS-1$

		// a definition that also names the bystander's disk: imported on its own volume only, the other disk left out and named
		Path greedy = copy(dir, "greedy"); //$NON-NLS-1$
		withDefinition(described, described.definition().replace("</devices>", "<disk type='file' device='disk'><driver name='qemu' type='raw'/>" //$NON-NLS-1$ //$NON-NLS-2$
				+ "<source file='" + bystanderDisk + "'/><target dev='vdb' bus='virtio'/></disk></devices>")).write(greedy); //$NON-NLS-1$ //$NON-NLS-2$
		resign(greedy, chunks -> chunks);
		IStatus imported = importAs(greedy, "lodger-copy"); //$NON-NLS-1$
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		assertTrue(imported.getMessage().contains("disk vdb on " + bystanderDisk + " (not one of the volumes this import made)"), //$NON-NLS-1$ //$NON-NLS-2$
				imported.getMessage());
		String onHost = qemuB.virsh("dumpxml", "lodger-copy"); //$NON-NLS-1$ //$NON-NLS-2$
		assertFalse(onHost.contains(bystanderDisk.toString()), onHost);
		runsItsBootSector("lodger-copy"); //$NON-NLS-1$
		assertEquals(bystanderSum, sha256(bystanderDisk), "the other VM's disk is as it was"); //$NON-NLS-1$
		List<String> after = new ArrayList<>(volumes);
		after.add("lodger-copy.img"); //$NON-NLS-1$
		assertEquals(after.stream().sorted().toList(), volumesOnB(), "the import's own volume only"); //$NON-NLS-1$
	}

	/** Starts the VM {@code name} of host B, waits until it has run its boot sector a while, and forces it off. */
	private void runsItsBootSector(String name) throws Exception {
		String uuid = service.query(i -> vm(hostB, name).getUuid());
		connection(hostB).power(uuid, PowerAction.START);
		Wait.until(name + " runs its boot sector", () -> { //$NON-NLS-1$
			try {
				return connection(hostB).stats(uuid).cpuTime() > 300_000_000L;
			} catch (Exception e) {
				return false;
			}
		});
		connection(hostB).power(uuid, PowerAction.FORCE_OFF);
	}

	/** The names in {@code dir} and below, with sizes. */
	private static List<String> listing(Path dir) throws IOException {
		try (var all = Files.walk(dir)) {
			return all.filter(Files::isRegularFile).map(p -> {
				try {
					return dir.relativize(p) + " " + Files.size(p); //$NON-NLS-1$
				} catch (IOException e) {
					return dir.relativize(p) + " gone"; //$NON-NLS-1$
				}
			}).sorted().toList();
		}
	}
}
