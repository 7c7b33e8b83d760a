package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Save as Template...: the selected VM's shape (guest type, vCPUs, memory, CPU weight, disk size,
 * NICs, device kind) becomes a template the Install wizard offers.
 */
public class SaveTemplateHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		VirtualMachine vm = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event)).stream().findFirst()
				.orElse(null);
		if (vm == null) {
			return null;
		}
		InventoryService service = InventoryHolder.get();
		String name = service.query(i -> vm.getName());
		InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), Messages.SaveTemplate_title,
				NLS.bind(Messages.SaveTemplate_prompt, name), NLS.bind(Messages.SaveTemplate_default, name),
				text -> text.isBlank() ? Messages.SaveTemplate_empty : null);
		if (dialog.open() == Window.OK) {
			Templates.saveAs(service, vm, dialog.getValue().trim());
		}
		return null;
	}
}
