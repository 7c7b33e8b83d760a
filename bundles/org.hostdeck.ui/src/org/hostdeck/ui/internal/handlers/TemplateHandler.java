package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.statushandlers.StatusManager;
import org.hostdeck.core.operations.VmTemplates;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Make Template (the selected shut-off VMs become templates: not started; Clone... makes VMs from
 * them) and Make VM (templates become VMs again); the action is the handler's parameter.
 */
public class TemplateHandler extends AbstractHandler implements IExecutableExtension {

	private boolean make = true;

	@Override
	public void setInitializationData(IConfigurationElement config, String property, Object data) {
		make = !"UNDO".equals(data); //$NON-NLS-1$
	}

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event));
		for (VirtualMachine vm : vms) {
			String refusal = VmTemplates.mark(InventoryHolder.get(), vm, make);
			if (refusal != null) {
				StatusManager.getManager().handle(Status.warning(refusal), StatusManager.SHOW);
			}
		}
		return null;
	}
}
