package org.hostdeck.ui.internal;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.hostdeck.core.inventory.HostNames;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.osgi.framework.FrameworkUtil;

/**
 * Adds hosts by URI (if new) and connects every host of the inventory. A host that fails is
 * shown in error in the inventory with its cause; the others connect regardless.
 */
public class ConnectHostsJob extends Job {

	/** Job family: tests and the UI wait on it. */
	public static final Object FAMILY = ConnectHostsJob.class;

	private final InventoryService service;
	private final List<String> newUris;
	private final List<Host> hosts;

	/** Adds the hosts of {@code newUris} that are not in the inventory, then connects all hosts. */
	public ConnectHostsJob(InventoryService service, List<String> newUris) {
		this(service, newUris, null);
	}

	private ConnectHostsJob(InventoryService service, List<String> newUris, List<Host> hosts) {
		super(Messages.ConnectHostsJob_name);
		this.service = service;
		this.newUris = List.copyOf(newUris);
		this.hosts = hosts;
		setUser(false);
	}

	/** Connects just {@code hosts}, each on its own. */
	public static ConnectHostsJob forHosts(InventoryService service, List<Host> hosts) {
		return new ConnectHostsJob(service, List.of(), List.copyOf(hosts));
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		for (String uri : newUris) {
			service.addHost(HostNames.fromUri(uri), uri);
		}
		List<IStatus> results = hosts == null ? service.connectAll(monitor) : service.connectAll(hosts, monitor);
		if (monitor.isCanceled()) {
			return Status.CANCEL_STATUS;
		}
		MultiStatus all = new MultiStatus(FrameworkUtil.getBundle(getClass()).getSymbolicName(), 0,
				Messages.ConnectHostsJob_failed, null);
		results.stream().filter(s -> !s.isOK() && s.getSeverity() != IStatus.CANCEL).forEach(all::add);
		// failures are on the hosts in the inventory for the user to see; the log keeps the detail
		if (!all.isOK()) {
			org.eclipse.core.runtime.ILog.of(getClass()).log(all);
		}
		return Status.OK_STATUS;
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}
}
