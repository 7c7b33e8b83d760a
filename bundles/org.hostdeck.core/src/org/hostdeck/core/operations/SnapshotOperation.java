package org.hostdeck.core.operations;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.SnapshotInfo;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;

/**
 * Takes, reverts to or deletes a snapshot of a VM. A snapshot of a shut-off VM holds its disks; of
 * a running one its disks and memory, or with disk-only its disks alone. What the host cannot do
 * (raw disks for a full snapshot, UEFI guests, disk-only snapshots on libvirt before 9.9) is
 * refused with the reason, before anything changes.
 */
public final class SnapshotOperation {

	private enum Kind {
		CREATE, REVERT, DELETE
	}

	private final InventoryService service;
	private final VirtualMachine vm;
	private final Kind kind;
	private final String name;
	private final String description;
	private final boolean diskOnly;

	private SnapshotOperation(InventoryService service, VirtualMachine vm, Kind kind, String name, String description, boolean diskOnly) {
		this.service = service;
		this.vm = vm;
		this.kind = kind;
		this.name = name == null ? "" : name.trim(); //$NON-NLS-1$
		this.description = description;
		this.diskOnly = diskOnly;
	}

	/** Takes snapshot {@code name} (with the memory of a running VM unless {@code diskOnly}). */
	public static SnapshotOperation create(InventoryService service, VirtualMachine vm, String name, String description, boolean diskOnly) {
		return new SnapshotOperation(service, vm, Kind.CREATE, name, description, diskOnly);
	}

	/** Puts the VM back to snapshot {@code name}: what was written since is gone. */
	public static SnapshotOperation revert(InventoryService service, VirtualMachine vm, String name) {
		return new SnapshotOperation(service, vm, Kind.REVERT, name, null, false);
	}

	/** Deletes snapshot {@code name} (not the VM's present state). */
	public static SnapshotOperation delete(InventoryService service, VirtualMachine vm, String name) {
		return new SnapshotOperation(service, vm, Kind.DELETE, name, null, false);
	}

	/** The snapshots of {@code vm}, parents before children. Talks to the host. */
	public static List<SnapshotInfo> list(InventoryService service, VirtualMachine vm) throws DriverException {
		HostSession session = service.session(vm);
		if (session == null) {
			throw new DriverException(DriverException.Reason.CONNECTION_LOST, "The host of " + service.query(i -> vm.getName()) + " is not connected."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return session.connection().snapshots(service.query(i -> vm.getUuid()));
	}

	public String label() {
		String vmName = service.query(i -> vm.getName());
		return switch (kind) {
		case CREATE -> "Take " + (diskOnly ? "disk-only " : "") + "snapshot " + name + " of " + vmName; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		case REVERT -> "Revert " + vmName + " to snapshot " + name; //$NON-NLS-1$ //$NON-NLS-2$
		case DELETE -> "Delete snapshot " + name + " of " + vmName; //$NON-NLS-1$ //$NON-NLS-2$
		};
	}

	/** @return OK, or ERROR naming the VM, the snapshot and the reason (nothing changed then) */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 10);
		String uuid = service.query(i -> vm.getUuid());
		String holder = service.claim(uuid, label);
		if (holder != null) {
			return Status.error(label + ": the VM is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			HostSession session = service.session(vm);
			if (session == null) {
				return Status.error(label + ": its host is not connected."); //$NON-NLS-1$
			}
			IHostConnection connection = session.connection();
			switch (kind) {
			case CREATE -> connection.createSnapshot(uuid, name, description, diskOnly);
			case REVERT -> connection.revertToSnapshot(uuid, name);
			case DELETE -> connection.deleteSnapshot(uuid, name);
			}
			progress.worked(9);
			try {
				session.refreshVm(uuid); // a revert may change the VM's state and shape
			} catch (DriverException e) {
				// the host's event brings the model up to date
			}
			return Status.OK_STATUS;
		} catch (DriverException e) {
			return Status.error(e.getMessage(), e);
		} finally {
			service.release(uuid, label);
		}
	}
}
