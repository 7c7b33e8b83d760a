package org.hostdeck.ui.internal.console;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.InventoryView;

/**
 * The console of the VM selected in the Inventory (a disk or NIC shows its VM), like the
 * Performance view; it keeps the last VM while something else is selected. Connected only while
 * the view is visible, so a hidden tab holds no connection to any host.
 */
public class ConsoleView extends ViewPart {

	public static final String ID = "org.hostdeck.ui.views.console"; //$NON-NLS-1$

	private ConsoleViewer viewer;
	private VirtualMachine selected;
	private boolean visible = true;
	private final ISelectionListener selectionListener = this::selectionChanged;
	private final IPartListener2 visibility = new IPartListener2() {
		@Override
		public void partVisible(IWorkbenchPartReference ref) {
			if (ref.getPart(false) == ConsoleView.this) {
				visible = true;
				viewer.show(selected);
			}
		}

		@Override
		public void partHidden(IWorkbenchPartReference ref) {
			if (ref.getPart(false) == ConsoleView.this) {
				visible = false;
				viewer.show(null);
			}
		}
	};

	@Override
	public void createPartControl(Composite parent) {
		viewer = new ConsoleViewer(parent, InventoryHolder.get());
		getSite().getPage().addPostSelectionListener(selectionListener);
		getSite().getPage().addPartListener(visibility);
		selectionChanged(null, getSite().getPage().getSelection(InventoryView.ID));
	}

	private void selectionChanged(IWorkbenchPart part, ISelection selection) {
		if (part == this || !(selection instanceof IStructuredSelection structured) || structured.isEmpty()) {
			return;
		}
		Object first = structured.getFirstElement();
		Object target = first instanceof VirtualDisk || first instanceof NetworkInterface ? ((org.eclipse.emf.ecore.EObject) first).eContainer()
				: first;
		if (target instanceof VirtualMachine vm && vm != selected) {
			show(vm);
		}
	}

	/** Shows {@code vm}'s console. */
	public void show(VirtualMachine vm) {
		selected = vm;
		setContentDescription(vm == null ? "" : InventoryHolder.get().query(i -> vm.getName())); //$NON-NLS-1$
		if (visible) {
			viewer.show(vm);
		}
	}

	public ConsoleViewer viewer() {
		return viewer;
	}

	@Override
	public void setFocus() {
		viewer.setFocus();
	}

	@Override
	public void dispose() {
		getSite().getPage().removePostSelectionListener(selectionListener);
		getSite().getPage().removePartListener(visibility);
		super.dispose();
	}
}
