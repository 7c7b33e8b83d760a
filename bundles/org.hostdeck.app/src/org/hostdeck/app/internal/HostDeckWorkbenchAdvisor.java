package org.hostdeck.app.internal;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.statushandlers.StatusManager;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.ui.HostDeckPerspective;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.osgi.framework.FrameworkUtil;

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
	public void postStartup() {
		super.postStartup();
		InventoryService service = InventoryHolder.get();
		List<String> uris = options.hostUris();
		if (options.demo() && service.query(i -> i.getHosts().isEmpty())) {
			try {
				uris = DemoHosts.install(Platform.getStateLocation(FrameworkUtil.getBundle(getClass())).toPath().resolve("demo")); //$NON-NLS-1$
			} catch (IOException e) {
				StatusManager.getManager().handle(Status.error("HostDeck could not set up its demo hosts: " + e.getMessage(), e), //$NON-NLS-1$
						StatusManager.LOG | StatusManager.SHOW);
			}
		}
		new ConnectHostsJob(service, uris).schedule();
	}

	@Override
	public String getInitialWindowPerspectiveId() {
		return HostDeckPerspective.ID;
	}

	@Override
	public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		return new HostDeckWindowAdvisor(configurer);
	}
}
