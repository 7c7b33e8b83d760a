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
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.install.InstallRequest.NewDisk;
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

	@Test
	void aNewVmFromATemplateTakesItsShapeAndAPoolLostMidwayLeavesNothing() throws Exception {
		VirtualMachine gold = original("gold", 16);
		assertEquals(null, org.hostdeck.core.operations.VmTemplates.mark(service, gold, true));
		qemu.defineNetwork("lab", "hdlab0"); // defined, not started: a session daemon makes no bridges
		String data = sha256(qemu.images().resolve("gold.raw"));
		CloneVmOperation.Shape shape = new CloneVmOperation.Shape("Web server\nHostname: web1",
				new VmConfig(Integer.valueOf(2), Long.valueOf(128L << 20), Integer.valueOf(2048), Boolean.FALSE), false,
				List.of(new NewDisk("images", 32L << 20, "qcow2"), new NewDisk("images", 8L << 20, "raw")), List.of("lab", "lab"), true);
		IStatus made = new CloneVmOperation(service, gold, "web1", "images", false, shape).execute(new NullProgressMonitor());
		// the VM is whole; starting it needs its network running, which this host cannot do
		assertEquals(IStatus.WARNING, made.getSeverity(), made.getMessage());
		assertTrue(made.getMessage().startsWith("Clone gold as web1: 1 disk(s), "), made.getMessage());
		assertTrue(made.getMessage().contains(", 2 new disk(s). It was made but did not start: "), made.getMessage());
		Wait.until("web1 in the model with its shape", () -> vm("web1") != null && service.query(i -> vm("web1").getDisks().size()) == 3,
				Duration.ofSeconds(30));
		VirtualMachine web = vm("web1");
		assertEquals(2, service.query(i -> web.getVcpus()));
		assertEquals(128L << 20, service.query(i -> web.getMemory()));
		assertEquals(2048, service.query(i -> web.getCpuShares()));
		assertEquals("Web server\nHostname: web1", service.query(i -> web.getDescription()));
		assertEquals(List.of("lab", "lab"), service.query(i -> web.getNics().stream().map(n -> n.getNetworkName()).toList()));
		assertEquals(2, service.query(i -> web.getNics().stream().map(n -> n.getMac()).distinct().count()).intValue(), "a MAC each");
		assertEquals(List.of("web1-2.qcow2", "web1-3.img", "web1.img"),
				volumes().stream().filter(v -> v.startsWith("web1")).toList());
		assertEquals(data, sha256(qemu.images().resolve("web1.img")), "the copy of the template's disk");
		assertEquals(8L << 20, Files.size(qemu.images().resolve("web1-3.img")));
		assertTrue(service.query(i -> org.hostdeck.core.operations.VmTemplates.isTemplate(gold)), "the template stays one");
		assertTrue(!service.query(i -> org.hostdeck.core.operations.VmTemplates.isTemplate(web)), "the new VM is a VM");

		// a template's NIC of another kind (user-mode networking) stays as it is when the shape keeps it (null)
		qemu.virsh("pool-refresh", "images");
		connection().define(QemuSessionHost.domainXml("gold-nic", qemu.dataDisk("gold-nic", 4, 5), "raw")
				.replace("</devices>", "<interface type='user'><model type='e1000'/></interface></devices>"));
		Wait.until("gold-nic in the model", () -> vm("gold-nic") != null, Duration.ofSeconds(30));
		java.util.List<String> keepFirst = new java.util.ArrayList<>(java.util.Arrays.asList(null, "lab"));
		IStatus nics = new CloneVmOperation(service, vm("gold-nic"), "two-nics", "images", true,
				new CloneVmOperation.Shape(null, null, false, List.of(), keepFirst, false)).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, nics.getSeverity(), nics.getMessage());
		String definition = qemu.virsh("dumpxml", "two-nics");
		assertTrue(definition.matches("(?s).*<interface type='user'>.*<model type='e1000'/>.*</interface>\\s*<interface type='network'>.*"
				+ "<source network='lab'/>.*<model type='e1000'/>.*"), definition);

		// what the host cannot give is refused before anything is made
		assertEquals(List.of("vCPUs: 4096 is not possible on qemu-clone, which has " + service.query(i -> host.getCpuSockets()
				* Math.max(1, host.getCpuCores()) * Math.max(1, host.getCpuThreads())) + " CPUs. Choose 1 to "
				+ service.query(i -> host.getCpuSockets() * Math.max(1, host.getCpuCores()) * Math.max(1, host.getCpuThreads())) + ".",
				"Storage: qemu-clone has no active pool 'nowhere' for the new disk web2-2.qcow2. Choose one of its pools.",
				"Network: qemu-clone has no network 'wan'. Choose one of [lab]."),
				new CloneVmOperation(service, gold, "web2", "images", true, new CloneVmOperation.Shape(null,
						new VmConfig(Integer.valueOf(4096), null, null, null), false, List.of(new NewDisk("nowhere", 1L << 30, "qcow2")),
						List.of("wan"), false)).precheck());

		// the new disk's pool goes away while the template's disk is copied: nothing is left
		Path extra = qemu.folder("extra");
		qemu.startPool("extra", extra);
		VirtualMachine big = original("big", 96);
		List<String> before = volumes();
		CloneVmOperation.Shape elsewhere = new CloneVmOperation.Shape(null, null, false, List.of(new NewDisk("extra", 16L << 20, "raw")),
				null, false);
		int[] asked = { 0 };
		IStatus failed = new CloneVmOperation(service, big, "big2", "images", false, elsewhere).execute(new NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				if (++asked[0] == 5) {
					try {
						qemu.virsh("pool-destroy", "extra");
					} catch (java.io.IOException e) {
						throw new IllegalStateException(e);
					}
				}
				return false;
			}
		});
		assertEquals(IStatus.ERROR, failed.getSeverity(), failed.getMessage());
		assertTrue(failed.getMessage().endsWith("Nothing was left behind."), failed.getMessage());
		assertEquals(before, volumes(), "the copy made before the failure is gone");
		assertTrue(connection().domains().stream().noneMatch(d -> d.name().equals("big2")), "no VM left");
		try (java.util.stream.Stream<Path> files = Files.list(extra)) {
			assertEquals(0, files.count(), "nothing in the pool that went away");
		}
	}
}
