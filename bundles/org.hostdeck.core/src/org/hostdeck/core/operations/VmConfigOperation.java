package org.hostdeck.core.operations;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;

/**
 * Applies resource changes (vCPUs, memory, CPU weight, start on boot) to a VM through its
 * hypervisor, then reads the VM back into the model. The hypervisor validates too; its refusal
 * comes back as the status message.
 */
public class VmConfigOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final VmConfig config;

	public VmConfigOperation(InventoryService service, VirtualMachine vm, VmConfig config) {
		this.service = service;
		this.vm = vm;
		this.config = config;
	}

	public String label() {
		return "Change " + vm.getName(); //$NON-NLS-1$
	}

	/**
	 * @return OK; INFO when part of the change waits for the VM's next boot; ERROR naming the VM
	 *         and the reason otherwise (nothing is half-applied: the definition is written in one step)
	 */
	public IStatus execute(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, label(), 2);
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label() + ": its host is not connected; nothing was changed."); //$NON-NLS-1$
		}
		try {
			boolean now = session.connection().configure(uuid, config);
			progress.worked(1);
			session.refreshVm(uuid);
			progress.worked(1);
			return now ? Status.OK_STATUS
					: Status.info(vm.getName() + ": saved; some changes take effect when the VM next boots."); //$NON-NLS-1$
		} catch (DriverException e) {
			return Status.error(label() + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}
}
