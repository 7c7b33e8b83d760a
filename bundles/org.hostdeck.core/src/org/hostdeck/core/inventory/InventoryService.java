package org.hostdeck.core.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;

/**
 * Owns the inventory model. Every change to it happens on one owner thread (see
 * {@link #modify}); listeners attached as EMF adapters hear those changes on that thread and
 * must hand UI work to the display thread themselves. Driver calls never run on the owner thread.
 */
public class InventoryService implements AutoCloseable {

	/** Name of the owner thread, for diagnostics. */
	public static final String OWNER_THREAD = "HostDeck inventory"; //$NON-NLS-1$

	private final Inventory inventory;
	private final DriverRegistry drivers;
	private final ExecutorService owner;
	private final ScheduledExecutorService background;
	private final Map<Host, HostSession> sessions = new ConcurrentHashMap<>();
	/** VM UUID to the long operation that holds it (a migration, an export). */
	private final Map<String, String> busy = new ConcurrentHashMap<>();
	private volatile Thread ownerThread;
	private volatile ReconnectPolicy reconnectPolicy = ReconnectPolicy.DEFAULT;
	private volatile ICredentialsProvider credentials = ICredentialsProvider.NONE;
	private final LeftoverLedger leftovers = LeftoverLedger.inWorkspace();

	public InventoryService(Inventory inventory, DriverRegistry drivers) {
		this.inventory = inventory;
		this.drivers = drivers;
		this.owner = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, OWNER_THREAD);
			t.setDaemon(true);
			ownerThread = t;
			return t;
		});
		this.background = Executors.newScheduledThreadPool(2, r -> {
			Thread t = new Thread(r, "HostDeck host sessions"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
	}

	public InventoryService(DriverRegistry drivers) {
		this(InventoryFactory.eINSTANCE.createInventory(), drivers);
	}

	/** The model. Read it on any thread; change it only through {@link #modify}. */
	public Inventory inventory() {
		return inventory;
	}

	public boolean isOwnerThread() {
		return Thread.currentThread() == ownerThread;
	}

	/** Runs {@code change} on the owner thread and waits for it. */
	public void modify(Consumer<Inventory> change) {
		query(i -> {
			change.accept(i);
			return null;
		});
	}

	/** Runs {@code reader} on the owner thread, so it sees a model no sync is half-way through. */
	public <T> T query(Function<Inventory, T> reader) {
		if (isOwnerThread()) {
			return reader.apply(inventory);
		}
		Future<T> result = owner.submit((Callable<T>) () -> reader.apply(inventory));
		try {
			return result.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the inventory", e); //$NON-NLS-1$
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException re) {
				throw re;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/** Queues {@code change} on the owner thread without waiting. */
	void modifyLater(Consumer<Inventory> change) {
		owner.execute(() -> change.accept(inventory));
	}

	ScheduledExecutorService background() {
		return background;
	}

	DriverRegistry drivers() {
		return drivers;
	}

	ReconnectPolicy reconnectPolicy() {
		return reconnectPolicy;
	}

	/** Where connections get passwords from (the UI sets secure storage). */
	public void setCredentialsProvider(ICredentialsProvider provider) {
		this.credentials = provider;
	}

	ICredentialsProvider credentials() {
		return credentials;
	}

	/** How long to wait between reconnect attempts; tests shorten it. */
	public void setReconnectPolicy(ReconnectPolicy policy) {
		this.reconnectPolicy = policy;
	}

	/** Adds a host to the inventory (disconnected); {@link #connect} opens it. */
	public Host addHost(String name, String uri) {
		return query(i -> {
			for (Host h : i.getHosts()) {
				if (uri.equals(h.getUri())) {
					return h;
				}
			}
			Host host = InventoryFactory.eINSTANCE.createHost();
			host.setName(name);
			host.setUri(uri);
			host.setState(HostState.DISCONNECTED);
			i.getHosts().add(host);
			return host;
		});
	}

	/**
	 * Connects {@code host} and fills the model from it; afterwards host events keep the model
	 * current, and a lost connection is retried with backoff. Blocks until the first sync ends.
	 *
	 * @return OK, or an error naming the host and the cause (the host is then in state ERROR and
	 *         other hosts are unaffected)
	 */
	public IStatus connect(Host host, IProgressMonitor monitor) {
		HostSession session = sessions.computeIfAbsent(host, h -> new HostSession(this, h));
		return session.open(monitor);
	}

	/** Connects every host in the inventory, each on its own; one failing does not stop the rest. */
	public List<IStatus> connectAll(IProgressMonitor monitor) {
		return connectAll(query(i -> new ArrayList<>(i.getHosts())), monitor);
	}

	/** Connects {@code hosts} in parallel, each on its own; one failing does not stop the rest. */
	public List<IStatus> connectAll(List<Host> hosts, IProgressMonitor monitor) {
		List<Future<IStatus>> results = new ArrayList<>();
		for (Host host : hosts) {
			results.add(background.submit(() -> connect(host, monitor)));
		}
		List<IStatus> statuses = new ArrayList<>();
		for (Future<IStatus> f : results) {
			try {
				statuses.add(f.get());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				statuses.add(Status.CANCEL_STATUS);
			} catch (ExecutionException e) {
				statuses.add(Status.error(e.getCause().getMessage(), e.getCause()));
			}
		}
		return statuses;
	}

	/**
	 * Marks VM {@code uuid} as held by the long operation {@code label}, so that a second one
	 * is refused while it runs.
	 *
	 * @return {@code null} when the VM was free and is now held, else the label of the operation
	 *         that holds it
	 */
	public String claim(String uuid, String label) {
		return busy.putIfAbsent(uuid, label);
	}

	/** Ends the hold {@link #claim} gave {@code label}. */
	public void release(String uuid, String label) {
		busy.remove(uuid, label);
	}

	/** @return the label of the long operation holding VM {@code uuid}, or {@code null} */
	public String busyWith(String uuid) {
		return busy.get(uuid);
	}

	/** @return the open session of {@code host}, or {@code null} */
	public HostSession session(Host host) {
		return sessions.get(host);
	}

	/** @return the open session of the host {@code vm} is on, or {@code null} when there is none */
	public HostSession session(org.hostdeck.model.VirtualMachine vm) {
		Host host = query(i -> vm.getHost());
		return host == null ? null : session(host);
	}

	/** Disconnects {@code host}; it stays in the inventory. */
	public void disconnect(Host host) {
		HostSession session = sessions.remove(host);
		if (session != null) {
			session.close();
		}
	}

	/**
	 * Removes {@code host} from the inventory after disconnecting it, and takes it and its VMs out
	 * of folders. Nothing changes on the host itself.
	 */
	public void removeHost(Host host) {
		disconnect(host);
		modify(i -> {
			i.getHosts().remove(host);
			HostSynchronizer.dropFromFolders(i);
		});
	}

	/** What operations made on hosts and could not remove, the host being gone; removed when it is back. */
	public LeftoverLedger leftovers() {
		return leftovers;
	}

	/**
	 * Removes (in the background) what operations left on the host of {@code session}, now
	 * connected again, and says so in the task history: a volume still there and used by no VM of
	 * the host is deleted; one that is gone is forgotten; one that cannot be deleted now (its pool
	 * inactive, the call failing) stays in the ledger for the next connect.
	 */
	void removeLeftovers(HostSession session, String uri, String hostName) {
		if (leftovers.forHost(uri).isEmpty()) {
			return;
		}
		background.execute(() -> {
			List<LeftoverLedger.Entry> entries = leftovers.forHost(uri);
			java.util.Map<String, List<String>> removed = new java.util.LinkedHashMap<>();
			List<String> kept = new java.util.ArrayList<>();
			try {
				org.hostdeck.core.driver.IHostConnection c = session.connection();
				// VMs first: a leftover VM's disks are leftover volumes, not in use
				List<org.hostdeck.core.driver.DomainInfo> defined = c.domains();
				for (LeftoverLedger.Entry e : entries.stream().filter(LeftoverLedger.Entry::vm).toList()) {
					org.hostdeck.core.driver.DomainInfo d = defined.stream().filter(x -> e.volume().equals(x.uuid())).findFirst().orElse(null);
					if (d == null) {
						leftovers.forget(e); // gone already
					} else if (d.state() != org.hostdeck.core.driver.DomainInfo.DomainState.SHUT_OFF) {
						kept.add("VM " + d.name() + " (" + d.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": left alone)"); //$NON-NLS-1$ //$NON-NLS-2$
					} else {
						try {
							c.undefine(e.volume(), false);
							leftovers.forget(e);
							removed.computeIfAbsent(e.operation(), k -> new java.util.ArrayList<>()).add("VM " + d.name()); //$NON-NLS-1$
						} catch (DriverException x) {
							kept.add("VM " + d.name() + " (" + x.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						}
					}
				}
				entries = leftovers.forHost(uri).stream().filter(e -> !e.vm()).toList();
				List<org.hostdeck.core.driver.PoolInfo> pools = c.pools();
				java.util.Set<String> used = new java.util.HashSet<>();
				for (org.hostdeck.core.driver.DomainInfo d : c.domains()) {
					d.disks().forEach(disk -> used.add(disk.pool() + "/" + disk.volume())); //$NON-NLS-1$
					d.disks().forEach(disk -> used.add(String.valueOf(disk.source())));
				}
				for (LeftoverLedger.Entry e : entries) {
					String what = e.pool() + "/" + e.volume(); //$NON-NLS-1$
					org.hostdeck.core.driver.PoolInfo pool = pools.stream().filter(p -> p.name().equals(e.pool())).findFirst().orElse(null);
					org.hostdeck.core.driver.PoolInfo.VolumeInfo volume = pool == null ? null
							: pool.volumes().stream().filter(v -> v.name().equals(e.volume())).findFirst().orElse(null);
					if (pool == null || !pool.active()) {
						kept.add(what + " (pool not active)"); //$NON-NLS-1$
					} else if (volume == null) {
						leftovers.forget(e); // gone already
					} else if (used.contains(what) || used.contains(volume.path())) {
						leftovers.forget(e); // a VM of the host uses it: not a leftover after all
						kept.add(what + " (a VM there uses it)"); //$NON-NLS-1$
					} else {
						try {
							c.deleteVolume(e.pool(), e.volume());
							leftovers.forget(e);
							removed.computeIfAbsent(e.operation(), k -> new java.util.ArrayList<>()).add(what);
						} catch (DriverException x) {
							kept.add(what + " (" + x.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
						}
					}
				}
			} catch (DriverException x) {
				return; // lost again: the next connect tries again
			}
			TaskHistory history = new TaskHistory(this);
			removed.forEach((operation, volumes) -> {
				org.hostdeck.model.TaskRecord record = history.start("Remove what '" + operation + "' left on " + hostName, hostName); //$NON-NLS-1$ //$NON-NLS-2$
				history.finish(record, Status.info("Removed " + String.join(", ", volumes) + " from " + hostName + ": '" + operation //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ "' made " + (volumes.size() == 1 ? "it" : "them") + " there and could not remove " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ (volumes.size() == 1 ? "it" : "them") + " when it failed, the host being gone.")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			});
			if (!kept.isEmpty()) {
				org.hostdeck.model.TaskRecord record = history.start("Remove leftovers on " + hostName, hostName); //$NON-NLS-1$
				history.finish(record, Status.warning("Not removed from " + hostName + ": " + String.join(", ", kept) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Those still recorded are tried again at the next connect; delete them by hand if you no longer need them.")); //$NON-NLS-1$
			}
		});
	}

	@Override
	public void close() {
		for (HostSession s : sessions.values()) {
			s.close();
		}
		sessions.clear();
		background.shutdownNow();
		owner.shutdown();
	}

	/** Delays between reconnect attempts: {@code first}, doubling up to {@code max}. */
	public record ReconnectPolicy(Duration first, Duration max) {
		public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

		Duration after(int attempt) {
			long millis = first.toMillis() << Math.min(attempt, 20);
			return Duration.ofMillis(Math.min(millis, max.toMillis()));
		}
	}

}
