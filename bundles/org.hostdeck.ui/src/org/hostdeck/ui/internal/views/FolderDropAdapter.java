package org.hostdeck.ui.internal.views;

import java.util.List;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.ViewerDropAdapter;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.TransferData;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.handlers.VmPropertyTester;
import org.hostdeck.ui.internal.wizards.MigrateWizard;

/**
 * Drops in the inventory tree: hosts, VMs or folders dropped on a folder move into it; VMs
 * dropped on another host open the Migrate wizard with that host chosen (the wizard, with its
 * pre-checks, is the confirmation).
 */
final class FolderDropAdapter extends ViewerDropAdapter {

	private final InventoryService service;

	FolderDropAdapter(TreeViewer viewer, InventoryService service) {
		super(viewer);
		this.service = service;
		setFeedbackEnabled(false);
	}

	@Override
	public boolean validateDrop(Object target, int operation, TransferData type) {
		return LocalSelectionTransfer.getTransfer().isSupportedType(type)
				&& LocalSelectionTransfer.getTransfer().getSelection() instanceof IStructuredSelection s && accepts(target, s);
	}

	private boolean accepts(Object target, IStructuredSelection selection) {
		if (target instanceof Folder folder) {
			return Folders.accepts(selection.toList(), folder);
		}
		return target instanceof Host host && !selection.isEmpty() && service.query(i -> host.getState() == HostState.CONNECTED
				&& selection.toList().stream().allMatch(o -> o instanceof VirtualMachine vm && vm.getHost() != host
						&& VmPropertyTester.canMigrate(vm.getPowerState())));
	}

	@Override
	public boolean performDrop(Object data) {
		return data instanceof IStructuredSelection selection && performDropOn(getCurrentTarget(), selection);
	}

	/** Performs a drop of {@code selection} on {@code target} (what a drop event ends in). */
	boolean performDropOn(Object target, IStructuredSelection selection) {
		if (!accepts(target, selection)) {
			return false;
		}
		if (target instanceof Host host) {
			List<VirtualMachine> vms = selection.toList().stream().map(VirtualMachine.class::cast).toList();
			// after the drag has ended: a dialog must not open inside the drop event
			getViewer().getControl().getDisplay().asyncExec(() -> MigrateWizard.open(getViewer().getControl().getShell(), vms, host, false));
			return true;
		}
		Folder folder = (Folder) target;
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
