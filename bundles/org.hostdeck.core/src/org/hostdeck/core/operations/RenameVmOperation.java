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
 * Renames a shut-off VM on its host (libvirt keeps its UUID, disks and settings), then reads it
 * back into the model; folders, tags and open editors keep following it.
 */
public class RenameVmOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final String name;

	public RenameVmOperation(InventoryService service, VirtualMachine vm, String name) {
		this.service = service;
		this.vm = vm;
		this.name = name.trim();
	}

	public String label() {
		return "Rename " + service.query(i -> vm.getName()) + " to " + name; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * @return what stops {@code vm} from being called {@code newName}, naming the fix, or
	 *         {@code null} when the name can be given (or is the VM's name already)
	 */
	public static String problem(InventoryService service, VirtualMachine vm, String newName) {
		String wanted = newName == null ? "" : newName.trim(); //$NON-NLS-1$
		return service.query(i -> {
			if (wanted.isEmpty()) {
				return "Enter a name."; //$NON-NLS-1$
			}
			if (wanted.contains("/")) { //$NON-NLS-1$
				return "A VM name cannot contain '/'. Use letters, digits, '-', '_' or '.'."; //$NON-NLS-1$
			}
			if (wanted.equals(vm.getName())) {
				return null;
			}
			if (vm.getHost() != null && vm.getHost().getVms().stream().anyMatch(v -> v != vm && wanted.equals(v.getName()))) {
				return "Host '" + vm.getHost().getName() + "' has a VM named '" + wanted + "' already. Choose another name."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (vm.getPowerState() != PowerState.SHUT_OFF) {
				return "Shut down '" + vm.getName() + "' first: a hypervisor renames only shut-off VMs."; //$NON-NLS-1$ //$NON-NLS-2$
			}
			return null;
		});
	}

	/** @return OK, or ERROR naming the VM and the reason; nothing changes on an error */
	public IStatus execute(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, label(), 2);
		String problem = problem(service, vm, name);
		if (problem != null) {
			return Status.error(label() + ": " + problem); //$NON-NLS-1$
		}
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label() + ": its host is not connected; nothing was changed."); //$NON-NLS-1$
		}
		try {
			session.connection().renameDomain(uuid, name);
			progress.worked(1);
			session.refreshVm(uuid);
			progress.worked(1);
			return Status.OK_STATUS;
		} catch (DriverException e) {
			return Status.error(label() + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}
}
