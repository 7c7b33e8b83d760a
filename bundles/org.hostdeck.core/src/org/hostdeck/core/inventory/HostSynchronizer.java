package org.hostdeck.core.inventory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.NodeInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.DiskBus;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.Folder;
import org.hostdeck.model.GuestType;
import org.hostdeck.model.Host;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Network;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;

/**
 * Writes what a driver reports into the model: reconciles, so that objects users annotated
 * (descriptions, tags, workload profiles) survive a sync. Runs on the inventory's owner thread
 * only. Attributes are set only when they change, so listeners hear real changes only.
 */
final class HostSynchronizer {

	private static final InventoryFactory FACTORY = InventoryFactory.eINSTANCE;

	private HostSynchronizer() {
	}

	static void applyNode(Host host, NodeInfo node) {
		set(host.getHostname(), node.hostname(), host::setHostname);
		HypervisorType type = hypervisorType(node.hypervisor());
		if (host.getHypervisorType() != type) {
			host.setHypervisorType(type);
		}
		set(host.getCpuModel(), node.cpuModel(), host::setCpuModel);
		if (host.getCpuMhz() != node.cpuMhz()) {
			host.setCpuMhz(node.cpuMhz());
		}
		if (host.getCpuSockets() != node.sockets()) {
			host.setCpuSockets(node.sockets());
		}
		if (host.getCpuCores() != node.cores()) {
			host.setCpuCores(node.cores());
		}
		if (host.getCpuThreads() != node.threads()) {
			host.setCpuThreads(node.threads());
		}
		if (host.getMemoryTotal() != node.memoryTotal()) {
			host.setMemoryTotal(node.memoryTotal());
		}
		if (host.getMemoryFree() != node.memoryFree()) {
			host.setMemoryFree(node.memoryFree());
		}
		applyPhysicalNics(host, node.nics());
	}

	private static void applyPhysicalNics(Host host, List<NodeInfo.Nic> nics) {
		reconcile(host.getPhysicalNics(), nics, FACTORY::createPhysicalNic, (nic, info) -> {
			set(nic.getName(), info.name(), nic::setName);
			set(nic.getMac(), info.mac(), nic::setMac);
			if (nic.getSpeedMbps() != info.speedMbps()) {
				nic.setSpeedMbps(info.speedMbps());
			}
		});
	}

	/**
	 * Makes {@code objects} as long as {@code infos} (surplus objects go from the end, missing ones
	 * are made), then fills the object at each position from the info at that position.
	 */
	private static <T, I> void reconcile(List<T> objects, List<I> infos, java.util.function.Supplier<T> create,
			java.util.function.BiConsumer<T, I> fill) {
		while (objects.size() > infos.size()) {
			objects.remove(objects.size() - 1);
		}
		for (int i = 0; i < infos.size(); i++) {
			if (i == objects.size()) {
				objects.add(create.get());
			}
			fill.accept(objects.get(i), infos.get(i));
		}
	}

	static HypervisorType hypervisorType(String name) {
		if (name == null) {
			return HypervisorType.OTHER;
		}
		return switch (name.toLowerCase(Locale.ROOT)) {
		case "qemu" -> HypervisorType.QEMU; //$NON-NLS-1$
		case "kvm" -> HypervisorType.KVM; //$NON-NLS-1$
		case "xen", "libxl" -> HypervisorType.XEN; //$NON-NLS-1$ //$NON-NLS-2$
		case "test" -> HypervisorType.TEST; //$NON-NLS-1$
		default -> HypervisorType.OTHER;
		};
	}

	/** Makes the host's VMs exactly {@code domains}: updates known ones, adds new ones, removes gone ones. */
	static void applyDomains(Host host, List<DomainInfo> domains) {
		Map<String, VirtualMachine> known = new HashMap<>();
		for (VirtualMachine vm : host.getVms()) {
			known.put(vm.getUuid(), vm);
		}
		Set<String> seen = new HashSet<>();
		for (DomainInfo info : domains) {
			seen.add(info.uuid());
			VirtualMachine vm = known.get(info.uuid());
			if (vm == null) {
				vm = FACTORY.createVirtualMachine();
				vm.setUuid(info.uuid());
				fill(host, vm, info);
				host.getVms().add(vm);
			} else {
				fill(host, vm, info);
			}
		}
		if (seen.size() != host.getVms().size()) {
			host.getVms().removeIf(vm -> !seen.contains(vm.getUuid()));
			dropFromFolders(host.eContainer());
		}
	}

	/** Adds or updates one VM (after an event). */
	static void applyDomain(Host host, DomainInfo info) {
		for (VirtualMachine vm : host.getVms()) {
			if (info.uuid().equals(vm.getUuid())) {
				fill(host, vm, info);
				return;
			}
		}
		VirtualMachine vm = FACTORY.createVirtualMachine();
		vm.setUuid(info.uuid());
		fill(host, vm, info);
		host.getVms().add(vm);
	}

	static void removeDomain(Host host, String uuid) {
		if (host.getVms().removeIf(vm -> uuid.equals(vm.getUuid()))) {
			dropFromFolders(host.eContainer());
		}
	}

	/**
	 * Takes hosts and VMs that have left {@code inventory} out of its folders, so no folder shows
	 * a VM that is gone.
	 */
	static void dropFromFolders(EObject inventory) {
		if (inventory instanceof Inventory i) {
			i.getFolders().forEach(f -> dropGone(i, f));
		}
	}

	private static void dropGone(Inventory inventory, Folder folder) {
		folder.getMembers().removeIf(m -> EcoreUtil.getRootContainer(m) != inventory);
		folder.getFolders().forEach(f -> dropGone(inventory, f));
	}

	private static void fill(Host host, VirtualMachine vm, DomainInfo info) {
		set(vm.getName(), info.name(), vm::setName);
		PowerState state = powerState(info.state());
		if (vm.getPowerState() != state) {
			vm.setPowerState(state);
		}
		GuestType guest = "xen".equals(info.osType()) || "linux".equals(info.osType()) //$NON-NLS-1$ //$NON-NLS-2$
				? GuestType.PARAVIRTUALIZED
				: GuestType.HVM;
		if (vm.getGuestType() != guest) {
			vm.setGuestType(guest);
		}
		if (vm.getVcpus() != info.vcpus()) {
			vm.setVcpus(info.vcpus());
		}
		if (vm.getMaxVcpus() != info.maxVcpus()) {
			vm.setMaxVcpus(info.maxVcpus());
		}
		if (vm.getMemory() != info.memory()) {
			vm.setMemory(info.memory());
		}
		if (vm.getMaxMemory() != info.maxMemory()) {
			vm.setMaxMemory(info.maxMemory());
		}
		if (vm.getCpuTime() != info.cpuTime()) {
			vm.setCpuTime(info.cpuTime());
		}
		if (vm.getCpuShares() != info.cpuShares()) {
			vm.setCpuShares(info.cpuShares());
		}
		if (vm.isAutostart() != info.autostart()) {
			vm.setAutostart(info.autostart());
		}
		if (info.description() != null) {
			set(vm.getDescription(), info.description(), vm::setDescription);
		}
		applyDisks(host, vm, info.disks());
		applyNics(host, vm, info.nics());
		if (!vm.getConsoles().equals(info.consoles())) {
			vm.getConsoles().clear();
			vm.getConsoles().addAll(info.consoles());
		}
	}

	static PowerState powerState(DomainInfo.DomainState state) {
		return switch (state) {
		case RUNNING, BLOCKED -> PowerState.RUNNING;
		case PAUSED -> PowerState.PAUSED;
		case SHUTTING_DOWN -> PowerState.SHUTTING_DOWN;
		case SHUT_OFF -> PowerState.SHUT_OFF;
		case CRASHED -> PowerState.CRASHED;
		case PM_SUSPENDED -> PowerState.SUSPENDED;
		default -> PowerState.UNKNOWN;
		};
	}

	private static void applyDisks(Host host, VirtualMachine vm, List<DomainInfo.DiskInfo> disks) {
		// disks are identified by their target device; a changed list is rebuilt in place
		reconcile(vm.getDisks(), disks, FACTORY::createVirtualDisk, (disk, info) -> {
			set(disk.getName(), info.target(), disk::setName);
			set(disk.getPath(), info.source(), disk::setPath);
			boolean cdrom = "cdrom".equals(info.device()); //$NON-NLS-1$
			if (disk.isCdrom() != cdrom) {
				disk.setCdrom(cdrom);
			}
			DiskFormat format = diskFormat(info.format());
			if (disk.getFormat() != format) {
				disk.setFormat(format);
			}
			DiskBus bus = diskBus(info.bus());
			if (disk.getBus() != bus) {
				disk.setBus(bus);
			}
			StorageVolume volume = findVolume(host, info);
			if (disk.getVolume() != volume) {
				disk.setVolume(volume);
			}
			if (volume != null) {
				if (disk.getCapacity() != volume.getCapacity()) {
					disk.setCapacity(volume.getCapacity());
				}
				if (disk.getAllocation() != volume.getAllocation()) {
					disk.setAllocation(volume.getAllocation());
				}
				boolean shared = volume.getPool() != null && volume.getPool().isShared();
				if (disk.isShared() != shared) {
					disk.setShared(shared);
				}
			}
		});
		List<String> media = disks.stream().filter(d -> "cdrom".equals(d.device()) && d.source() != null) //$NON-NLS-1$
				.map(DomainInfo.DiskInfo::source).toList();
		if (!vm.getCdromMedia().equals(media)) {
			vm.getCdromMedia().clear();
			vm.getCdromMedia().addAll(media);
		}
	}

	private static StorageVolume findVolume(Host host, DomainInfo.DiskInfo info) {
		for (StoragePool pool : host.getStoragePools()) {
			for (StorageVolume volume : pool.getVolumes()) {
				if (info.source() != null && info.source().equals(volume.getPath())) {
					return volume;
				}
				if (info.pool() != null && info.pool().equals(pool.getName()) && info.volume() != null
						&& info.volume().equals(volume.getName())) {
					return volume;
				}
			}
		}
		return null;
	}

	static DiskFormat diskFormat(String format) {
		if (format == null) {
			return DiskFormat.RAW;
		}
		return switch (format) {
		case "raw" -> DiskFormat.RAW; //$NON-NLS-1$
		case "qcow2" -> DiskFormat.QCOW2; //$NON-NLS-1$
		default -> DiskFormat.OTHER;
		};
	}

	private static DiskBus diskBus(String bus) {
		if (bus == null) {
			return DiskBus.OTHER;
		}
		return switch (bus) {
		case "virtio" -> DiskBus.VIRTIO; //$NON-NLS-1$
		case "ide" -> DiskBus.IDE; //$NON-NLS-1$
		case "sata" -> DiskBus.SATA; //$NON-NLS-1$
		case "scsi" -> DiskBus.SCSI; //$NON-NLS-1$
		case "xen" -> DiskBus.XEN; //$NON-NLS-1$
		case "usb" -> DiskBus.USB; //$NON-NLS-1$
		default -> DiskBus.OTHER;
		};
	}

	private static void applyNics(Host host, VirtualMachine vm, List<DomainInfo.NicInfo> nics) {
		reconcile(vm.getNics(), nics, FACTORY::createNetworkInterface, (nic, info) -> {
			set(nic.getMac(), info.mac(), nic::setMac);
			set(nic.getModel(), info.model(), nic::setModel);
			set(nic.getNetworkName(), info.network(), nic::setNetworkName);
			Network network = null;
			for (Network n : host.getNetworks()) {
				if (n.getName().equals(info.network()) || (n.getBridge() != null && n.getBridge().equals(info.network()))) {
					network = n;
					break;
				}
			}
			if (nic.getNetwork() != network) {
				nic.setNetwork(network);
			}
		});
	}

	static void applyPools(Host host, List<PoolInfo> pools) {
		Map<String, StoragePool> known = new HashMap<>();
		for (StoragePool p : host.getStoragePools()) {
			known.put(p.getName(), p);
		}
		Set<String> seen = new HashSet<>();
		for (PoolInfo info : pools) {
			seen.add(info.name());
			StoragePool pool = known.get(info.name());
			if (pool == null) {
				pool = FACTORY.createStoragePool();
				pool.setName(info.name());
				host.getStoragePools().add(pool);
			}
			set(pool.getUuid(), info.uuid(), pool::setUuid);
			set(pool.getType(), info.type(), pool::setType);
			if (pool.isActive() != info.active()) {
				pool.setActive(info.active());
			}
			if (pool.isShared() != info.shared()) {
				pool.setShared(info.shared());
			}
			if (pool.getCapacity() != info.capacity()) {
				pool.setCapacity(info.capacity());
			}
			if (pool.getAllocation() != info.allocation()) {
				pool.setAllocation(info.allocation());
			}
			if (pool.getAvailable() != info.available()) {
				pool.setAvailable(info.available());
			}
			applyVolumes(pool, info.volumes());
		}
		host.getStoragePools().removeIf(p -> !seen.contains(p.getName()));
	}

	private static void applyVolumes(StoragePool pool, List<PoolInfo.VolumeInfo> volumes) {
		Map<String, StorageVolume> known = new HashMap<>();
		for (StorageVolume v : pool.getVolumes()) {
			known.put(v.getName(), v);
		}
		Set<String> seen = new HashSet<>();
		for (PoolInfo.VolumeInfo info : volumes) {
			seen.add(info.name());
			StorageVolume volume = known.get(info.name());
			if (volume == null) {
				volume = FACTORY.createStorageVolume();
				volume.setName(info.name());
				pool.getVolumes().add(volume);
			}
			set(volume.getPath(), info.path(), volume::setPath);
			if (volume.getCapacity() != info.capacity()) {
				volume.setCapacity(info.capacity());
			}
			if (volume.getAllocation() != info.allocation()) {
				volume.setAllocation(info.allocation());
			}
			DiskFormat format = diskFormat(info.format());
			if (volume.getFormat() != format) {
				volume.setFormat(format);
			}
		}
		pool.getVolumes().removeIf(v -> !seen.contains(v.getName()));
	}

	static void applyNetworks(Host host, List<NetworkInfo> networks) {
		Map<String, Network> known = new HashMap<>();
		for (Network n : host.getNetworks()) {
			known.put(n.getName(), n);
		}
		Set<String> seen = new HashSet<>();
		for (NetworkInfo info : networks) {
			seen.add(info.name());
			Network network = known.get(info.name());
			if (network == null) {
				network = FACTORY.createNetwork();
				network.setName(info.name());
				host.getNetworks().add(network);
			}
			set(network.getUuid(), info.uuid(), network::setUuid);
			set(network.getBridge(), info.bridge(), network::setBridge);
			set(network.getSubnet(), info.subnet(), network::setSubnet);
			if (network.isActive() != info.active()) {
				network.setActive(info.active());
			}
		}
		host.getNetworks().removeIf(n -> !seen.contains(n.getName()));
	}

	/** Marks what HostDeck cannot see while the host is unreachable; deletes nothing. */
	static void markUnknown(Host host) {
		for (VirtualMachine vm : host.getVms()) {
			if (vm.getPowerState() != PowerState.UNKNOWN) {
				vm.setPowerState(PowerState.UNKNOWN);
			}
		}
	}

	private static void set(String current, String value, java.util.function.Consumer<String> setter) {
		if (current == null ? value != null : !current.equals(value)) {
			setter.accept(value);
		}
	}
}
