package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.wizards.InstallWizard;

/** New VM...: the Install wizard, offering the selected host (or the selected VM's host) first. */
public class InstallHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		Host host = null;
		if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
			Object first = selection.getFirstElement();
			if (first instanceof Host h) {
				host = h;
			} else if (first instanceof VirtualMachine vm) {
				host = InventoryHolder.get().query(i -> vm.getHost());
			}
		}
		InstallWizard.open(HandlerUtil.getActiveShell(event), host, false);
		return null;
	}
}
