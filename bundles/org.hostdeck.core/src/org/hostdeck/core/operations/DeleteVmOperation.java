package org.hostdeck.core.operations;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;

/**
 * Deletes a shut-off VM's definition and, when asked, the volumes of its disks. The UI asks the
 * user to confirm first; this operation refuses a running VM rather than forcing it off.
 */
public class DeleteVmOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final boolean withDisks;

	public DeleteVmOperation(InventoryService service, VirtualMachine vm, boolean withDisks) {
		this.service = service;
		this.vm = vm;
		this.withDisks = withDisks;
	}

	public String label() {
		return "Delete " + vm.getName() + (withDisks ? " and its disks" : ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	public IStatus execute(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, label(), 3);
		String uuid = service.query(i -> vm.getUuid());
		PowerState state = service.query(i -> vm.getPowerState());
		if (state != PowerState.SHUT_OFF) {
			return Status.error(vm.getName() + " is " + state.getLiteral().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') //$NON-NLS-1$
					+ ". Shut it down (or force it off) before deleting it."); //$NON-NLS-1$
		}
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label() + ": its host is not connected."); //$NON-NLS-1$
		}
		try {
			if (withDisks) {
				String refusal = LinkedClones.refusal(session.connection(), service.query(i -> vm.getName()),
						service.query(i -> LinkedClones.diskPaths(vm)), "deleting its disks"); //$NON-NLS-1$
				if (refusal != null) {
					return Status.error(refusal);
				}
			}
			session.connection().undefine(uuid, withDisks);
			progress.worked(2);
			// the UNDEFINED event removes the VM; a refresh also brings the pools up to date
			session.refresh(progress.split(1));
			return Status.OK_STATUS;
		} catch (DriverException e) {
			return Status.error(label() + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}
}
