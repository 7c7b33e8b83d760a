package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainInfo.DomainState;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.MigrationOptions.Mode;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;

/**
 * Migration between two real QEMU hosts (libvirt session daemons on loopback): live with shared
 * storage, live with the disks copied, offline moves, cancel and a target that dies midway, and
 * every pre-check's refusal with its exact sentence.
 */
class QemuMigrationTest extends TwoQemuHosts {

	private static final String LOOPBACK = "127.0.0.1";

	/** Defines a VM on host A booting {@code disk} ({@code extra} goes inside {@code <domain>}), and waits for the model. */
	private VirtualMachine define(String name, Path disk, String memory, String extra, String devices) throws Exception {
		qemuA.virsh("pool-refresh", "images");
		connection(hostA).define("<domain type='qemu'><name>" + name + "</name><memory unit='KiB'>" + memory + "</memory><vcpu>1</vcpu>"
				+ extra + "<os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><devices>"
				+ "<disk type='file' device='disk'><driver name='qemu' type='" + (disk.toString().endsWith(".qcow2") ? "qcow2" : "raw")
				+ "'/><source file='" + disk
				+ "'/><target dev='vda' bus='virtio'/></disk>" + devices + "</devices></domain>");
		Wait.until(name + " in the model", () -> vm(hostA, name) != null);
		return vm(hostA, name);
	}

	private VirtualMachine running(String name, Path disk) throws Exception {
		VirtualMachine vm = define(name, disk, "65536", "", "");
		connection(hostA).power(service.query(i -> vm.getUuid()), PowerAction.START);
		Wait.until(name + " running in the model", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING);
		return vm;
	}

	private static MigrationOptions options(Mode mode) {
		return MigrationOptions.live().withMode(mode).withListenAddress(LOOPBACK).withTargetPool(mode == Mode.LIVE_SHARED_STORAGE ? null : "images");
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 20];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private DomainState stateOn(Host host, String uuid) throws Exception {
		DomainInfo info = connection(host).domain(uuid);
		return info == null ? null : info.state();
	}

	/** A condition that reads a host: a failed read counts as not yet. */
	private interface Reading {
		boolean holds() throws Exception;
	}

	private static java.util.function.BooleanSupplier reading(Reading condition) {
		return () -> {
			try {
				return condition.holds();
			} catch (Exception e) {
				return false;
			}
		};
	}

	@Test
	void aRunningVmMigratesLiveOverSharedStorageAndKeepsRunningOnTheTarget() throws Exception {
		// host B mounts A's image folder, as both would mount one NFS export
		qemuB.startPool("shared", qemuA.images());
		VirtualMachine vm = running("traveller", qemuA.spinningDisk("traveller"));
		String uuid = service.query(i -> vm.getUuid());

		IStatus status = new MigrateVmOperation(service, vm, hostB, options(Mode.LIVE_SHARED_STORAGE)).execute(new NullProgressMonitor());

		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().matches("Migrate traveller from qemu-a to qemu-b: \\d+\\.\\d s, downtime \\d+ ms, .+ sent \\(.+ memory, .+ disks\\)"),
				status.getMessage());
		Wait.until("VM under qemu-b in the model, running", () -> {
			VirtualMachine moved = vm(hostB, "traveller");
			return moved != null && service.query(i -> moved.getPowerState()) == PowerState.RUNNING;
		}, Duration.ofSeconds(30));
		Wait.until("VM gone from qemu-a in the model", () -> vm(hostA, "traveller") == null);
		assertNull(connection(hostA).domain(uuid), "undefined on the source");
		long before = connection(hostB).stats(uuid).cpuTime();
		Wait.until("its CPU time grows on qemu-b", reading(() -> connection(hostB).stats(uuid).cpuTime() > before + 200_000_000L));
	}

	@Test
	void aLiveMigrationWithStorageCopyGivesTheTargetAnIdenticalDisk() throws Exception {
		Path disk = qemuA.dataDisk("copied", 16, 7);
		String expected = sha256(disk);
		VirtualMachine vm = running("copied", disk);
		String uuid = service.query(i -> vm.getUuid());

		IStatus status = new MigrateVmOperation(service, vm, hostB, options(Mode.LIVE_COPY_STORAGE)).execute(new NullProgressMonitor());

		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertEquals(DomainState.RUNNING, stateOn(hostB, uuid));
		Path copy = qemuB.images().resolve("copied.raw");
		assertEquals(expected, sha256(copy), "disk content identical on the target");
		DomainInfo moved = connection(hostB).domain(uuid);
		assertEquals(copy.toString(), moved.disks().get(0).source(), "the VM uses the copy in the target pool");
		Wait.until("VM under qemu-b in the model", () -> vm(hostB, "copied") != null);
	}

	@Test
	void anOfflineMoveStreamsDefinitionAndDisksAndMapsNetworks() throws Exception {
		qemuA.defineNetwork("backbone", "hdbr1");
		qemuB.defineNetwork("lan", "hdbr2");
		service.session(hostA).refresh(new NullProgressMonitor());
		service.session(hostB).refresh(new NullProgressMonitor());
		Path disk = qemuA.dataDisk("mover", 8, 11);
		String expected = sha256(disk);
		VirtualMachine vm = define("mover", disk, "65536", "",
				"<interface type='network'><mac address='52:54:00:aa:bb:01'/><source network='backbone'/><model type='virtio'/></interface>");
		String uuid = service.query(i -> vm.getUuid());

		MigrationOptions unmapped = options(Mode.OFFLINE);
		assertEquals(List.of("Network: NIC 52:54:00:aa:bb:01 of mover needs network 'backbone'; qemu-b has lan (inactive)."
				+ " Map it to another network or define it there."), new MigrateVmOperation(service, vm, hostB, unmapped).precheck());

		IStatus status = new MigrateVmOperation(service, vm, hostB, unmapped.withNetworkMap(Map.of("backbone", "lan")))
				.execute(new NullProgressMonitor());

		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().startsWith("Move mover from qemu-a to qemu-b: "), status.getMessage());
		DomainInfo moved = connection(hostB).domain(uuid);
		assertEquals(DomainState.SHUT_OFF, moved.state());
		assertEquals("lan", moved.nics().get(0).network(), "the NIC is on the mapped network");
		assertEquals("52:54:00:aa:bb:01", moved.nics().get(0).mac(), "same MAC");
		assertEquals(expected, sha256(Path.of(moved.disks().get(0).source())), "disk content identical on the target");
		assertNull(connection(hostA).domain(uuid), "definition removed from the source");
		assertFalse(Files.exists(disk), "the source's disk is removed after the move");
		Wait.until("VM under qemu-b in the model", () -> vm(hostB, "mover") != null && vm(hostA, "mover") == null);
	}

	/** Adds up the work reported, so a test can act once a migration is well under way. */
	private static final class WatchedMonitor extends NullProgressMonitor {
		private final AtomicInteger worked = new AtomicInteger();
		private volatile int total = Integer.MAX_VALUE;

		@Override
		public void beginTask(String name, int totalWork) {
			total = totalWork;
		}

		@Override
		public void worked(int work) {
			worked.addAndGet(work);
		}

		double share() {
			return (double) worked.get() / total;
		}
	}

	/** A running VM with a 48 MiB disk copied at 2 MiB/s: about 25 s, time to act midway. */
	private MigrateVmOperation slowCopy(String name) throws Exception {
		VirtualMachine vm = running(name, qemuA.dataDisk(name, 48, 5));
		return new MigrateVmOperation(service, vm, hostB, options(Mode.LIVE_COPY_STORAGE).withBandwidth(2));
	}

	private boolean volumeOnB(String name) throws Exception {
		return connection(hostB).pools().stream().filter(p -> p.name().equals("images")).flatMap(p -> p.volumes().stream())
				.map(PoolInfo.VolumeInfo::name).anyMatch(name::equals);
	}

	@Test
	void cancellingMidMigrationLeavesTheVmRunningOnTheSourceAndNothingOnTheTarget() throws Exception {
		MigrateVmOperation migration = slowCopy("stayer");
		VirtualMachine vm = vm(hostA, "stayer");
		String uuid = service.query(i -> vm.getUuid());
		WatchedMonitor monitor = new WatchedMonitor();
		CompletableFuture<IStatus> run = CompletableFuture.supplyAsync(() -> migration.execute(monitor));
		Wait.until("a tenth of the disk copied", () -> monitor.share() >= 0.1, Duration.ofSeconds(60));

		List<String> second = new MigrateVmOperation(service, vm, hostB, options(Mode.LIVE_COPY_STORAGE)).precheck();
		assertTrue(second.contains("stayer is busy: 'Migrate stayer from qemu-a to qemu-b' is running. Wait for it to end or cancel it."),
				second.toString());
		assertTrue(volumeOnB("stayer.raw"), "the copy is being written on the target");

		monitor.setCanceled(true);
		java.util.concurrent.ExecutionException thrown = assertThrows(java.util.concurrent.ExecutionException.class,
				() -> run.get(60, java.util.concurrent.TimeUnit.SECONDS));
		assertTrue(thrown.getCause() instanceof OperationCanceledException, String.valueOf(thrown.getCause()));

		assertEquals(DomainState.RUNNING, stateOn(hostA, uuid), "still running on the source");
		assertNull(connection(hostB).domain(uuid), "nothing defined on the target");
		assertFalse(volumeOnB("stayer.raw"), "the partial copy is deleted");
		assertNull(service.busyWith(uuid), "the VM is free for the next operation");
	}

	@Test
	void aTargetThatDiesMidMigrationFailsTheTaskAndTheVmRunsOnAtTheSource() throws Exception {
		MigrateVmOperation migration = slowCopy("survivor");
		String uuid = service.query(i -> vm(hostA, "survivor").getUuid());
		WatchedMonitor monitor = new WatchedMonitor();
		CompletableFuture<IStatus> run = CompletableFuture.supplyAsync(() -> migration.execute(monitor));
		Wait.until("a tenth of the disk copied", () -> monitor.share() >= 0.1, Duration.ofSeconds(60));

		qemuB.killDaemon();
		IStatus status = run.get(120, java.util.concurrent.TimeUnit.SECONDS);

		assertEquals(IStatus.ERROR, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().startsWith("Migrate survivor from qemu-a to qemu-b: Cannot migrate VM 'survivor' from "
				+ qemuA.uri() + " to " + qemuB.uri() + ": "), status.getMessage());
		assertTrue(status.getMessage().contains(" It still runs on " + qemuA.uri() + ". The copies made on qemu-b (images/survivor.raw) could not"
				+ " be removed there; HostDeck removes them when qemu-b is connected again."), status.getMessage());
		Wait.until("running on the source", reading(() -> stateOn(hostA, uuid) == DomainState.RUNNING));
		// the model hears of the resume by an event, a moment after the host has it
		Wait.until("the model says it runs on the source", () -> service.query(i -> vm(hostA, "survivor").getPowerState()) == PowerState.RUNNING);
		assertEquals(List.of("images/survivor.raw"), service.leftovers().forHost(qemuB.uri()).stream().map(e -> e.pool() + "/" + e.volume()).toList(),
				"written down: a restarted workbench knows it too");

		// the target comes back: what the move made there is removed, and the task history says so
		qemuB.startDaemon();
		Wait.until("qemu-b connected again", () -> service.query(i -> hostB.getState()) == org.hostdeck.model.HostState.CONNECTED,
				Duration.ofSeconds(60));
		Wait.until("the copy removed from qemu-b", reading(() -> !volumeOnB("survivor.raw")), Duration.ofSeconds(30));
		String label = "Migrate survivor from qemu-a to qemu-b";
		Wait.until("the removal in the task history", () -> service.query(i -> i.getTasks().stream()
				.anyMatch(t -> t.getOperation().equals("Remove what '" + label + "' left on qemu-b") && t.getEnd() != null)));
		org.hostdeck.model.TaskRecord record = service.query(i -> i.getTasks().stream()
				.filter(t -> t.getOperation().equals("Remove what '" + label + "' left on qemu-b")).findFirst().get());
		assertEquals("Removed images/survivor.raw from qemu-b: '" + label + "' made it there and could not remove it when it failed, the host being gone.",
				service.query(i -> record.getMessage()));
		assertEquals(List.of(), service.leftovers().forHost(qemuB.uri()), "nothing left to remove");
	}

	// ---- pre-checks: each refusal, exactly as the user reads it; nothing is started or created

	private List<String> precheck(VirtualMachine vm, MigrationOptions options) {
		return new MigrateVmOperation(service, vm, hostB, options).precheck();
	}

	@Test
	void aLiveMigrationOfAShutOffVmAndAnOfflineMoveOfARunningOneAreRefused() throws Exception {
		VirtualMachine off = define("sleeper", qemuA.spinningDisk("sleeper"), "65536", "", "");
		assertEquals(List.of("sleeper is shut off: a live migration needs a running VM. Move it offline instead."),
				precheck(off, options(Mode.LIVE_COPY_STORAGE)));
		VirtualMachine on = running("runner", qemuA.spinningDisk("runner"));
		assertEquals(List.of("runner is running: an offline move needs a shut-off VM. Shut it down, or migrate it live."),
				precheck(on, options(Mode.OFFLINE)));
	}

	@Test
	void theVmsOwnHostItsUuidOnTheTargetAndADisconnectedTargetAreRefused() throws Exception {
		VirtualMachine vm = define("homebody", qemuA.spinningDisk("homebody"), "65536", "", "");
		assertEquals(List.of("homebody is on qemu-a already. Choose another host."),
				new MigrateVmOperation(service, vm, hostA, options(Mode.OFFLINE)).precheck());
		String uuid = service.query(i -> vm.getUuid());
		connection(hostB).define("<domain type='qemu'><name>homebody-copy</name><uuid>" + uuid
				+ "</uuid><memory unit='MiB'>64</memory><os><type arch='x86_64'>hvm</type></os></domain>");
		Wait.until("the copy on qemu-b in the model", () -> vm(hostB, "homebody-copy") != null);
		assertEquals(List.of("qemu-b has homebody defined already (same UUID). Remove that definition or keep the VM where it is."),
				precheck(vm, options(Mode.OFFLINE)));
		service.disconnect(hostB);
		assertEquals(List.of("qemu-b is not connected. Connect it first."), precheck(vm, options(Mode.OFFLINE)));
	}

	@Test
	void aNameTakenOnTheTargetIsRefused() throws Exception {
		VirtualMachine vm = define("twin", qemuA.spinningDisk("twin"), "65536", "", "");
		connection(hostB).define(QemuSessionHost.domainXml("twin", qemuB.spinningDisk("twin")));
		Wait.until("twin on qemu-b in the model", () -> vm(hostB, "twin") != null);
		assertEquals(List.of("qemu-b has a VM named 'twin' already. Rename one of them first."), precheck(vm, options(Mode.OFFLINE)));
	}

	@Test
	void moreMemoryThanTheTargetHasIsRefused() throws Exception {
		long total = connection(hostB).nodeInfo().memoryTotal();
		long wanted = total * 2;
		VirtualMachine big = define("giant", qemuA.spinningDisk("giant"), Long.toString(wanted / 1024), "", "");
		assertEquals(List.of("Memory: giant needs " + Sizes.format(wanted) + " to start; qemu-b has " + Sizes.format(total)
				+ " in all. Give the VM less memory or choose a bigger host."), precheck(big, options(Mode.OFFLINE)));
	}

	@Test
	void aRunningVmNeedingMoreThanTheTargetsFreeMemoryIsRefused() throws Exception {
		long free = connection(hostB).nodeInfo().memoryFree();
		long total = connection(hostB).nodeInfo().memoryTotal();
		// a guest that fits the machine but not its free memory: QEMU reserves it lazily, so it starts
		assumeTrue(total - free > 512 * Sizes.MIB, "the machine has too little memory in use to test this");
		long wanted = (free + (total - free) / 2) / Sizes.MIB * Sizes.MIB;
		VirtualMachine vm = define("hungry", qemuA.spinningDisk("hungry"), Long.toString(wanted / 1024), "", "");
		connection(hostA).power(service.query(i -> vm.getUuid()), PowerAction.START);
		Wait.until("hungry running", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING);
		List<String> problems = precheck(vm, options(Mode.LIVE_COPY_STORAGE));
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).matches("Memory: hungry needs " + java.util.regex.Pattern.quote(Sizes.format(wanted))
				+ "; qemu-b has .+ free\\. Free memory there or choose another host\\."), problems.get(0));
	}

	@Test
	void aCpuTheTargetCannotOfferIsRefused() throws Exception {
		VirtualMachine vm = define("vector", qemuA.spinningDisk("vector"), "65536",
				"<cpu mode='custom' match='exact'><model>qemu64</model><feature policy='require' name='avx512f'/></cpu>", "");
		List<String> problems = precheck(vm, options(Mode.OFFLINE));
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).startsWith("CPU: qemu-b cannot give vector the processor it is defined with: "), problems.get(0));
		assertTrue(problems.get(0).contains("avx512f"), "names the missing feature: " + problems.get(0));
		assertTrue(problems.get(0).endsWith(". Change the VM's CPU model to one both hosts offer."), problems.get(0));
	}

	@Test
	void aMissingPoolAPoolTooSmallAndATakenVolumeNameAreRefused() throws Exception {
		VirtualMachine vm = define("wide", qemuA.sparseDisk("wide", 8L << 40), "65536", "", "");
		assertEquals(List.of("Storage: qemu-b has no pool 'fast'. Choose one of its pools."),
				precheck(vm, options(Mode.OFFLINE).withTargetPool("fast")));
		long free = connection(hostB).pools().stream().filter(p -> p.name().equals("images")).findFirst().orElseThrow().available();
		List<String> problems = precheck(vm, options(Mode.OFFLINE));
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).matches("Storage: the disks of wide need 8(\\.0)? TiB; pool 'images' on qemu-b has .+ free\\."
				+ " Choose a bigger pool or free space there\\."), problems.get(0));
		assertTrue(free < 8L << 40, "the pool really is smaller");

		VirtualMachine small = define("small", qemuA.spinningDisk("small"), "65536", "", "");
		qemuB.spinningDisk("small");
		qemuB.virsh("pool-refresh", "images");
		assertEquals(List.of("Storage: pool 'images' on qemu-b has a volume 'small.qcow2' already (disk vda of small would be copied to it)."
				+ " Rename or delete it."), precheck(small, options(Mode.OFFLINE)));
	}

	@Test
	void sharedStorageTheTargetDoesNotSeeIsRefused() throws Exception {
		VirtualMachine vm = running("local", qemuA.spinningDisk("local"));
		Path disk = qemuA.images().resolve("local.qcow2");
		assertEquals(List.of("Storage: disk vda of local (" + disk + ") is not on storage qemu-b shares: qemu-b knows no volume at that"
				+ " path. Copy the disks instead, or define the shared pool on qemu-b."), precheck(vm, options(Mode.LIVE_SHARED_STORAGE)));
	}
}
