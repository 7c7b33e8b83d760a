package org.hostdeck.core.inventory;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DomainEvent;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.IHostListener;
import org.hostdeck.core.driver.IHypervisorDriver;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.NodeInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;

/**
 * The live link between one host in the model and its hypervisor: the connection, the first
 * sync, event handling and reconnection with backoff.
 */
public final class HostSession implements IHostListener {

	private final InventoryService service;
	private final Host host;
	private final String uri;
	private volatile IHostConnection connection;
	private volatile boolean closed;
	private ScheduledFuture<?> reconnect;
	private int attempts;

	HostSession(InventoryService service, Host host) {
		this.service = service;
		this.host = host;
		this.uri = service.query(i -> host.getUri());
	}

	/** Numbers the reads of single domains in the order they begin. */
	private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
	/** Per domain UUID, the number of the newest read written to the model (owner thread only). */
	private final java.util.Map<String, Long> written = new java.util.HashMap<>();

	public Host host() {
		return host;
	}

	/** @return the open connection; throws when the host is not connected */
	public IHostConnection connection() throws DriverException {
		IHostConnection c = connection;
		if (c == null || !c.isAlive()) {
			throw new DriverException(DriverException.Reason.CONNECTION_LOST,
					"Host '" + hostName() + "' is not connected (" + uri + ")."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return c;
	}

	private String hostName() {
		String name = host.getName();
		return name == null ? uri : name;
	}

	synchronized IStatus open(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, "Connecting to " + hostName(), 10); //$NON-NLS-1$
		if (connection != null && connection.isAlive()) {
			return Status.OK_STATUS;
		}
		closed = false;
		setState(HostState.CONNECTING, null);
		try {
			IHypervisorDriver driver = service.drivers().driverFor(uri);
			IHostConnection c = driver.connect(uri, service.credentials(), progress.split(3));
			try {
				sync(c, progress.split(7));
			} catch (DriverException | RuntimeException e) {
				c.close();
				throw e;
			}
			c.addListener(this);
			connection = c;
			attempts = 0;
			setState(HostState.CONNECTED, null);
			service.removeLeftovers(this, uri, hostName());
			return Status.OK_STATUS;
		} catch (OperationCanceledException e) {
			setState(HostState.DISCONNECTED, "Connection cancelled"); //$NON-NLS-1$
			return Status.CANCEL_STATUS;
		} catch (DriverException e) {
			String message = "Host '" + hostName() + "': " + e.getMessage(); //$NON-NLS-1$ //$NON-NLS-2$
			setState(HostState.ERROR, e.getMessage());
			return Status.error(message, e);
		}
	}

	/** Reads everything from the host, then writes it into the model in one owner-thread task. */
	private void sync(IHostConnection c, IProgressMonitor monitor) throws DriverException {
		SubMonitor progress = SubMonitor.convert(monitor, "Reading " + hostName(), 4); //$NON-NLS-1$
		NodeInfo node = c.nodeInfo();
		progress.split(1);
		List<NetworkInfo> networks = c.networks();
		List<PoolInfo> pools = c.pools();
		progress.split(1);
		List<DomainInfo> domains = c.domains();
		progress.split(1);
		service.modify(i -> {
			HostSynchronizer.applyNode(host, node);
			HostSynchronizer.applyNetworks(host, networks);
			HostSynchronizer.applyPools(host, pools);
			HostSynchronizer.applyDomains(host, domains);
		});
		progress.split(1);
	}

	/** Re-reads the whole host (e.g. after a storage change). */
	public void refresh(IProgressMonitor monitor) throws DriverException {
		sync(connection(), monitor);
	}

	/** Re-reads one VM into the model now (after HostDeck changed it), and waits for that. */
	public void refreshVm(String uuid) throws DriverException {
		long ticket = reads.incrementAndGet();
		DomainInfo info = connection().domain(uuid);
		service.modify(i -> applyRead(uuid, ticket, info));
	}

	/**
	 * Gives VM {@code uuid} of this host the planning profile {@code workload} unless it has one (a
	 * VM HostDeck just made: measured before it existed). Nothing when either is missing.
	 */
	public void planningProfile(String uuid, org.hostdeck.model.WorkloadProfile workload) {
		if (workload == null) {
			return;
		}
		service.modify(i -> host.getVms().stream().filter(v -> uuid.equals(v.getUuid()) && v.getWorkload() == null).findFirst()
				.ifPresent(v -> v.setWorkload(workload)));
	}

	/**
	 * Writes what a read of domain {@code uuid} found, unless a read begun later was written
	 * already: an event's read that finishes late must not undo a newer refresh.
	 */
	private void applyRead(String uuid, long ticket, DomainInfo info) {
		Long newest = written.get(uuid);
		if (newest != null && newest > ticket) {
			return;
		}
		written.put(uuid, ticket);
		if (info == null) {
			HostSynchronizer.removeDomain(host, uuid);
		} else {
			HostSynchronizer.applyDomain(host, info);
		}
	}

	@Override
	public void domainChanged(DomainEvent event) {
		if (closed) {
			return;
		}
		// never call the driver on libvirt's event thread: hop to a background thread
		service.background().execute(() -> {
			try {
				// also for UNDEFINED: a renamed domain (same UUID, new name) and a running domain
				// whose definition was removed are still there, and keep their model object
				long ticket = reads.incrementAndGet();
				DomainInfo info = connection().domain(event.uuid());
				service.modifyLater(i -> applyRead(event.uuid(), ticket, info));
			} catch (DriverException e) {
				if (e.reason() == DriverException.Reason.CONNECTION_LOST) {
					connectionLost(e.getMessage());
				}
			}
		});
	}

	@Override
	public void connectionLost(String reason) {
		// drivers call this on their event thread, which in the workbench is the display thread:
		// closing the connection and waiting for this session's lock belong on a background thread
		service.background().execute(() -> {
			synchronized (this) {
				if (closed) {
					return;
				}
				dropConnection();
			}
			ILog.of(HostSession.class).warn("Connection to " + hostName() + " lost: " + reason); //$NON-NLS-1$ //$NON-NLS-2$
			markDisconnected("Connection lost: " + reason + "; reconnecting"); //$NON-NLS-1$ //$NON-NLS-2$
			scheduleReconnect();
		});
	}


	private synchronized void scheduleReconnect() {
		if (closed || (reconnect != null && !reconnect.isDone())) {
			return;
		}
		long delay = service.reconnectPolicy().after(attempts++).toMillis();
		reconnect = service.background().schedule(() -> {
			synchronized (this) {
				reconnect = null; // this attempt runs now: a failure below must be able to schedule the next
			}
			IStatus status = open(null);
			if (!status.isOK() && !closed) {
				markDisconnected(status.getMessage() + "; retrying"); //$NON-NLS-1$
				scheduleReconnect();
			} else if (status.isOK()) {
				ILog.of(HostSession.class).info("Reconnected to " + hostName()); //$NON-NLS-1$
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	private void setState(HostState state, String message) {
		service.modify(i -> {
			if (host.getState() != state) {
				host.setState(state);
			}
			host.setStateMessage(message);
			if (state != HostState.CONNECTED && state != HostState.CONNECTING) {
				HostSynchronizer.markUnknown(host);
			}
		});
	}

	synchronized void close() {
		closed = true;
		if (reconnect != null) {
			reconnect.cancel(false);
		}
		dropConnection();
		markDisconnected(null);
	}

	private synchronized void dropConnection() {
		IHostConnection c = connection;
		connection = null;
		if (c != null) {
			c.removeListener(this);
			c.close();
		}
	}

	/** Host disconnected, its VMs' states unknown (not deleted); queued on the owner thread. */
	private void markDisconnected(String message) {
		service.modifyLater(i -> {
			host.setState(HostState.DISCONNECTED);
			host.setStateMessage(message);
			HostSynchronizer.markUnknown(host);
		});
	}
}
