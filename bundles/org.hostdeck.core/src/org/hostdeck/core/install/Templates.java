package org.hostdeck.core.install;

import java.util.ArrayList;
import java.util.List;

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

/**
 * The templates HostDeck ships (one per OS family and install method) and the ones users save
 * from their VMs, which live in the inventory.
 */
public final class Templates {

	private static final long GIB = 1L << 30;

	private Templates() {
	}

	/** Fresh copies of the shipped templates, in the order the wizard lists them. */
	public static List<Template> builtIn() {
		List<Template> list = new ArrayList<>();
		list.add(template("Linux (paravirtualized, network install)", //$NON-NLS-1$
				"A Linux guest installed from an exploded install tree on HTTP, FTP or NFS: its installer kernel boots directly, " //$NON-NLS-1$
						+ "then the VM boots from its disk. Paravirtualized on Xen, virtio on KVM.", //$NON-NLS-1$
				"linux", GuestType.PARAVIRTUALIZED, InstallMethod.NETWORK, true, 1, GIB, 10 * GIB, "console=ttyS0", false)); //$NON-NLS-1$ //$NON-NLS-2$
		list.add(template("Linux (HVM, from media)", //$NON-NLS-1$
				"A Linux guest installed from a vendor ISO in a storage pool, with virtio disks and NICs.", //$NON-NLS-1$
				"linux", GuestType.HVM, InstallMethod.MEDIA, true, 2, 2 * GIB, 20 * GIB, null, false)); //$NON-NLS-1$
		list.add(template("Windows Server (HVM, from media)", //$NON-NLS-1$
				"Windows from its ISO on emulated IDE disks and an e1000 NIC (no drivers needed); attach the paravirtual " //$NON-NLS-1$
						+ "drivers media after install, then switch the VM to paravirtual drivers.", //$NON-NLS-1$
				"windows", GuestType.HVM, InstallMethod.MEDIA, false, 2, 4 * GIB, 40 * GIB, null, true)); //$NON-NLS-1$
		list.add(template("Existing disk image", //$NON-NLS-1$
				"A new VM around a disk image that is already in a storage pool (a cloud image, a copied disk).", //$NON-NLS-1$
				"other", GuestType.HVM, InstallMethod.DISK_IMAGE, true, 1, GIB, 0, null, false)); //$NON-NLS-1$
		return list;
	}

	private static Template template(String name, String description, String os, GuestType guest, InstallMethod method,
			boolean paravirtualDevices, int vcpus, long memory, long disk, String kernelArgs, boolean driversMedia) {
		Template t = InventoryFactory.eINSTANCE.createTemplate();
		t.setName(name);
		t.setDescription(description);
		t.setOsVariant(os);
		t.setGuestType(guest);
		t.setInstallMethod(method);
		t.setParavirtualDevices(paravirtualDevices);
		t.setVcpus(vcpus);
		t.setMemory(memory);
		t.setDiskCapacity(disk);
		t.setNicCount(1);
		t.setCpuWeight(CpuWeight.NORMAL);
		t.setKernelArgs(kernelArgs);
		t.setDriversMedia(driversMedia);
		t.setBuiltIn(true);
		return t;
	}

	/** The shipped templates, then the users' own from the inventory. Call off the model's thread. */
	public static List<Template> all(InventoryService service) {
		List<Template> all = builtIn();
		all.addAll(service.query(i -> List.copyOf(i.getTemplates())));
		return all;
	}

	/**
	 * Saves {@code vm}'s shape (guest type, vCPUs, memory, CPU weight, first disk's size, NICs,
	 * device kind) as a user template named {@code name}, replacing one of that name.
	 *
	 * @return the template, now in the inventory
	 */
	public static Template saveAs(InventoryService service, VirtualMachine vm, String name) {
		Template t = service.query(i -> {
			Template copy = InventoryFactory.eINSTANCE.createTemplate();
			copy.setName(name);
			copy.setDescription(vm.getDescription());
			copy.setOsVariant(vm.getOsTemplate());
			copy.setGuestType(vm.getGuestType());
			copy.setVcpus(vm.getVcpus());
			copy.setMemory(Math.max(vm.getMemory(), vm.getMaxMemory()));
			copy.setCpuWeight(vm.getCpuWeight());
			VirtualDisk first = vm.getDisks().stream().filter(d -> !d.isCdrom()).findFirst().orElse(null);
			copy.setDiskCapacity(first == null ? 0 : first.getCapacity());
			copy.setParavirtualDevices(first == null || first.getBus() == DiskBus.VIRTIO || first.getBus() == DiskBus.XEN);
			copy.setNicCount(vm.getNics().size());
			copy.setInstallMethod(InstallMethod.MEDIA);
			return copy;
		});
		service.modify(i -> {
			i.getTemplates().removeIf(old -> name.equals(old.getName()));
			i.getTemplates().add(t);
		});
		return t;
	}

	/**
	 * The scheduler weight for Low/Normal/High: QEMU/KVM's cgroup shares (1024 normal), or Xen's
	 * credit-scheduler weight (256 normal).
	 */
	public static int shares(CpuWeight weight, HypervisorType hypervisor) {
		int normal = hypervisor == HypervisorType.XEN ? 256 : 1024;
		return switch (weight) {
		case LOW -> normal / 2;
		case HIGH -> normal * 2;
		default -> normal;
		};
	}
}
