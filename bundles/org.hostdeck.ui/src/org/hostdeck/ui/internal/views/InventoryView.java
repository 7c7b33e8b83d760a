package org.hostdeck.ui.internal.views;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.hostdeck.ui.WidgetIds;

/**
 * The tree of hosts, their VMs, storage and networks.
 */
public class InventoryView extends ViewPart {

	/** The view's id, as declared in plugin.xml. */
	public static final String ID = "org.hostdeck.ui.views.inventory"; //$NON-NLS-1$

	/** Test id of the inventory tree. */
	public static final String TREE_ID = "inventory.tree"; //$NON-NLS-1$

	private TreeViewer viewer;

	@Override
	public void createPartControl(Composite parent) {
		viewer = new TreeViewer(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		viewer.getTree().setData(WidgetIds.KEY, TREE_ID);
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return (Object[]) input;
			}

			@Override
			public Object[] getChildren(Object parentElement) {
				return new Object[0];
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return false;
			}
		});
		viewer.setLabelProvider(new LabelProvider());
		viewer.setInput(new Object[] { Messages.InventoryView_empty });
		getSite().setSelectionProvider(viewer);
	}

	public TreeViewer getViewer() {
		return viewer;
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}
}
