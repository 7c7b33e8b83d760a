package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Folder;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.Folders;

/**
 * Delete Folder and Remove from Folder; plugin.xml names the action
 * ({@code class="...FolderHandler:DELETE"}). Deleting a folder ungroups its hosts and VMs, it
 * deletes none of them.
 */
public class FolderHandler extends ActionHandler<FolderHandler.Action> {

	enum Action {
		DELETE, UNGROUP
	}

	public FolderHandler() {
		super(Action.class, Action.DELETE);
	}

	@Override
	public Object execute(ExecutionEvent event) {
		List<?> selection = HandlerUtil.getCurrentStructuredSelection(event).toList();
		InventoryService service = InventoryHolder.get();
		Folder folder = selection.size() == 1 && selection.get(0) instanceof Folder f ? f : null;
		switch (action) {
		case DELETE -> {
			if (folder != null && MessageDialog.open(MessageDialog.QUESTION, HandlerUtil.getActiveShell(event),
					Messages.DeleteFolder_title, NLS.bind(Messages.DeleteFolder_prompt, folder.getName()), SWT.NONE,
					Messages.DeleteFolder_button, IDialogConstants.CANCEL_LABEL) == 0) {
				Folders.delete(service, folder);
			}
		}
		case UNGROUP -> Folders.ungroup(service, selection);
		}
		return null;
	}
}
