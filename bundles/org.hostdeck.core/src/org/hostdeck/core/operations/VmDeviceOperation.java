package org.hostdeck.core.operations;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DeviceChange;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Adds, removes and grows a VM's disks and adds and removes its NICs. Input is checked against
 * the model before the hypervisor is asked; a new disk's volume is deleted again when attaching
 * it fails, so nothing is left half-created. A change a running VM cannot take live is kept in
 * its definition and reported as taking effect at the next boot.
 */
public abstract class VmDeviceOperation {

	protected final InventoryService service;
	protected final VirtualMachine vm;
	private final String label;

	private VmDeviceOperation(InventoryService service, VirtualMachine vm, String label) {
		this.service = service;
		this.vm = vm;
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** A new volume of {@code capacity} bytes in {@code pool} on the VM's host, attached on {@code bus}. */
	public static VmDeviceOperation addDisk(InventoryService service, VirtualMachine vm, String pool, long capacity,
			DiskFormat format, String bus) {
		return new VmDeviceOperation(service, vm, "Add a " + Sizes.format(capacity) + " disk to " + vm.getName()) { //$NON-NLS-1$ //$NON-NLS-2$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				if (capacity < Sizes.MIB) {
					return Status.error("A disk needs at least 1 MiB; " + Sizes.format(capacity) + " is too small."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				String ext = format.getLiteral().toLowerCase(Locale.ROOT);
				// one look at the pool: a free volume name and the room left
				record Target(String volume, long available) {
				}
				Target target = service.query(i -> {
					StoragePool p = vm.getHost().getStoragePools().stream().filter(sp -> sp.getName().equals(pool)).findFirst()
							.orElse(null);
					if (p == null) {
						return null;
					}
					// vm-disk1.qcow2, vm-disk2.raw, ...: numbered across formats
					Set<String> names = p.getVolumes().stream().map(v -> v.getName().replaceFirst("\\.[^.]*$", "")) //$NON-NLS-1$ //$NON-NLS-2$
							.collect(Collectors.toSet());
					for (int n = 1;; n++) {
						String base = vm.getName() + "-disk" + n; //$NON-NLS-1$
						if (!names.contains(base)) {
							return new Target(base + "." + ext, p.getAvailable()); //$NON-NLS-1$
						}
					}
				});
				if (target == null) {
					return Status.error("Host of " + vm.getName() + " has no storage pool '" + pool //$NON-NLS-1$ //$NON-NLS-2$
							+ "'. Choose one of its pools."); //$NON-NLS-1$
				}
				String volume = target.volume();
				long available = target.available();
				if (format == DiskFormat.RAW && capacity > available) {
					return Status.error("Pool '" + pool + "' has " + Sizes.format(available) + " free; a raw disk of " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ Sizes.format(capacity) + " does not fit. Choose a smaller size, another pool, or qcow2 (allocated as the guest writes)."); //$NON-NLS-1$
				}
				connection.createVolume(pool, volume, capacity, ext);
				progress.worked(1);
				DeviceChange change;
				try {
					change = connection.attachDisk(uuid, pool, volume, bus);
				} catch (DriverException e) {
					try {
						connection.deleteVolume(pool, volume);
					} catch (DriverException cleanup) {
						e.addSuppressed(cleanup);
						return Status.error(label() + ": " + e.getMessage() + " The new volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$
								+ "' could not be deleted again (" + cleanup.getMessage() + "); delete it from pool '" + pool + "'.", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
					throw e;
				}
				return done(change, "Disk " + change.id() + " (" + volume + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		};
	}

	/** Detaches the disk at {@code target}; with {@code deleteVolume} its volume goes too. */
	public static VmDeviceOperation removeDisk(InventoryService service, VirtualMachine vm, String target,
			boolean deleteVolume) {
		return new VmDeviceOperation(service, vm, "Remove disk " + target + " from " + vm.getName() //$NON-NLS-1$ //$NON-NLS-2$
				+ (deleteVolume ? " and delete its volume" : "")) { //$NON-NLS-1$ //$NON-NLS-2$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				String[] volume = service.query(i -> {
					VirtualDisk disk = disk(target);
					StorageVolume v = disk == null ? null : disk.getVolume();
					return v == null ? null : new String[] { v.getPool().getName(), v.getName() };
				});
				DeviceChange change = connection.detachDisk(uuid, target);
				progress.worked(1);
				if (deleteVolume && volume != null) {
					if (running() && !change.live()) {
						return Status.info(vm.getName() + ": disk " + target + " leaves the VM at its next boot; volume '" //$NON-NLS-1$ //$NON-NLS-2$
								+ volume[1] + "' was kept because the running VM still uses it. Delete it after the reboot."); //$NON-NLS-1$
					}
					connection.deleteVolume(volume[0], volume[1]);
				}
				return done(change, "Disk " + target); //$NON-NLS-1$
			}
		};
	}

	/** Grows the disk at {@code target} to {@code capacity} bytes. */
	public static VmDeviceOperation resizeDisk(InventoryService service, VirtualMachine vm, String target, long capacity) {
		return new VmDeviceOperation(service, vm, "Resize disk " + target + " of " + vm.getName() + " to " + Sizes.format(capacity)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				Long current = service.query(i -> {
					VirtualDisk disk = disk(target);
					return disk == null ? null : disk.getCapacity();
				});
				if (current == null) {
					return Status.error(vm.getName() + " has no disk " + target + "."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				if (capacity <= current) {
					return Status.error("Disk " + target + " of " + vm.getName() + " has " + Sizes.format(current) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ "; disks only grow (shrinking would cut off the guest's file systems). Enter more than " //$NON-NLS-1$
							+ Sizes.format(current) + "."); //$NON-NLS-1$
				}
				connection.resizeDisk(uuid, target, capacity);
				return Status.OK_STATUS;
			}
		};
	}

	/** A new NIC on {@code network} of the VM's host. */
	public static VmDeviceOperation addNic(InventoryService service, VirtualMachine vm, String network, String model) {
		return new VmDeviceOperation(service, vm, "Add a NIC on " + network + " to " + vm.getName()) { //$NON-NLS-1$ //$NON-NLS-2$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				boolean known = service.query(i -> vm.getHost().getNetworks().stream().anyMatch(n -> n.getName().equals(network)));
				if (!known) {
					return Status.error("Host of " + vm.getName() + " has no network '" + network + "'. Choose one of its networks."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				DeviceChange change = connection.attachNic(uuid, network, model);
				return done(change, "NIC " + change.id()); //$NON-NLS-1$
			}
		};
	}

	/** Removes the NIC with {@code mac}. */
	public static VmDeviceOperation removeNic(InventoryService service, VirtualMachine vm, String mac) {
		return new VmDeviceOperation(service, vm, "Remove NIC " + mac + " from " + vm.getName()) { //$NON-NLS-1$ //$NON-NLS-2$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				return done(connection.detachNic(uuid, mac), "NIC " + mac); //$NON-NLS-1$
			}
		};
	}

	/**
	 * Puts volume {@code volume} of {@code pool} (an ISO image on the VM's host) into the CD/DVD
	 * drive at {@code target}, or with a {@code null} volume ejects the drive's media: at once in a
	 * running VM, and in its definition.
	 */
	public static VmDeviceOperation changeMedia(InventoryService service, VirtualMachine vm, String target, String pool,
			String volume) {
		String label = volume == null ? "Eject the media of " + target + " of " + vm.getName() //$NON-NLS-1$ //$NON-NLS-2$
				: "Insert " + volume + " into " + target + " of " + vm.getName(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return new VmDeviceOperation(service, vm, label) {
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				String problem = service.query(i -> {
					if (volume == null || driveProblem(target) != null) {
						return driveProblem(target);
					}
					StoragePool p = vm.getHost().getStoragePools().stream().filter(sp -> sp.getName().equals(pool)).findFirst().orElse(null);
					if (p == null || p.getVolumes().stream().noneMatch(v -> v.getName().equals(volume))) {
						return "The host of " + vm.getName() + " has no volume '" + volume + "' in pool '" + pool //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
								+ "'. Choose one of its ISO images, or upload the ISO into a pool first."; //$NON-NLS-1$
					}
					return null;
				});
				if (problem != null) {
					return Status.error(problem);
				}
				return done(connection.consoles().changeMedia(uuid, target, pool, volume), volume == null ? "Ejecting" : volume); //$NON-NLS-1$
			}
		};
	}

	/**
	 * Uploads the ISO file {@code file} of this computer into {@code pool} of the VM's host (a volume
	 * named as the file; deleted again when the upload fails or is cancelled), then puts it into
	 * the CD/DVD drive at {@code target}.
	 */
	public static VmDeviceOperation uploadMedia(InventoryService service, VirtualMachine vm, String target, java.nio.file.Path file,
			String pool) {
		String name = file.getFileName().toString();
		return new VmDeviceOperation(service, vm, "Upload " + name + " into pool " + pool + " for " + target + " of " + vm.getName()) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				String problem = service.query(i -> driveProblem(target));
				if (problem != null) {
					return Status.error(problem);
				}
				String hostName = service.query(i -> vm.getHost().getName());
				org.hostdeck.core.driver.PoolInfo into = connection.pools().stream().filter(p -> p.name().equals(pool)).findFirst().orElse(null);
				problem = into == null ? hostName + " has no storage pool '" + pool + "'. Choose one of its pools." //$NON-NLS-1$ //$NON-NLS-2$
						: IsoUploads.problem(file, into, name, hostName);
				if (problem != null) {
					return Status.error(label() + ": " + problem); //$NON-NLS-1$
				}
				progress.setWorkRemaining(10);
				try {
					IsoUploads.upload(connection, file, pool, name, progress.split(9));
				} catch (java.io.IOException e) {
					return Status.error(label() + ": " + file + " cannot be read (" + e.getMessage() + ").", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				return done(connection.consoles().changeMedia(uuid, target, pool, name), name);
			}
		};
	}

	/** Adds an empty CD/DVD drive (live where the hypervisor can, else at the next boot). */
	public static VmDeviceOperation addMediaDrive(InventoryService service, VirtualMachine vm) {
		return new VmDeviceOperation(service, vm, "Add a CD/DVD drive to " + vm.getName()) { //$NON-NLS-1$
			@Override
			IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException {
				DeviceChange change = connection.consoles().addMediaDrive(uuid);
				return done(change, "CD/DVD drive " + change.id()); //$NON-NLS-1$
			}
		};
	}

	/**
	 * On the owner thread: where an uploaded ISO for {@code vm} goes by default: the active pool of
	 * its host that holds the most ISO images, else the one with the most room; {@code null} when
	 * the host has no active pool.
	 */
	public static String isoPool(VirtualMachine vm) {
		if (vm.getHost() == null) {
			return null;
		}
		return vm.getHost().getStoragePools().stream().filter(StoragePool::isActive)
				.max(java.util.Comparator.<StoragePool>comparingLong(p -> p.getVolumes().stream()
						.filter(v -> v.getName().toLowerCase(Locale.ROOT).endsWith(".iso")).count()) //$NON-NLS-1$
						.thenComparingLong(StoragePool::getAvailable))
				.map(StoragePool::getName).orElse(null);
	}

	/** On the owner thread: the ISO images on {@code vm}'s host, as {@code pool/volume}, sorted. */
	public static java.util.List<String> isoImages(VirtualMachine vm) {
		java.util.List<String> result = new java.util.ArrayList<>();
		if (vm.getHost() == null) {
			return result;
		}
		for (StoragePool pool : vm.getHost().getStoragePools()) {
			for (StorageVolume v : pool.getVolumes()) {
				if (v.getName().toLowerCase(Locale.ROOT).endsWith(".iso")) { //$NON-NLS-1$
					result.add(pool.getName() + "/" + v.getName()); //$NON-NLS-1$
				}
			}
		}
		java.util.Collections.sort(result);
		return result;
	}

	abstract IStatus apply(IHostConnection connection, String uuid, SubMonitor progress) throws DriverException;

	/**
	 * @return OK; INFO when a running VM takes the change at its next boot; ERROR naming the VM and
	 *         the reason otherwise
	 */
	public IStatus execute(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, label, 3);
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label + ": its host is not connected; nothing was changed."); //$NON-NLS-1$
		}
		try {
			IStatus status = apply(session.connection(), uuid, progress);
			progress.setWorkRemaining(1);
			if (status.getSeverity() != IStatus.ERROR) {
				session.refresh(progress.split(1)); // the VM and the pools (new or deleted volumes)
			}
			return status;
		} catch (DriverException e) {
			return Status.error(label + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	IStatus done(DeviceChange change, String what) {
		if (running() && !change.live()) {
			return Status.info(vm.getName() + ": " + what + " is saved in the definition and takes effect when the VM next boots" //$NON-NLS-1$ //$NON-NLS-2$
					+ (change.why() == null ? "." : " (the host could not change the running VM: " + change.why() + ").")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return Status.OK_STATUS;
	}

	boolean running() {
		return service.query(i -> vm.getPowerState() == PowerState.RUNNING || vm.getPowerState() == PowerState.PAUSED);
	}

	/** On the owner thread: why the VM has no CD/DVD drive {@code target}, or {@code null}. */
	String driveProblem(String target) {
		VirtualDisk drive = disk(target);
		return drive == null || !drive.isCdrom() ? vm.getName() + " has no CD/DVD drive " + target + ". Add one first (Add CD/DVD Drive)." //$NON-NLS-1$ //$NON-NLS-2$
				: null;
	}

	/** On the owner thread: the VM's disk at {@code target}. */
	VirtualDisk disk(String target) {
		return vm.getDisks().stream().filter(d -> target.equals(d.getName())).findFirst().orElse(null);
	}
}
