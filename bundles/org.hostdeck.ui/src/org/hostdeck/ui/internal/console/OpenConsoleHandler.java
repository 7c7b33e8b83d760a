package org.hostdeck.ui.internal.console;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.model.VirtualMachine;

/** Open Console (Ctrl+Shift+O): the selected VM's editor on its Console page. */
public class OpenConsoleHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		if (HandlerUtil.getCurrentStructuredSelection(event).getFirstElement() instanceof VirtualMachine vm) {
			ConsoleEditors.open(vm);
		}
		return null;
	}
}
