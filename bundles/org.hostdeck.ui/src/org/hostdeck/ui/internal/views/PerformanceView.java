package org.hostdeck.ui.internal.views;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.hostdeck.model.Host;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.charts.PerformanceCharts;

/**
 * CPU, memory, disk and network graphs of the VM or host selected in the Inventory (a disk or a
 * NIC shows its VM). Keeps showing the last one when something else is selected.
 */
public class PerformanceView extends ViewPart {

	public static final String ID = "org.hostdeck.ui.views.performance"; //$NON-NLS-1$

	private PerformanceCharts charts;
	private final ISelectionListener selectionListener = this::selectionChanged;

	@Override
	public void createPartControl(Composite parent) {
		charts = new PerformanceCharts(parent, InventoryHolder.sampler());
		getSite().getPage().addPostSelectionListener(selectionListener);
		selectionChanged(null, getSite().getPage().getSelection(InventoryView.ID));
	}

	private void selectionChanged(IWorkbenchPart part, ISelection selection) {
		if (part == this || !(selection instanceof IStructuredSelection structured) || structured.isEmpty()) {
			return;
		}
		Object first = structured.getFirstElement();
		EObject target = first instanceof VirtualDisk || first instanceof NetworkInterface ? ((EObject) first).eContainer()
				: first instanceof VirtualMachine || first instanceof Host ? (EObject) first : null;
		if (target != null && target != charts.target()) {
			show(target);
		}
	}

	/** Shows the graphs of a VM or a host. */
	public void show(EObject vmOrHost) {
		charts.show(vmOrHost);
		setContentDescription(""); //$NON-NLS-1$
	}

	public PerformanceCharts charts() {
		return charts;
	}

	@Override
	public void setFocus() {
		charts.setFocus();
	}

	@Override
	public void dispose() {
		getSite().getPage().removePostSelectionListener(selectionListener);
		super.dispose();
	}
}
