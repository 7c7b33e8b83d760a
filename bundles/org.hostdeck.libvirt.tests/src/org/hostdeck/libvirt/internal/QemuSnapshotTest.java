package org.hostdeck.libvirt.internal;

import static org.hostdeck.tests.support.Commands.run;
import static org.hostdeck.tests.support.Commands.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.driver.SnapshotInfo;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.SnapshotOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots on a real QEMU host: data written after a snapshot is gone after reverting to it,
 * snapshots form a tree that survives deleting one, a running VM's snapshot keeps its memory and
 * reverting resumes it, and what libvirt 9.0 cannot do is refused with the reason.
 */
class QemuSnapshotTest extends OneQemuHost {






	private static void ok(IStatus status) {
		assertTrue(status.isOK(), status.getMessage());
	}

	@Test
	void revertingRestoresTheDiskAndTheSnapshotsFormATree() throws Exception {
		Path disk = qemu.spinningDisk("tree");
		VirtualMachine vm = define("tree", disk, "qcow2");
		String clean = guestView(disk);
		ok(SnapshotOperation.create(service, vm, "clean", "as installed", false).execute(new NullProgressMonitor()));

		run("qemu-io", "-f", "qcow2", "-c", "write -P 0xab 512K 256K", disk.toString());
		String written = guestView(disk);
		assertNotEquals(clean, written);
		ok(SnapshotOperation.create(service, vm, "written", "", false).execute(new NullProgressMonitor()));

		List<SnapshotInfo> snapshots = SnapshotOperation.list(service, vm);
		assertEquals(List.of("clean", "written"), snapshots.stream().map(SnapshotInfo::name).toList());
		assertNull(snapshots.get(0).parent());
		assertEquals("as installed", snapshots.get(0).description());
		assertEquals("shutoff", snapshots.get(0).state());
		assertEquals("clean", snapshots.get(1).parent());
		assertTrue(snapshots.get(1).current());

		ok(SnapshotOperation.revert(service, vm, "clean").execute(new NullProgressMonitor()));
		assertEquals(clean, guestView(disk), "what was written after the snapshot is gone");
		ok(SnapshotOperation.revert(service, vm, "written").execute(new NullProgressMonitor()));
		assertEquals(written, guestView(disk));

		ok(SnapshotOperation.delete(service, vm, "clean").execute(new NullProgressMonitor()));
		snapshots = SnapshotOperation.list(service, vm);
		assertEquals(List.of("written"), snapshots.stream().map(SnapshotInfo::name).toList());
		assertNull(snapshots.get(0).parent(), "the child hangs off the deleted one's parent");
		assertEquals(written, guestView(disk), "deleting a snapshot leaves the disk as it is");

		IStatus twice = SnapshotOperation.create(service, vm, "written", "", false).execute(new NullProgressMonitor());
		assertEquals("'tree' has a snapshot 'written' already: choose another name, or delete that one first.", twice.getMessage());
		IStatus missing = SnapshotOperation.revert(service, vm, "nope").execute(new NullProgressMonitor());
		assertEquals("'tree' has no snapshot 'nope'.", missing.getMessage());
	}

	@Test
	void aRunningVmsSnapshotHoldsItsMemoryAndRevertingResumesIt() throws Exception {
		VirtualMachine vm = define("live", qemu.spinningDisk("live"), "qcow2");
		String uuid = service.query(i -> vm.getUuid());
		connection().power(uuid, PowerAction.START);
		Wait.until("live running", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING, Duration.ofSeconds(30));
		ok(SnapshotOperation.create(service, vm, "running", "", false).execute(new NullProgressMonitor()));
		SnapshotInfo taken = SnapshotOperation.list(service, vm).get(0);
		assertEquals("running", taken.state());
		assertTrue(taken.memory());
		connection().power(uuid, PowerAction.FORCE_OFF);
		Wait.until("live off", () -> service.query(i -> vm.getPowerState()) == PowerState.SHUT_OFF, Duration.ofSeconds(30));

		ok(SnapshotOperation.revert(service, vm, "running").execute(new NullProgressMonitor()));
		Wait.until("live running again from its memory", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING,
				Duration.ofSeconds(30));
		connection().power(uuid, PowerAction.FORCE_OFF);
	}

	@Test
	void whatTheHostCannotDoIsRefusedWithTheReason() throws Exception {
		Path raw = qemu.dataDisk("plain", 4, 1);
		VirtualMachine vm = define("plain", raw, "raw");
		IStatus full = SnapshotOperation.create(service, vm, "one", "", false).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, full.getSeverity());
		assertEquals("Disk vda of 'plain' is raw: snapshots with the disks' contents inside need qcow2 images. Take a disk-only snapshot instead.",
				full.getMessage());
		assertTrue(SnapshotOperation.list(service, vm).isEmpty(), "nothing taken");

		// a disk-only snapshot can be taken, but libvirt 9.0 can neither revert to it nor delete it
		ok(SnapshotOperation.create(service, vm, "overlay", "", true).execute(new NullProgressMonitor()));
		SnapshotInfo external = SnapshotOperation.list(service, vm).get(0);
		assertTrue(external.external());
		assertFalse(external.memory());
		String[] version = run("sh", "-c", "virsh -c test:///default version | sed -n 's/Using library: libvirt //p'").trim().split("\\.");
		boolean before99 = Integer.parseInt(version[0]) < 9 || Integer.parseInt(version[0]) == 9 && Integer.parseInt(version[1]) < 9;
		if (before99) { // (this machine: 9.0) a newer libvirt reverts and deletes these itself
			IStatus revert = SnapshotOperation.revert(service, vm, "overlay").execute(new NullProgressMonitor());
			assertTrue(revert.getMessage().startsWith("The snapshot of 'plain' is disk-only (overlay files): libvirt " + String.join(".", version) + " on ")
					&& revert.getMessage().endsWith(" cannot revert to such snapshots (libvirt 9.9 and later can)."), revert.getMessage());
		}
	}

	@Test
	void aUefiGuestsFullSnapshotIsRefusedWithTheReason() throws Exception {
		Path disk = qemu.spinningDisk("efi");
		// the firmware file is only read when the VM starts: a stand-in is enough for the definition (no OVMF here)
		Path firmware = qemu.folder("firmware").resolve("OVMF_CODE.fd");
		Files.write(firmware, new byte[64 * 1024]);
		qemu.own(firmware);
		qemu.virsh("pool-refresh", "images");
		String xml = QemuSessionHost.domainXml("efi", disk, "qcow2").replace("<boot dev='hd'/>",
				"<loader readonly='yes' type='pflash'>" + firmware + "</loader><boot dev='hd'/>").replace("</os>", "</os><features><acpi/></features>");
		connection().define(xml);
		Wait.until("efi in the model", () -> vm("efi") != null, java.time.Duration.ofSeconds(30));
		VirtualMachine vm = vm("efi");
		IStatus full = SnapshotOperation.create(service, vm, "one", "", false).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, full.getSeverity());
		assertTrue(full.getMessage().startsWith("'efi' boots with UEFI firmware (pflash): libvirt ")
				&& full.getMessage().endsWith(" cannot keep its firmware variables in an internal snapshot. Take a disk-only snapshot, or export the VM to keep a copy."),
				full.getMessage());
		assertTrue(SnapshotOperation.list(service, vm).isEmpty(), "nothing taken");
		// what it can do instead
		ok(SnapshotOperation.create(service, vm, "disks", "", true).execute(new NullProgressMonitor()));
		assertEquals(List.of("disks"), SnapshotOperation.list(service, vm).stream().map(SnapshotInfo::name).toList());
	}
}
