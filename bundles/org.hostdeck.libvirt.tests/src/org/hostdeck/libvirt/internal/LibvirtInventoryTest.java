package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.RenameVmOperation;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Network;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.WorkloadProfile;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory filled from, and kept in step with, real libvirt hosts (libvirt's test driver,
 * one private host per file). The driver is found the way the product finds it: as an OSGi service.
 */
class LibvirtInventoryTest {

	private static final String WEB_UUID = "11111111-2222-3333-4444-555555555555";

	@TempDir
	Path dir;

	private InventoryService service;
	private String uri;

	@BeforeEach
	void startService() throws Exception {
		uri = new TestHostFile("hv1").cpu(2, 8, 2, 2400).memoryGiB(128).nic("eno2", "3c:ec:ef:00:00:02", 1000)
				.nic("eno1", "3c:ec:ef:00:00:01", 25000).network("backup", "br-backup", "10.9.0.1")
				.volume("web-disk", 20)
				.vm(new TestHostFile.Vm("web", WEB_UUID, 2, 1024, true, "default", "default-pool", "web-disk"))
				.vms("vm", 3).writeTo(dir);
		service = new InventoryService(DriverRegistry.fromServices());
	}

	@AfterEach
	void stopService() {
		service.close();
	}

	private Host connected(String name, String hostUri) {
		Host host = service.addHost(name, hostUri);
		IStatus status = service.connect(host, new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
		return host;
	}

	private VirtualMachine vm(Host host, String name) {
		return service.query(i -> host.getVms().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null));
	}

	@Test
	void connectingFillsHostHardwareStorageNetworksAndVms() {
		Host host = connected("hv1", uri);
		service.modify(i -> {
			assertEquals(HostState.CONNECTED, host.getState());
			assertEquals(HypervisorType.TEST, host.getHypervisorType());
			assertEquals(2, host.getCpuSockets());
			assertEquals(8, host.getCpuCores());
			assertEquals(2, host.getCpuThreads());
			assertEquals(2400, host.getCpuMhz());
			assertEquals(128 * Sizes.GIB, host.getMemoryTotal());
			assertEquals(List.of("eno1 3c:ec:ef:00:00:01 25000", "eno2 3c:ec:ef:00:00:02 1000"), host.getPhysicalNics().stream()
					.map(n -> n.getName() + " " + n.getMac() + " " + n.getSpeedMbps()).toList(), "physical NICs by name, with MAC and speed");
			assertEquals(List.of("backup", "default"), host.getNetworks().stream().map(Network::getName).sorted().toList());
			Network backup = host.getNetworks().stream().filter(n -> n.getName().equals("backup")).findFirst().get();
			assertEquals("10.9.0.0/24", backup.getSubnet());
			assertEquals("br-backup", backup.getBridge());
			assertEquals(1, host.getStoragePools().size());
			StorageVolume volume = host.getStoragePools().get(0).getVolumes().get(0);
			assertEquals("web-disk", volume.getName());
			assertEquals(20 * Sizes.GIB, volume.getCapacity());
			assertEquals(4, host.getVms().size());
		});
		VirtualMachine web = vm(host, "web");
		service.modify(i -> {
			assertEquals(WEB_UUID, web.getUuid());
			assertSame(host, web.getHost());
			assertEquals(PowerState.RUNNING, web.getPowerState());
			assertEquals(2, web.getVcpus());
			assertEquals(1024 * Sizes.MIB, web.getMemory());
			VirtualDisk disk = web.getDisks().get(0);
			assertEquals("vda", disk.getName());
			assertEquals(DiskFormat.QCOW2, disk.getFormat());
			assertEquals("web-disk", disk.getVolume().getName(), "disk linked to its pool volume");
			assertEquals(20 * Sizes.GIB, disk.getCapacity());
			assertEquals("default", web.getNics().get(0).getNetwork().getName(), "NIC linked to its network");
			assertEquals(PowerState.SHUT_OFF, vm(host, "vm-0001").getPowerState());
			assertEquals(PowerState.RUNNING, vm(host, "vm-0003").getPowerState());
		});
	}

	@Test
	void lifecycleChangesArriveInTheModelThroughEvents() {
		Host host = connected("hv1", uri);
		VirtualMachine vm = vm(host, "vm-0001");
		assertEquals(PowerState.SHUT_OFF, service.query(i -> vm.getPowerState()));

		step(vm, PowerAction.START, PowerState.RUNNING);
		step(vm, PowerAction.PAUSE, PowerState.PAUSED);
		step(vm, PowerAction.RESUME, PowerState.RUNNING);
		step(vm, PowerAction.SHUTDOWN, PowerState.SHUT_OFF);
		step(vm, PowerAction.START, PowerState.RUNNING);
		step(vm, PowerAction.FORCE_OFF, PowerState.SHUT_OFF);
	}

	private void step(VirtualMachine vm, PowerAction action, PowerState expected) {
		IStatus status = new VmPowerOperation(service, vm, action).timeout(Duration.ofSeconds(10))
				.execute(new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
		Wait.until(action + " to reach the model", () -> service.query(i -> vm.getPowerState()) == expected);
	}

	/** Defines a shut-off test-driver domain on {@code host} and waits for it in the model. */
	private String defineShutOff(Host host, String name, String uuid) throws Exception {
		service.session(host).connection().define("<domain type='test'><name>" + name + "</name><uuid>" + uuid
				+ "</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
		Wait.until("VM " + name + " in the model", () -> vm(host, name) != null);
		return uuid;
	}

	@Test
	void definedAndUndefinedDomainsAppearAndDisappear() throws Exception {
		Host host = connected("hv1", uri);
		String newUuid = defineShutOff(host, "fresh", "99999999-0000-0000-0000-000000000001");
		assertEquals(PowerState.SHUT_OFF, service.query(i -> vm(host, "fresh").getPowerState()));

		service.session(host).connection().undefine(newUuid, false);
		Wait.until("the VM to leave the model", () -> vm(host, "fresh") == null);
		assertEquals(4, service.query(i -> host.getVms().size()));
	}

	@Test
	void aShutOffVmIsRenamedInPlaceKeepingItsFolderAndAClashingOrRunningOneIsRefused() throws Exception {
		Host host = connected("hv1", uri);
		defineShutOff(host, "old-name", "99999999-0000-0000-0000-000000000002");
		VirtualMachine vm = vm(host, "old-name");
		Folder folder = service.query(i -> {
			Folder f = InventoryFactory.eINSTANCE.createFolder();
			f.setName("Lab");
			f.getMembers().add(vm);
			i.getFolders().add(f);
			return f;
		});

		assertEquals("Host 'hv1' has a VM named 'web' already. Choose another name.", RenameVmOperation.problem(service, vm, " web "));
		assertEquals("Enter a name.", RenameVmOperation.problem(service, vm, "  "));
		assertTrue(RenameVmOperation.problem(service, vm, "a/b").contains("cannot contain '/'"));
		assertTrue(RenameVmOperation.problem(service, vm(host, "web"), "web-2").startsWith("Shut down 'web' first"));

		IStatus renamed = new RenameVmOperation(service, vm, "new-name").execute(new NullProgressMonitor());
		assertTrue(renamed.isOK(), renamed.getMessage());
		// libvirt reports the rename as "old undefined, new defined": a later event proves both arrived
		defineShutOff(host, "marker", "99999999-0000-0000-0000-000000000003");
		assertSame(vm, vm(host, "new-name"), "the same model object, renamed");
		assertNull(vm(host, "old-name"));
		assertEquals(List.of(vm), service.query(i -> List.copyOf(folder.getMembers())), "still in its folder");

		DriverException running = org.junit.jupiter.api.Assertions.assertThrows(DriverException.class,
				() -> service.session(host).connection().renameDomain(WEB_UUID, "web-2"));
		assertEquals(DriverException.Reason.INVALID_STATE, running.reason(), running.getMessage());
		assertTrue(running.getMessage().startsWith("Cannot rename VM 'web' on " + uri + ": Requested operation is not valid"), running.getMessage());
	}

	@Test
	void syncKeepsWhatUsersAddedToAVm() {
		Host host = connected("hv1", uri);
		VirtualMachine web = vm(host, "web");
		service.modify(i -> {
			web.setDescription("front end");
			WorkloadProfile profile = InventoryFactory.eINSTANCE.createWorkloadProfile();
			profile.setCpu(0.8);
			web.setWorkload(profile);
		});
		service.disconnect(host);
		Wait.until("host disconnected", () -> service.query(i -> host.getState()) == HostState.DISCONNECTED);
		assertEquals(PowerState.UNKNOWN, service.query(i -> web.getPowerState()), "unreachable host: state unknown, VM kept");

		assertTrue(service.connect(host, new NullProgressMonitor()).isOK());
		assertSame(web, vm(host, "web"), "the same VM object after a new sync");
		service.modify(i -> {
			assertEquals("front end", web.getDescription());
			assertEquals(0.8, web.getWorkload().getCpu());
			assertEquals(PowerState.RUNNING, web.getPowerState());
		});
	}

	@Test
	void aBadUriIsReportedWithTheHostAndTheFixAndOtherHostsStillConnect() {
		Host bad = service.addHost("typo", "nonsense-uri");
		Host unreachable = service.addHost("gone", "qemu+tcp://127.0.0.1:1/system");
		Host good = service.addHost("hv1", uri);

		List<IStatus> results = service.connectAll(new NullProgressMonitor());
		assertEquals(3, results.size());

		IStatus typo = service.connect(bad, new NullProgressMonitor());
		assertFalse(typo.isOK());
		assertTrue(typo.getMessage().contains("typo") && typo.getMessage().contains("nonsense-uri"), typo.getMessage());
		assertTrue(typo.getMessage().contains("qemu:///system"), "names a URI that would work: " + typo.getMessage());

		IStatus refused = service.connect(unreachable, new NullProgressMonitor());
		assertFalse(refused.isOK());
		assertTrue(refused.getMessage().contains("gone") && refused.getMessage().contains("127.0.0.1"), refused.getMessage());

		service.modify(i -> {
			assertEquals(HostState.ERROR, bad.getState());
			assertNotNull(bad.getStateMessage());
			assertEquals(HostState.ERROR, unreachable.getState());
			assertEquals(HostState.CONNECTED, good.getState());
			assertEquals(4, good.getVms().size());
		});
	}

	@Test
	void unknownVmIsNull() throws Exception {
		Host host = connected("hv1", uri);
		assertNull(service.session(host).connection().domain("00000000-0000-0000-0000-00000000abcd"));
	}
}
