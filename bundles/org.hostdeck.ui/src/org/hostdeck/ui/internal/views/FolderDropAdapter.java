package org.hostdeck.ui.internal.views;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.ViewerDropAdapter;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.TransferData;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Folder;

/** Dropping hosts, VMs or folders on a folder in the inventory tree moves them into it. */
final class FolderDropAdapter extends ViewerDropAdapter {

	private final InventoryService service;

	FolderDropAdapter(TreeViewer viewer, InventoryService service) {
		super(viewer);
		this.service = service;
		setFeedbackEnabled(false);
	}

	@Override
	public boolean validateDrop(Object target, int operation, TransferData type) {
		return target instanceof Folder folder && LocalSelectionTransfer.getTransfer().isSupportedType(type)
				&& LocalSelectionTransfer.getTransfer().getSelection() instanceof IStructuredSelection s
				&& Folders.accepts(s.toList(), folder);
	}

	@Override
	public boolean performDrop(Object data) {
		Object target = getCurrentTarget();
		if (!(target instanceof Folder folder) || !(data instanceof IStructuredSelection selection)) {
			return false;
		}
		return performDropOn(folder, selection);
	}

	/** Performs a drop of {@code selection} on {@code folder} (what a drop event ends in). */
	boolean performDropOn(Folder folder, IStructuredSelection selection) {
		if (!Folders.accepts(selection.toList(), folder)) {
			return false;
		}
		Folders.move(service, selection.toList(), folder);
		((InventoryContentProvider) ((TreeViewer) getViewer()).getContentProvider()).invalidate();
		getViewer().refresh();
		((TreeViewer) getViewer()).setExpandedState(folder, true);
		return true;
	}

	/** The operation a drag onto the tree offers. */
	static int operations() {
		return DND.DROP_MOVE | DND.DROP_LINK;
	}
}
