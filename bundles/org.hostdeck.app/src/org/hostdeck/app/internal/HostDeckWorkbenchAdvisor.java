package org.hostdeck.app.internal;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.hostdeck.ui.HostDeckPerspective;

public class HostDeckWorkbenchAdvisor extends WorkbenchAdvisor {

	private final LaunchOptions options;

	public HostDeckWorkbenchAdvisor(LaunchOptions options) {
		this.options = options;
	}

	@Override
	public void initialize(IWorkbenchConfigurer configurer) {
		super.initialize(configurer);
		configurer.setSaveAndRestore(true);
	}

	@Override
	public String getInitialWindowPerspectiveId() {
		return HostDeckPerspective.ID;
	}

	@Override
	public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		return new HostDeckWindowAdvisor(configurer);
	}

	public LaunchOptions getOptions() {
		return options;
	}
}
