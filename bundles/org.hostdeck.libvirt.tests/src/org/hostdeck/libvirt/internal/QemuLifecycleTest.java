package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real VM on a real hypervisor: a libvirt session daemon running QEMU (TCG). Every change must
 * reach the model through libvirt's events.
 */
class QemuLifecycleTest {

	private QemuSessionHost qemu;
	private InventoryService service;
	private Host host;

	@BeforeEach
	void startHost() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemu = QemuSessionHost.start(0);
		service = new InventoryService(DriverRegistry.fromServices());
		service.setReconnectPolicy(new InventoryService.ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(1)));
		host = service.addHost("qemu-0", qemu.uri());
		IStatus status = service.connect(host, new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
	}

	@AfterEach
	void stopHost() throws Exception {
		if (service != null) {
			service.close();
		}
		if (qemu != null) {
			qemu.close();
		}
	}

	private VirtualMachine defineSpinningVm(String name) throws Exception {
		Path disk = qemu.spinningDisk(name);
		DomainInfo defined = service.session(host).connection().define(QemuSessionHost.domainXml(name, disk));
		Wait.until(name + " in the model", () -> vm(defined.uuid()) != null);
		return vm(defined.uuid());
	}

	private VirtualMachine vm(String uuid) {
		return service.query(i -> host.getVms().stream().filter(v -> uuid.equals(v.getUuid())).findFirst().orElse(null));
	}

	private PowerState state(VirtualMachine vm) {
		return service.query(i -> vm.getPowerState());
	}

	private void power(VirtualMachine vm, PowerAction action, PowerState expected) {
		IStatus status = new VmPowerOperation(service, vm, action).timeout(Duration.ofSeconds(30))
				.execute(new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
		Wait.until(action + " -> " + expected + " in the model", () -> state(vm) == expected);
	}

	@Test
	void realVmRunsBurnsCpuPausesResumesStopsAndIsDeleted() throws Exception {
		VirtualMachine vm = defineSpinningVm("spin");
		String uuid = service.query(i -> vm.getUuid());
		assertEquals(PowerState.SHUT_OFF, state(vm));

		power(vm, PowerAction.START, PowerState.RUNNING);
		IHostConnection connection = service.session(host).connection();
		long before = connection.domain(uuid).cpuTime();
		Wait.until("CPU time to grow by 0.5 s", () -> {
			try {
				return connection.domain(uuid).cpuTime() > before + 500_000_000L;
			} catch (Exception e) {
				return false;
			}
		});

		power(vm, PowerAction.PAUSE, PowerState.PAUSED);
		power(vm, PowerAction.RESUME, PowerState.RUNNING);
		power(vm, PowerAction.REBOOT, PowerState.RUNNING);
		power(vm, PowerAction.FORCE_OFF, PowerState.SHUT_OFF);

		connection.undefine(uuid, false);
		Wait.until("the VM to leave the model", () -> vm(uuid) == null);
	}

	@Test
	void theSamplerSeesABusyGuestBurnCpu() throws Exception {
		VirtualMachine vm = defineSpinningVm("busy");
		power(vm, PowerAction.START, PowerState.RUNNING);
		try (org.hostdeck.core.inventory.PerformanceSampler sampler = new org.hostdeck.core.inventory.PerformanceSampler(
				service, Duration.ofMillis(300))) {
			Wait.until("three samples", () -> sampler.samples(vm).size() >= 3);
			var samples = sampler.samples(vm);
			double last = samples.get(samples.size() - 1).cpuPercent();
			assertTrue(last > 50, "a guest looping in its boot sector keeps its vCPU busy: " + samples);
			assertEquals(64L << 20, samples.get(0).memory());
			Host host = service.query(i -> vm.getHost());
			Wait.until("a host sample", () -> !sampler.samples(host).isEmpty());
			var hostSample = sampler.samples(host).get(sampler.samples(host).size() - 1);
			int cpus = service.query(i -> host.getCpuSockets() * host.getCpuCores() * Math.max(1, host.getCpuThreads()));
			assertTrue(hostSample.cpuPercent() > 40.0 / cpus, "the busy guest shows in its host's CPU: " + hostSample + " of " + cpus + " CPUs");
			assertTrue(hostSample.memory() >= 64L << 20, "the host counts its guest's memory: " + hostSample);
		}
	}

	@Test
	void aGuestThatIgnoresShutdownIsReportedOrForcedOffAfterTheTimeout() throws Exception {
		VirtualMachine vm = defineSpinningVm("stubborn"); // a boot-sector loop: no ACPI handling at all
		power(vm, PowerAction.START, PowerState.RUNNING);

		IStatus refused = new VmPowerOperation(service, vm, PowerAction.SHUTDOWN).timeout(Duration.ofSeconds(2))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, refused.getSeverity());
		assertTrue(refused.getMessage().contains("stubborn") && refused.getMessage().contains("Force off"), refused.getMessage());
		assertEquals(PowerState.RUNNING, state(vm));

		IStatus forced = new VmPowerOperation(service, vm, PowerAction.SHUTDOWN).timeout(Duration.ofSeconds(2))
				.forceAfterTimeout(true).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, forced.getSeverity(), forced.getMessage());
		assertTrue(forced.getMessage().contains("forced off"), forced.getMessage());
		Wait.until("shut off in the model", () -> state(vm) == PowerState.SHUT_OFF);
	}

	@Test
	void waitingForAShutdownCanBeCancelled() throws Exception {
		VirtualMachine vm = defineSpinningVm("patient");
		power(vm, PowerAction.START, PowerState.RUNNING);
		// the user cancels while HostDeck waits for the guest (which never shuts down): the request
		// is sent first, the wait is what cancel ends
		NullProgressMonitor monitor = new NullProgressMonitor();
		monitor.setCanceled(true);
		long start = System.nanoTime();
		org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.core.runtime.OperationCanceledException.class,
				() -> new VmPowerOperation(service, vm, PowerAction.SHUTDOWN).timeout(Duration.ofMinutes(5)).execute(monitor));
		assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "cancel ends the wait at once");
		assertEquals(PowerState.RUNNING, state(vm), "cancelling the wait leaves the VM as it is");
	}

	@Test
	void aHostThatRefusesAuthenticationIsReportedAndOthersStayConnected() throws Exception {
		assumeTrue(SshServer.available(), "needs openssh-server");
		try (SshServer ssh = SshServer.start()) { // authorizes no key at all
			Host refusing = service.addHost("locked", ssh.libvirtUri("root", "/system"));
			IStatus status = service.connect(refusing, new NullProgressMonitor());
			assertEquals(IStatus.ERROR, status.getSeverity());
			assertTrue(status.getMessage().contains("locked") && status.getMessage().contains("authenticate"),
					status.getMessage());
			assertTrue(status.getMessage().contains("ssh-copy-id"), "says how to fix it: " + status.getMessage());
			assertEquals(org.hostdeck.core.driver.DriverException.Reason.AUTHENTICATION,
					((org.hostdeck.core.driver.DriverException) status.getException()).reason());
			assertEquals(HostState.ERROR, service.query(i -> refusing.getState()));
			assertEquals(HostState.CONNECTED, service.query(i -> host.getState()), "the other host is unaffected");
		}
	}

	@Test
	void aKilledDaemonMarksTheHostDisconnectedKeepsItsVmsAndReconnects() throws Exception {
		VirtualMachine vm = defineSpinningVm("survivor");
		power(vm, PowerAction.START, PowerState.RUNNING);

		qemu.killDaemon();
		Wait.until("host disconnected", () -> service.query(i -> host.getState()) != HostState.CONNECTED);
		assertEquals(PowerState.UNKNOWN, state(vm), "VM state unknown while the host is away");
		assertTrue(service.query(i -> host.getVms().contains(vm)), "VM kept in the inventory");
		// the daemon stays away through failed attempts: retrying must go on after them
		Wait.until("a failed reconnect attempt", () -> service.query(i -> String.valueOf(host.getStateMessage()))
				.endsWith("; retrying"));

		qemu.startDaemon();
		Wait.until("host reconnected", () -> service.query(i -> host.getState()) == HostState.CONNECTED,
				Duration.ofSeconds(30));
		Wait.until("VM running again in the model", () -> state(vm) == PowerState.RUNNING);
	}
}
