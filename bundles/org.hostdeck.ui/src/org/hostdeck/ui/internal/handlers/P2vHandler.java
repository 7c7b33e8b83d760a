package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.ui.internal.wizards.P2vWizard;

/** Convert Physical Server...: the P2V wizard (not blocking, so tests can drive it). */
public class P2vHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		P2vWizard.open(HandlerUtil.getActiveShell(event), false);
		return null;
	}
}
