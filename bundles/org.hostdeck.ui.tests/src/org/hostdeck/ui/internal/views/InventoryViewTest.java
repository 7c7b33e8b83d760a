package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.tests.support.ui.UiBot;
import org.junit.jupiter.api.Test;

class InventoryViewTest {

	private final UiBot bot = new UiBot();

	private IWorkbenchPage page() {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	@Test
	void perspectiveShowsInventoryAndProperties() {
		IWorkbenchPage page = page();
		page.resetPerspective();
		assertNotNull(page.findView(InventoryView.ID));
		assertNotNull(page.findView(IPageLayout.ID_PROP_SHEET));
	}

	@Test
	void inventoryTreeIsFoundByItsIdAndIsTheSelectionProvider() throws Exception {
		IViewPart part = page().showView(InventoryView.ID);
		InventoryView view = (InventoryView) part;
		Tree tree = bot.widgetById(Tree.class, InventoryView.TREE_ID);
		assertSame(view.getViewer().getTree(), tree);
		assertSame(view.getViewer(), view.getSite().getSelectionProvider());
		assertEquals(1, tree.getItemCount());
	}
}
