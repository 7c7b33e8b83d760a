package org.hostdeck.libvirt.internal;

import static org.hostdeck.tests.support.Commands.run;
import static org.hostdeck.tests.support.Commands.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.CloneVmOperation;
import org.hostdeck.core.operations.DeleteVmOperation;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full and linked clones on a real QEMU host: a VM whose raw disk holds a looping boot sector and
 * seeded random data is cloned both ways; both clones boot, their disks show the original's bytes,
 * a write in the linked clone leaves the base alone, the base is protected while the linked clone
 * exists, and a cancelled full clone leaves nothing.
 */
class QemuCloneTest extends OneQemuHost {




	/** A shut-off VM {@code name} on a raw disk of {@code mib} MiB (boot sector + seeded random data). */
	private VirtualMachine original(String name, int mib) throws Exception {
		return define(name, qemu.dataDisk(name, mib, 99), "raw");
	}

	private List<String> volumes() throws Exception {
		return connection().pools().stream().flatMap(p -> p.volumes().stream()).map(PoolInfo.VolumeInfo::name).sorted().toList();
	}


	private void boots(String name) throws Exception {
		VirtualMachine vm = vm(name);
		IStatus started = new VmPowerOperation(service, vm, PowerAction.START).execute(new NullProgressMonitor());
		assertTrue(started.isOK(), started.getMessage());
		String uuid = service.query(i -> vm.getUuid());
		Wait.until(name + " runs its boot sector", () -> {
			try {
				return connection().stats(uuid).cpuTime() > 300_000_000L;
			} catch (Exception e) {
				return false;
			}
		}, Duration.ofSeconds(60));
		connection().power(uuid, PowerAction.FORCE_OFF);
		Wait.until(name + " off", () -> service.query(i -> vm.getPowerState()) == org.hostdeck.model.PowerState.SHUT_OFF, Duration.ofSeconds(30));
	}

	@Test
	void fullAndLinkedClonesBootAndShowTheDataAndTheBaseIsProtected() throws Exception {
		VirtualMachine base = original("base", 16);
		Path baseDisk = qemu.images().resolve("base.raw");
		String data = sha256(baseDisk);
		String baseUuid = service.query(i -> base.getUuid());
		List<String> baseMacs = service.query(i -> base.getNics().stream().map(n -> n.getMac()).toList());

		IStatus full = new CloneVmOperation(service, base, "full-copy", "images", false).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, full.getSeverity(), full.getMessage());
		assertTrue(full.getMessage().startsWith("Clone base as full-copy: 1 disk(s), "), full.getMessage());
		Wait.until("the full clone in the model", () -> vm("full-copy") != null, Duration.ofSeconds(30));
		assertEquals(data, sha256(qemu.images().resolve("full-copy.img")), "the full clone's disk holds the same bytes");
		assertNotEquals(baseUuid, service.query(i -> vm("full-copy").getUuid()), "a new identity");

		CloneVmOperation linkedOp = new CloneVmOperation(service, base, "linked-copy", "images", true);
		IStatus linked = linkedOp.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, linked.getSeverity(), linked.getMessage());
		Wait.until("the linked clone in the model", () -> vm("linked-copy") != null, Duration.ofSeconds(30));
		Path overlay = qemu.images().resolve("linked-copy.qcow2");
		assertTrue(Files.size(overlay) < 2 << 20, "an overlay holds no copy of the data: " + Files.size(overlay));
		assertEquals(data, guestView(overlay), "the linked clone's guest sees the base's bytes");
		PoolInfo.VolumeInfo overlayInfo = connection().volumeAt(overlay.toString());
		assertEquals(baseDisk.toString(), overlayInfo.backing());
		assertTrue(service.query(i -> vm("linked-copy").getNics().stream().noneMatch(n -> baseMacs.contains(n.getMac()))), "new MACs");

		boots("full-copy");
		boots("linked-copy");

		// writing in the linked clone leaves the base as it was
		run("qemu-io", "-f", "qcow2", "-c", "write -P 0xab 1M 1M", overlay.toString());
		assertEquals(data, sha256(baseDisk), "the base is unchanged");
		assertNotEquals(data, guestView(overlay), "the clone sees its own write");

		// the base is protected while the linked clone reads through it
		IStatus delete = new DeleteVmOperation(service, base, true).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, delete.getSeverity());
		assertEquals("base is the base of linked clones (volumes linked-copy.qcow2): deleting its disks would change the disks they read "
				+ "through. Delete the clones first, or make full clones instead.", delete.getMessage());
		IStatus start = new VmPowerOperation(service, base, PowerAction.START).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, start.getSeverity());
		assertTrue(start.getMessage().startsWith("base is the base of linked clones (volumes linked-copy.qcow2): starting it"), start.getMessage());
		assertTrue(Files.exists(baseDisk));
		assertNotNull(vm("base"));

		// once the linked clone is gone, the base is an ordinary VM again
		IStatus cloneGone = new DeleteVmOperation(service, vm("linked-copy"), true).execute(new NullProgressMonitor());
		assertTrue(cloneGone.isOK(), cloneGone.getMessage());
		IStatus baseGone = new DeleteVmOperation(service, base, true).execute(new NullProgressMonitor());
		assertTrue(baseGone.isOK(), baseGone.getMessage());
		assertEquals(data, sha256(qemu.images().resolve("full-copy.img")), "the full clone does not depend on the base");
	}

	@Test
	void aCancelledFullCloneLeavesNothingAndBadRequestsAreRefused() throws Exception {
		VirtualMachine big = original("big", 192);
		List<String> before = volumes();
		int[] asked = { 0 };
		assertThrows(OperationCanceledException.class,
				() -> new CloneVmOperation(service, big, "half", "images", false).execute(new NullProgressMonitor() {
					@Override
					public boolean isCanceled() {
						return ++asked[0] > 20;
					}
				}));
		assertEquals(before, volumes(), "no volume left");
		assertTrue(connection().domains().stream().noneMatch(d -> d.name().equals("half")), "no VM left");
		assertEquals(null, service.busyWith(service.query(i -> big.getUuid())), "the original is free again");

		assertEquals(List.of("Name: host 'qemu-clone' has a VM named 'big' already. Choose another name.",
				"Storage: qemu-clone has no pool 'nowhere'. Choose one of its pools."),
				new CloneVmOperation(service, big, "big", "nowhere", false).precheck());
		assertEquals(List.of("Name: 'no/slash' is not a VM name. Use letters, digits, '.', '-', '_' or '+', starting with a letter or digit."),
				new CloneVmOperation(service, big, "no/slash", "images", true).precheck());
		connection().power(service.query(i -> big.getUuid()), PowerAction.START);
		Wait.until("big running", () -> service.query(i -> big.getPowerState()) == org.hostdeck.model.PowerState.RUNNING, Duration.ofSeconds(30));
		assertEquals(List.of("big is running: a clone copies the disks of a VM that does not write to them. Shut it down first."),
				new CloneVmOperation(service, big, "copy", "images", false).precheck());
		connection().power(service.query(i -> big.getUuid()), PowerAction.FORCE_OFF);
	}
}
