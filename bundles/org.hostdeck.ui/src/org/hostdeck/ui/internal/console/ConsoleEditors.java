package org.hostdeck.ui.internal.console;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.statushandlers.StatusManager;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.editors.ConsolePage;
import org.hostdeck.ui.internal.editors.VmEditor;
import org.hostdeck.ui.internal.editors.VmEditorInput;

/** Opens a VM's console: its editor, on the Console page. */
public final class ConsoleEditors {

	private ConsoleEditors() {
	}

	/** On the UI thread: opens (or brings up) {@code vm}'s editor on its Console page; @return the editor, or null. */
	public static VmEditor open(VirtualMachine vm) {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		IWorkbenchPage page = window == null ? null : window.getActivePage();
		if (page == null || vm == null) {
			return null;
		}
		try {
			VmEditor editor = (VmEditor) page.openEditor(new VmEditorInput(vm), VmEditor.ID);
			editor.setActivePage(ConsolePage.ID);
			return editor;
		} catch (PartInitException e) {
			StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
			return null;
		}
	}
}
