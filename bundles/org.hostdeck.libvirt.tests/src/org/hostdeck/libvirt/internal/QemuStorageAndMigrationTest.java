package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.operations.DeleteVmOperation;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;

/** Volumes streamed in and out, VMs deleted with their disks, and live migration: two real QEMU hosts. */
class QemuStorageAndMigrationTest extends TwoQemuHosts {

	@Test
	void aVolumeUploadedComesBackByteForByte() throws Exception {
		byte[] data = new byte[8 * 1024 * 1024 + 123];
		new Random(42).nextBytes(data);
		IHostConnection c = connection(hostA);
		c.createVolume("images", "data.raw", data.length, "raw");
		c.upload("images", "data.raw", new ByteArrayInputStream(data), data.length, new NullProgressMonitor());
		ByteArrayOutputStream back = new ByteArrayOutputStream();
		long n = c.download("images", "data.raw", back, new NullProgressMonitor());
		assertEquals(data.length, n);
		assertArrayEquals(data, back.toByteArray());
		c.deleteVolume("images", "data.raw");
		assertTrue(c.pools().stream().filter(p -> p.name().equals("images")).findFirst().get().volumes().stream()
				.noneMatch(v -> v.name().equals("data.raw")));
	}

	@Test
	void aSparseStreamWritesItsDataAndLeavesItsHolesUnallocated() throws Exception {
		// data cut into several stream packets, from an offset into the array; holes between
		byte[] data = new byte[3 * StorageStreams.PACKET + 1000];
		new Random(7).nextBytes(data);
		long hole = 16L << 20;
		long size = 5 + (data.length - 10) + hole + 3 + hole;
		IHostConnection c = connection(hostA);
		c.createSparseVolume("images", "sparse.raw", size, "raw");
		try (org.hostdeck.core.driver.VolumeWriter writer = c.openVolumeWriter("images", "sparse.raw", size, new NullProgressMonitor())) {
			writer.write(data, 0, 5);
			writer.write(data, 5, data.length - 10);
			writer.hole(hole);
			writer.write(data, data.length - 3, 3);
			writer.hole(hole);
			writer.finish();
		}
		ByteArrayOutputStream back = new ByteArrayOutputStream();
		assertEquals(size, c.download("images", "sparse.raw", back, new NullProgressMonitor()));
		byte[] expected = new byte[(int) size];
		System.arraycopy(data, 0, expected, 0, data.length - 5);
		System.arraycopy(data, data.length - 3, expected, (int) (data.length - 5 + hole), 3);
		assertArrayEquals(expected, back.toByteArray());
		long allocation = c.pools().stream().filter(p -> p.name().equals("images")).findFirst().get().volumes().stream()
				.filter(v -> v.name().equals("sparse.raw")).findFirst().get().allocation();
		assertTrue(allocation < 4L << 20, "the holes take no room: " + allocation + " bytes allocated of " + size);
		c.deleteVolume("images", "sparse.raw");
	}

	@Test
	void aCancelledUploadStopsAndSaysSo() throws Exception {
		IHostConnection c = connection(hostA);
		c.createVolume("images", "big.raw", 64L << 20, "raw");
		NullProgressMonitor monitor = new NullProgressMonitor();
		monitor.setCanceled(true);
		assertThrows(OperationCanceledException.class, () -> c.upload("images", "big.raw",
				new ByteArrayInputStream(new byte[64 << 20]), 64L << 20, monitor));
		c.deleteVolume("images", "big.raw");
	}

	@Test
	void aRunningVmGetsADiskHotPluggedAndGrownLiveAndAStoppedOnesVolumeGrows() throws Exception {
		VirtualMachine vm = vmOnVolume("grow", true);
		assertTrue(new VmPowerOperation(service, vm, PowerAction.START).execute(new NullProgressMonitor()).isOK());
		IStatus added = org.hostdeck.core.operations.VmDeviceOperation.addDisk(service, vm, "images", 16L << 20,
				org.hostdeck.model.DiskFormat.QCOW2, "virtio").execute(new NullProgressMonitor());
		assertEquals(IStatus.OK, added.getSeverity(), "QEMU hot-plugs a virtio disk: " + added.getMessage());
		Wait.until("vdb in the running VM", () -> service.query(i -> vm.getDisks().stream().anyMatch(d -> d.getName().equals("vdb"))));

		IStatus grown = org.hostdeck.core.operations.VmDeviceOperation.resizeDisk(service, vm, "vdb", 32L << 20)
				.execute(new NullProgressMonitor());
		assertTrue(grown.isOK(), grown.getMessage());
		Wait.until("vdb at 32 MiB", () -> service.query(i -> vm.getDisks().stream()
				.filter(d -> d.getName().equals("vdb")).anyMatch(d -> d.getCapacity() == 32L << 20)));

		assertTrue(new VmPowerOperation(service, vm, PowerAction.FORCE_OFF).execute(new NullProgressMonitor()).isOK());
		IStatus offline = org.hostdeck.core.operations.VmDeviceOperation.resizeDisk(service, vm, "vdb", 48L << 20)
				.execute(new NullProgressMonitor());
		assertTrue(offline.isOK(), offline.getMessage());
		assertEquals(48L << 20, connection(hostA).pools().stream().filter(p -> p.name().equals("images")).findFirst().get()
				.volumes().stream().filter(v -> v.name().equals("grow-disk1.qcow2")).findFirst().get().capacity());
	}

	/** A VM whose disk is a volume of pool "images", uploaded through the SPI. */
	private VirtualMachine vmOnVolume(String name) throws Exception {
		return vmOnVolume(name, false);
	}

	/** ... with ACPI when {@code acpi}: PCI hot-plug on QEMU's i440FX machine needs it. */
	private VirtualMachine vmOnVolume(String name, boolean acpi) throws Exception {
		IHostConnection c = connection(hostA);
		byte[] boot = QemuSessionHost.bootSector();
		var volume = c.createVolume("images", name + ".raw", boot.length, "raw");
		c.upload("images", name + ".raw", new ByteArrayInputStream(boot), boot.length, new NullProgressMonitor());
		service.session(hostA).refresh(new NullProgressMonitor());
		String xml = QemuSessionHost.domainXml(name, Path.of(volume.path()), "raw");
		DomainInfo info = c.define(acpi ? xml.replace("<devices>", "<features><acpi/></features><devices>") : xml);
		Wait.until(name + " in the model", () -> vm(hostA, name) != null);
		service.session(hostA).refresh(new NullProgressMonitor());
		assertEquals(info.uuid(), service.query(i -> vm(hostA, name).getUuid()));
		return vm(hostA, name);
	}

	private boolean volumeInModel(Host host, String name) {
		return service.query(i -> host.getStoragePools().stream().flatMap(p -> p.getVolumes().stream())
				.anyMatch(v -> v.getName().equals(name)));
	}

	@Test
	void deletingAVmWithItsDisksRemovesTheVolumeToo() throws Exception {
		VirtualMachine vm = vmOnVolume("doomed");
		assertEquals("doomed.raw", service.query(i -> vm.getDisks().get(0).getVolume().getName()), "disk linked to volume");

		IStatus status = new DeleteVmOperation(service, vm, true).execute(new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
		Wait.until("VM gone from the model", () -> vm(hostA, "doomed") == null);
		assertFalse(volumeInModel(hostA, "doomed.raw"), "its volume is deleted too");
	}

	@Test
	void deletingWithoutDisksKeepsTheVolumeAndARunningVmIsRefused() throws Exception {
		VirtualMachine vm = vmOnVolume("keeper");
		assertTrue(new VmPowerOperation(service, vm, PowerAction.START).execute(new NullProgressMonitor()).isOK());
		Wait.until("running in the model", () -> service.query(i -> vm.getPowerState()) == PowerState.RUNNING);

		IStatus refused = new DeleteVmOperation(service, vm, false).execute(new NullProgressMonitor());
		assertFalse(refused.isOK());
		assertTrue(refused.getMessage().contains("keeper") && refused.getMessage().contains("Shut it down"), refused.getMessage());
		assertTrue(vm(hostA, "keeper") != null, "nothing deleted");

		assertTrue(new VmPowerOperation(service, vm, PowerAction.FORCE_OFF).execute(new NullProgressMonitor()).isOK());
		Wait.until("shut off in the model", () -> service.query(i -> vm.getPowerState()) == PowerState.SHUT_OFF);
		assertTrue(new DeleteVmOperation(service, vm, false).execute(new NullProgressMonitor()).isOK());
		Wait.until("VM gone from the model", () -> vm(hostA, "keeper") == null);
		assertTrue(volumeInModel(hostA, "keeper.raw"), "the disk stays when not asked to delete it");
	}

	@Test
	void aRunningVmMigratesLiveToTheOtherHost() throws Exception {
		Path disk = qemuA.spinningDisk("traveller");
		DomainInfo info = connection(hostA).define(QemuSessionHost.domainXml("traveller", disk));
		Wait.until("VM in the model", () -> vm(hostA, "traveller") != null);
		VirtualMachine vm = vm(hostA, "traveller");
		assertTrue(new VmPowerOperation(service, vm, PowerAction.START).execute(new NullProgressMonitor()).isOK());

		connection(hostA).migrate(info.uuid(), connection(hostB), MigrationOptions.live().withListenAddress("127.0.0.1"),
				new NullProgressMonitor());

		Wait.until("VM on the target host, running", () -> {
			VirtualMachine moved = vm(hostB, "traveller");
			return moved != null && service.query(i -> moved.getPowerState()) == PowerState.RUNNING;
		}, Duration.ofSeconds(30));
		Wait.until("VM gone from the source host", () -> vm(hostA, "traveller") == null);
		assertNull(connection(hostA).domain(info.uuid()));
		assertEquals(PowerState.RUNNING, service.query(i -> vm(hostB, "traveller").getPowerState()));
	}
}
