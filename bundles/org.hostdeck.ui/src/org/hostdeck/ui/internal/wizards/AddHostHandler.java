package org.hostdeck.ui.internal.wizards;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; Add Host... */
public class AddHostHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		HostWizard.open(HandlerUtil.getActiveShell(event), true);
		return null;
	}
}
