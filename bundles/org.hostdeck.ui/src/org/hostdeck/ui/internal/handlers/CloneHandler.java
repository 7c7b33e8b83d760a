package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.wizards.CloneDialog;
import org.hostdeck.ui.internal.wizards.CloneWizard;

/**
 * Clone... of the selected shut-off VM (the dialog), or New VM from Template... (the wizard, with
 * the install wizard's pages; parameter {@code WIZARD}). Both open without blocking; the clone
 * runs as a job.
 */
public class CloneHandler extends AbstractHandler implements IExecutableExtension {

	private boolean wizard;

	@Override
	public void setInitializationData(IConfigurationElement config, String property, Object data) {
		wizard = "WIZARD".equals(data); //$NON-NLS-1$
	}

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event));
		if (vms.size() == 1 && wizard) {
			CloneWizard.open(HandlerUtil.getActiveShell(event), vms.get(0), false);
		} else if (vms.size() == 1) {
			CloneDialog dialog = new CloneDialog(HandlerUtil.getActiveShell(event), vms.get(0));
			dialog.setBlockOnOpen(false);
			dialog.open();
		}
		return null;
	}
}
