package org.hostdeck.core.operations;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;

/**
 * Switch to Paravirtual Drivers: after the guest's paravirtual drivers are installed (the
 * drivers media step of a Windows install), its emulated disks and NICs move to virtio (Xen's
 * own on Xen). The VM must be shut off; CD-ROMs stay as they are.
 */
public class ParavirtualDriversOperation {

	private final InventoryService service;
	private final VirtualMachine vm;

	public ParavirtualDriversOperation(InventoryService service, VirtualMachine vm) {
		this.service = service;
		this.vm = vm;
	}

	public String label() {
		return "Switch " + service.query(i -> vm.getName()) + " to paravirtual drivers"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return INFO listing what moved (or that nothing was emulated); ERROR with the reason, nothing changed */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 2);
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label + ": its host is not connected; nothing was changed."); //$NON-NLS-1$
		}
		try {
			List<String> changes = session.connection().switchToParavirtual(uuid);
			progress.worked(1);
			session.refreshVm(uuid);
			progress.worked(1);
			return Status.info(label + ": " + (changes.isEmpty() ? "its disks and NICs are paravirtual already." //$NON-NLS-1$ //$NON-NLS-2$
					: String.join(", ", changes) + ".")); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (DriverException e) {
			return Status.error(label + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}
}
