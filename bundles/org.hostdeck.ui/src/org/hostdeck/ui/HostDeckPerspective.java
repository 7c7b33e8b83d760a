package org.hostdeck.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.hostdeck.ui.internal.console.ConsoleView;
import org.hostdeck.ui.internal.views.InventoryView;
import org.hostdeck.ui.internal.views.PerformanceView;
import org.hostdeck.ui.internal.views.TaskHistoryView;

/**
 * The HostDeck perspective: the inventory on the left, editors in the middle, properties and
 * progress below.
 */
public class HostDeckPerspective implements IPerspectiveFactory {

	/** The perspective's id, as declared in plugin.xml. */
	public static final String ID = "org.hostdeck.ui.perspective"; //$NON-NLS-1$

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editorArea = layout.getEditorArea();
		layout.setEditorAreaVisible(true);
		layout.addView(InventoryView.ID, IPageLayout.LEFT, 0.28f, editorArea);
		IFolderLayout bottom = layout.createFolder("org.hostdeck.ui.perspective.bottom", IPageLayout.BOTTOM, 0.7f, //$NON-NLS-1$
				editorArea);
		bottom.addView(IPageLayout.ID_PROP_SHEET);
		bottom.addView(TaskHistoryView.ID);
		bottom.addView(PerformanceView.ID);
		bottom.addView(ConsoleView.ID);
		bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
		layout.addShowViewShortcut(InventoryView.ID);
		layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
		layout.addShowViewShortcut(TaskHistoryView.ID);
		layout.addShowViewShortcut(PerformanceView.ID);
		layout.addShowViewShortcut(ConsoleView.ID);
		layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
	}
}
