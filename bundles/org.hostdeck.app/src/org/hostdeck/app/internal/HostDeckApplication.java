package org.hostdeck.app.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * The HostDeck RCP application: creates the display and runs the workbench until it closes.
 */
public class HostDeckApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		Display display = PlatformUI.createDisplay();
		try {
			String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
			int code = PlatformUI.createAndRunWorkbench(display,
					new HostDeckWorkbenchAdvisor(LaunchOptions.parse(args)));
			return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
		} finally {
			display.dispose();
		}
	}

	@Override
	public void stop() {
		if (!PlatformUI.isWorkbenchRunning()) {
			return;
		}
		IWorkbench workbench = PlatformUI.getWorkbench();
		Display display = workbench.getDisplay();
		display.asyncExec(() -> {
			if (!display.isDisposed()) {
				workbench.close();
			}
		});
	}
}
