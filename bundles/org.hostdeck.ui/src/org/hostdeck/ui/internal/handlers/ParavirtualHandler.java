package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.operations.ParavirtualDriversOperation;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Switch to Paravirtual Drivers: the selected shut-off VMs' emulated disks and NICs move to
 * virtio (after their guests got the drivers, e.g. from the drivers media), one job each.
 */
public class ParavirtualHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event)).stream()
				.filter(vm -> InventoryHolder.get().query(i -> vm.getPowerState()) == PowerState.SHUT_OFF).toList();
		if (!vms.isEmpty()) {
			VmJobs.schedule(NLS.bind(Messages.Paravirtual_group, vms.size()), vms, vm -> {
				ParavirtualDriversOperation op = new ParavirtualDriversOperation(InventoryHolder.get(), vm);
				return new VmJobs.Work(op.label(), op::execute);
			});
		}
		return null;
	}
}
