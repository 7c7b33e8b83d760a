package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.Host;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disks and NICs added to and removed from a shut-off VM of a libvirt test-driver host. */
class VmDevicesTest {

	@TempDir
	Path dir;

	private InventoryService service;
	private Host host;
	private VirtualMachine vm;

	@BeforeEach
	void connect() throws Exception {
		String uri = new TestHostFile("hv1").cpu(1, 4, 1, 2000).memoryGiB(16).network("backup", "br-backup", "10.9.0.1")
				.volume("other", 1).vm("app", 2, 1024, false).writeTo(dir);
		service = new InventoryService(DriverRegistry.fromServices());
		host = service.addHost("hv1", uri);
		IStatus status = service.connect(host, new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
		vm = service.query(i -> host.getVms().get(0));
	}

	@AfterEach
	void close() {
		service.close();
	}

	private List<String> disks() {
		return service.query(i -> vm.getDisks().stream().map(VirtualDisk::getName).toList());
	}

	private List<String> volumes() {
		return service.query(i -> host.getStoragePools().get(0).getVolumes().stream().map(StorageVolume::getName).sorted().toList());
	}

	private static void ok(IStatus status) {
		assertTrue(status.isOK(), status.getMessage());
	}

	@Test
	void aNewDiskGetsItsOwnVolumeAndLeavesWithIt() {
		ok(VmDeviceOperation.addDisk(service, vm, "default-pool", 2 * Sizes.GIB, DiskFormat.QCOW2, "virtio")
				.execute(new NullProgressMonitor()));
		assertEquals(List.of("vda", "vdb"), disks());
		assertEquals(List.of("app-disk1.qcow2", "other"), volumes());
		service.query(i -> {
			VirtualDisk vdb = vm.getDisks().get(1);
			assertEquals(2 * Sizes.GIB, vdb.getCapacity());
			assertEquals(DiskFormat.QCOW2, vdb.getFormat());
			assertEquals("app-disk1.qcow2", vdb.getVolume().getName(), "the disk is linked to its volume");
			return null;
		});

		ok(VmDeviceOperation.addDisk(service, vm, "default-pool", 64 * Sizes.MIB, DiskFormat.RAW, "sata")
				.execute(new NullProgressMonitor()));
		assertEquals(List.of("vda", "vdb", "sda"), disks(), "a SATA disk is named sd*");
		assertEquals(List.of("app-disk1.qcow2", "app-disk2.raw", "other"), volumes());

		ok(VmDeviceOperation.removeDisk(service, vm, "vdb", true).execute(new NullProgressMonitor()));
		ok(VmDeviceOperation.removeDisk(service, vm, "sda", false).execute(new NullProgressMonitor()));
		assertEquals(List.of("vda"), disks());
		assertEquals(List.of("app-disk2.raw", "other"), volumes(), "the first volume deleted, the second kept as asked");
	}

	@Test
	void aDiskTheHypervisorRefusesLeavesNoVolumeBehind() {
		IStatus refused = VmDeviceOperation.addDisk(service, vm, "default-pool", 64 * Sizes.MIB, DiskFormat.QCOW2, "floppy-tape")
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, refused.getSeverity());
		assertTrue(refused.getMessage().contains("app") && refused.getMessage().contains("floppy-tape"), refused.getMessage());
		assertEquals(List.of("other"), volumes(), "the volume created for it was deleted again");
		assertEquals(List.of("vda"), disks());
	}

	@Test
	void badSizesAndUnknownPoolsAreRefusedBeforeAnythingIsCreated() {
		IStatus tooBig = VmDeviceOperation.addDisk(service, vm, "default-pool", 100 * Sizes.TIB, DiskFormat.RAW, "virtio")
				.execute(new NullProgressMonitor());
		assertTrue(tooBig.getMessage().contains("does not fit"), tooBig.getMessage());
		IStatus tiny = VmDeviceOperation.addDisk(service, vm, "default-pool", 1000, DiskFormat.RAW, "virtio")
				.execute(new NullProgressMonitor());
		assertTrue(tiny.getMessage().contains("at least 1 MiB"), tiny.getMessage());
		IStatus noPool = VmDeviceOperation.addDisk(service, vm, "fast-ssd", Sizes.GIB, DiskFormat.QCOW2, "virtio")
				.execute(new NullProgressMonitor());
		assertTrue(noPool.getMessage().contains("no storage pool 'fast-ssd'"), noPool.getMessage());
		assertEquals(List.of("other"), volumes());
		assertEquals(List.of("vda"), disks());

		ok(VmDeviceOperation.addDisk(service, vm, "default-pool", 64 * Sizes.MIB, DiskFormat.QCOW2, "virtio")
				.execute(new NullProgressMonitor()));
		IStatus shrink = VmDeviceOperation.resizeDisk(service, vm, "vdb", Sizes.MIB).execute(new NullProgressMonitor());
		assertTrue(shrink.getMessage().contains("disks only grow"), shrink.getMessage());
		IStatus grow = VmDeviceOperation.resizeDisk(service, vm, "vdb", Sizes.GIB).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, grow.getSeverity(), "the test driver cannot resize volumes: a real refusal, reported");
		assertTrue(grow.getMessage().startsWith("Resize disk vdb of app to 1 GiB: "), grow.getMessage());
		assertEquals(64 * Sizes.MIB, service.query(i -> vm.getDisks().get(1).getCapacity()));
	}

	@Test
	void nicsAreAddedOnAHostNetworkAndRemovedByMac() {
		ok(VmDeviceOperation.addNic(service, vm, "backup", "e1000").execute(new NullProgressMonitor()));
		List<NetworkInterface> nics = service.query(i -> List.copyOf(vm.getNics()));
		assertEquals(2, nics.size());
		String mac = service.query(i -> nics.get(1).getMac());
		assertTrue(mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), "libvirt chose a MAC: " + mac);
		assertEquals("backup", service.query(i -> nics.get(1).getNetworkName()));
		assertEquals("e1000", service.query(i -> nics.get(1).getModel()));

		IStatus unknown = VmDeviceOperation.addNic(service, vm, "dmz", "virtio").execute(new NullProgressMonitor());
		assertTrue(unknown.getMessage().contains("no network 'dmz'"), unknown.getMessage());

		ok(VmDeviceOperation.removeNic(service, vm, mac).execute(new NullProgressMonitor()));
		assertEquals(1, service.query(i -> vm.getNics().size()));
		IStatus gone = VmDeviceOperation.removeNic(service, vm, mac).execute(new NullProgressMonitor());
		assertTrue(gone.getMessage().contains("has no NIC " + mac), gone.getMessage());
	}
}
