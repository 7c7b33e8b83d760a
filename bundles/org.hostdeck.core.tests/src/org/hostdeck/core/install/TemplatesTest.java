package org.hostdeck.core.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.DiskBus;
import org.hostdeck.model.GuestType;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.InstallMethod;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Template;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.junit.jupiter.api.Test;

/** The shipped templates, saving a VM as a template, and what a template makes of a request. */
class TemplatesTest {

	@Test
	void shippedTemplatesCoverEachOsFamilyAndInstallMethod() {
		List<Template> shipped = Templates.builtIn();
		assertEquals(List.of(InstallMethod.NETWORK, InstallMethod.MEDIA, InstallMethod.MEDIA, InstallMethod.DISK_IMAGE),
				shipped.stream().map(Template::getInstallMethod).toList());
		Template pv = shipped.get(0);
		assertEquals(GuestType.PARAVIRTUALIZED, pv.getGuestType());
		Template windows = shipped.get(2);
		assertFalse(windows.isParavirtualDevices(), "Windows installs on emulated devices");
		assertTrue(windows.isDriversMedia(), "and gets a drivers media step");
		assertTrue(shipped.stream().allMatch(Template::isBuiltIn));

		InstallRequest request = InstallRequest.from(windows, "images", "lan");
		assertEquals(List.of(new InstallRequest.NewDisk("images", windows.getDiskCapacity(), "qcow2")), request.disks());
		assertEquals(List.of("lan"), request.networks());
		assertFalse(request.virtio());
		InstallRequest image = InstallRequest.from(shipped.get(3), "images", null);
		assertTrue(image.disks().isEmpty(), "a disk-image install creates no disk");
		assertTrue(image.networks().isEmpty(), "no network given: no NIC");
	}

	@Test
	void aVmSavedAsTemplateKeepsItsShapeAndReplacesOneOfTheSameName() {
		try (InventoryService service = new InventoryService(DriverRegistry.fromServices())) {
			VirtualMachine vm = InventoryFactory.eINSTANCE.createVirtualMachine();
			vm.setName("web");
			vm.setGuestType(GuestType.HVM);
			vm.setVcpus(4);
			vm.setMemory(2L << 30);
			vm.setMaxMemory(4L << 30);
			vm.setCpuWeight(CpuWeight.HIGH);
			VirtualDisk disk = InventoryFactory.eINSTANCE.createVirtualDisk();
			disk.setCapacity(30L << 30);
			disk.setBus(DiskBus.IDE);
			vm.getDisks().add(disk);
			vm.getNics().add(InventoryFactory.eINSTANCE.createNetworkInterface());
			vm.getNics().add(InventoryFactory.eINSTANCE.createNetworkInterface());

			Templates.saveAs(service, vm, "web shape");
			Template saved = Templates.saveAs(service, vm, "web shape");
			assertEquals(1, service.query(i -> i.getTemplates().size()), "saved twice under one name: one template");
			assertEquals(4, saved.getVcpus());
			assertEquals(4L << 30, saved.getMemory(), "the most memory the VM may have");
			assertEquals(30L << 30, saved.getDiskCapacity());
			assertEquals(2, saved.getNicCount());
			assertEquals(CpuWeight.HIGH, saved.getCpuWeight());
			assertFalse(saved.isParavirtualDevices(), "an IDE disk: emulated devices");
			assertFalse(saved.isBuiltIn());
			assertEquals("web shape", Templates.all(service).get(4).getName(), "offered after the shipped ones");
		}
	}

	@Test
	void cpuWeightsFollowEachSchedulersNormal() {
		assertEquals(2048, Templates.shares(CpuWeight.HIGH, HypervisorType.KVM));
		assertEquals(512, Templates.shares(CpuWeight.LOW, HypervisorType.QEMU));
		assertEquals(256, Templates.shares(CpuWeight.NORMAL, HypervisorType.XEN));
		assertEquals(128, Templates.shares(CpuWeight.LOW, HypervisorType.XEN));
	}
}
