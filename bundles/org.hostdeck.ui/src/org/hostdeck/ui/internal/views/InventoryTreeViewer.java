package org.hostdeck.ui.internal.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.jface.viewers.TreeViewer;

/**
 * The inventory's virtual tree viewer with a constant-time path for the rows GTK asks for. JFace's
 * lazy viewer answers each SWT.SetData with {@code replace}, which looks the row up by index and
 * saves and restores the selection: linear in the siblings, so a host of 10,000 VMs whose rows
 * all get measured costs seconds. Here a listener that runs before JFace's takes the row's
 * element straight from the content provider's cached children by the event's index, binds it
 * the way JFace does (element map, labels) and gives the row a placeholder child when it has
 * children; JFace's own path remains for the rare rows this cannot bind (an element shown
 * elsewhere, a parent not yet bound).
 */
final class InventoryTreeViewer extends TreeViewer {

	private final InventoryContentProvider content;

	private InventoryTreeViewer(Tree tree, InventoryContentProvider content) {
		super(tree);
		this.content = content;
	}

	static InventoryTreeViewer create(Composite parent, int style, InventoryContentProvider content) {
		Tree tree = new Tree(parent, style | SWT.VIRTUAL);
		InventoryTreeViewer[] viewer = new InventoryTreeViewer[1];
		// registered before the viewer's own listener, so it runs first and may consume the event
		tree.addListener(SWT.SetData, event -> {
			if (viewer[0] != null && viewer[0].bind(event)) {
				event.type = SWT.None;
			}
		});
		viewer[0] = new InventoryTreeViewer(tree, content);
		return viewer[0];
	}

	private boolean bind(Event event) {
		if (getInput() == null || isBusy()) {
			return false;
		}
		TreeItem item = (TreeItem) event.item;
		TreeItem parentItem = item.getParentItem();
		Object parent = parentItem == null ? getInput() : parentItem.getData();
		if (parent == null) {
			return false;
		}
		Object[] children = content.children(parent);
		if (event.index < 0 || event.index >= children.length) {
			return false;
		}
		Object element = children[event.index];
		if (testFindItem(element) != null) {
			return false; // shown in another row too (or already): JFace sorts that out
		}
		if (item.getItemCount() > 0) {
			return false; // a row that had children: removing rows while GTK measures is not safe, JFace's path is
		}
		updateItem(item, element);
		if (content.children(element).length > 0) {
			item.setItemCount(1); // a placeholder: the real rows come when the row opens
		}
		return true;
	}
}
