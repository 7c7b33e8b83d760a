package org.hostdeck.ui.internal.handlers;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.DeleteVmOperation;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;

/** Deletes the selected shut-off VMs after the user confirms, with or without their disks. */
public class DeleteVmHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event))
				.stream().filter(vm -> vm.getPowerState() == PowerState.SHUT_OFF).toList();
		if (vms.isEmpty()) {
			return null;
		}
		String names = vms.stream().map(VirtualMachine::getName).collect(Collectors.joining(", ")); //$NON-NLS-1$
		MessageDialogWithToggle confirm = MessageDialogWithToggle.open(MessageDialogWithToggle.CONFIRM,
				HandlerUtil.getActiveShell(event), Messages.DeleteVm_title, NLS.bind(Messages.DeleteVm_question, names),
				Messages.DeleteVm_withDisks, false, null, null, 0);
		if (confirm.getReturnCode() != Window.OK) {
			return null;
		}
		boolean withDisks = confirm.getToggleState();
		InventoryService service = InventoryHolder.get();
		VmJobs.schedule(NLS.bind(Messages.DeleteVm_group, vms.size()), vms, vm -> {
			DeleteVmOperation op = new DeleteVmOperation(service, vm, withDisks);
			return new VmJobs.Work(op.label(), op::execute);
		});
		return null;
	}
}
