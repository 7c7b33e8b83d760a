package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Folder;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.Folders;

/** New Folder...: at the top level, or inside the selected folder. */
public class NewFolderHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		Object selected = HandlerUtil.getCurrentStructuredSelection(event).getFirstElement();
		Folder parent = selected instanceof Folder f ? f : null;
		InventoryService service = InventoryHolder.get();
		InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), Messages.NewFolder_title,
				Messages.NewFolder_prompt, "", name -> Folders.problem(service, parent, name)); //$NON-NLS-1$
		if (dialog.open() == Window.OK) {
			Folders.create(service, parent, dialog.getValue());
		}
		return null;
	}
}
