package org.hostdeck.ui.internal.handlers;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.wizards.HostWizard;

/**
 * Edit Host, Remove Host, Connect and Disconnect; plugin.xml names the action
 * ({@code class="...HostHandler:EDIT"}). Removing a host only makes HostDeck forget it (and its
 * stored password): its VMs keep running.
 */
public class HostHandler extends ActionHandler<HostHandler.Action> {

	enum Action {
		EDIT, REMOVE, CONNECT, DISCONNECT
	}

	public HostHandler() {
		super(Action.class, Action.EDIT);
	}

	@Override
	public Object execute(ExecutionEvent event) {
		InventoryService service = InventoryHolder.get();
		List<Host> hosts = HandlerUtil.getCurrentStructuredSelection(event).stream().filter(Host.class::isInstance)
				.map(Host.class::cast).toList();
		if (hosts.isEmpty()) {
			return null;
		}
		switch (action) {
		case EDIT -> HostWizard.open(HandlerUtil.getActiveShell(event), InventoryHolder.credentials(), hosts.get(0), true);
		case REMOVE -> {
			if (MessageDialog.open(MessageDialog.QUESTION, HandlerUtil.getActiveShell(event), Messages.RemoveHost_title,
					NLS.bind(Messages.RemoveHost_prompt, names(service, hosts)), SWT.NONE, Messages.RemoveHost_button,
					IDialogConstants.CANCEL_LABEL) == 0) {
				remove(service, hosts);
			}
		}
		case CONNECT -> ConnectHostsJob.forHosts(service,
				hosts.stream().filter(h -> HostPropertyTester.canConnect(service.query(i -> h.getState()))).toList()).schedule();
		case DISCONNECT -> Job.create(NLS.bind(Messages.DisconnectHost_job, names(service, hosts)), monitor -> {
			hosts.forEach(service::disconnect);
		}).schedule();
		}
		return null;
	}

	private static String names(InventoryService service, List<Host> hosts) {
		return service.query(i -> hosts.stream().map(Host::getName).collect(Collectors.joining(", "))); //$NON-NLS-1$
	}

	/** Forgets {@code hosts}: out of the inventory and its folders, passwords out of secure storage. */
	static void remove(InventoryService service, List<Host> hosts) {
		Job.create(NLS.bind(Messages.RemoveHost_job, names(service, hosts)), monitor -> {
			for (Host host : hosts) {
				String uri = service.query(i -> host.getUri());
				service.removeHost(host);
				InventoryHolder.credentials().remove(uri);
			}
			InventoryHolder.save();
		}).schedule();
	}
}
