package org.hostdeck.app.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;

/** Help &gt; About HostDeck. */
public class AboutAction extends Action implements ActionFactory.IWorkbenchAction {

	private IWorkbenchWindow window;

	public AboutAction(IWorkbenchWindow window) {
		super(Messages.About_action);
		this.window = window;
		setId(ActionFactory.ABOUT.getId());
		setActionDefinitionId("org.eclipse.ui.help.aboutAction"); //$NON-NLS-1$
	}

	@Override
	public void run() {
		if (window != null) {
			new AboutDialog(window.getShell()).open();
		}
	}

	@Override
	public void dispose() {
		window = null;
	}
}
