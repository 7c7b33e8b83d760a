package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.RenameVmOperation;
import org.hostdeck.model.Folder;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.Folders;

/**
 * Rename... (F2) of the selected folder or shut-off VM. The dialog refuses names that clash with
 * a sibling folder or another VM of the same host before anything is sent; a VM is renamed on its
 * host in a job, recorded in the task history.
 */
public class RenameHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<?> selection = HandlerUtil.getCurrentStructuredSelection(event).toList();
		if (selection.size() != 1) {
			return null;
		}
		InventoryService service = InventoryHolder.get();
		if (selection.get(0) instanceof Folder folder) {
			InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), Messages.RenameFolder_title,
					Messages.RenameFolder_prompt, folder.getName(), name -> Folders.renameProblem(service, folder, name));
			if (dialog.open() == Window.OK) {
				Folders.rename(service, folder, dialog.getValue());
			}
		} else if (selection.get(0) instanceof VirtualMachine vm) {
			String current = service.query(i -> vm.getName());
			InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), Messages.RenameVm_title,
					NLS.bind(Messages.RenameVm_prompt, current), current, name -> RenameVmOperation.problem(service, vm, name));
			if (dialog.open() == Window.OK && !dialog.getValue().trim().equals(current)) {
				String name = dialog.getValue();
				VmJobs.schedule(new RenameVmOperation(service, vm, name).label(), List.of(vm), v -> {
					RenameVmOperation op = new RenameVmOperation(service, v, name);
					return new VmJobs.Work(op.label(), op::execute);
				});
			}
		}
		return null;
	}
}
