package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.wizards.CloneDialog;

/** Clone... of the selected shut-off VM: the dialog opens without blocking; the clone runs as a job. */
public class CloneHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event));
		if (vms.size() == 1) {
			CloneDialog dialog = new CloneDialog(HandlerUtil.getActiveShell(event), vms.get(0));
			dialog.setBlockOnOpen(false);
			dialog.open();
		}
		return null;
	}
}
