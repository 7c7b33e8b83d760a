package org.hostdeck.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.core.inventory.TaskHistory;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;

/**
 * What one {@code hostdeck} command works with: the workspace's inventory (the workbench's), its
 * host passwords in Secure Storage, the console, and the cancel that Ctrl-C sends. The inventory is
 * saved at the end only when this process holds it (the workbench is not open on it); otherwise
 * commands that would change it refuse, and the others run without recording their tasks.
 */
public final class Session implements AutoCloseable {

	/** Asks whether to trust an SSH host key nobody has seen; the answer is the user's. */
	@FunctionalInterface
	public interface Console {
		/** @return the line typed after {@code prompt}, or {@code null} when there is no terminal */
		String ask(String prompt);

		/** No terminal: nothing can be asked. */
		Console NONE = prompt -> null;
	}

	private final InventoryStore store;
	private final ICredentialsProvider credentials;
	final PrintStream out;
	final PrintStream err;
	final InputStream in;
	private final Console console;
	private final boolean terminal;
	private final AtomicBoolean cancelled = new AtomicBoolean();
	private final CountDownLatch finished = new CountDownLatch(1);
	private volatile boolean running;
	private InventoryService service;
	private InventoryStore.Lock lock;
	private TaskHistory tasks;
	private boolean changed;
	boolean json;
	boolean quiet;

	/**
	 * @param credentials where host passwords are read (Secure Storage; tests use their own file)
	 * @param terminal    whether stderr is a terminal (progress redrawn in place)
	 */
	public Session(InventoryStore store, ICredentialsProvider credentials, PrintStream out, PrintStream err, InputStream in,
			Console console, boolean terminal) {
		this.store = store;
		this.credentials = credentials;
		this.out = out;
		this.err = err;
		this.in = in;
		this.console = console;
		this.terminal = terminal;
	}

	/** The inventory, loaded on first use (and held, when nobody else holds it). */
	public synchronized InventoryService service() {
		if (service == null) {
			try {
				lock = store.tryLock();
			} catch (IOException e) {
				lock = null;
			}
			InventoryStore.LoadResult loaded = store.load();
			if (!loaded.status().isOK()) {
				err.println("hostdeck: " + loaded.status().getMessage()); //$NON-NLS-1$
			}
			service = new InventoryService(loaded.inventory(), DriverRegistry.fromServices());
			service.setCredentialsProvider(new ICredentialsProvider() {
				@Override
				public Credentials credentialsFor(String uri) {
					return credentials.credentialsFor(uri);
				}

				@Override
				public boolean trustHostKey(String uri, HostKey key) {
					return Boolean.TRUE.equals(confirm("The SSH host " + key.address() + " (for " + uri + ") is not known. Its key fingerprint is " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ key.fingerprint() + ". Trust it? [y/N] ")); //$NON-NLS-1$
				}
			});
			tasks = new TaskHistory(service);
		}
		return service;
	}

	/** The secure storage the hosts' passwords are kept in. */
	ICredentialsProvider credentials() {
		return credentials;
	}

	/** @return whether the inventory can be changed and saved by this command */
	boolean holdsInventory() {
		service();
		return lock != null;
	}

	/** Refuses {@code what} when the workbench has the inventory open. */
	void requireInventory(String what) throws CliException {
		if (!holdsInventory()) {
			throw new CliException(ExitCodes.REFUSED, "Cannot " + what + ": the HostDeck workbench has the inventory " + store.file() //$NON-NLS-1$ //$NON-NLS-2$
					+ " open. Do it in the workbench, or close the workbench and run the command again."); //$NON-NLS-1$
		}
	}

	/** The inventory changed in a way worth saving (hosts added or removed). */
	void changed() {
		changed = true;
	}

	/** One line from standard input (a password piped in), without its line end. */
	String readLine() throws CliException {
		try {
			String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
			if (line == null) {
				throw CliException.badInput("Nothing on standard input: pipe the password in, e.g. `printf '%s\\n' \"$PASS\" | hostdeck ...`."); //$NON-NLS-1$
			}
			return line;
		} catch (IOException e) {
			throw CliException.badInput("Cannot read standard input: " + e.getMessage()); //$NON-NLS-1$
		}
	}

	/** Asks {@code question} on the terminal: yes or no, or {@code null} when there is no terminal to ask on. */
	Boolean confirm(String question) {
		String answer = console.ask(question);
		return answer == null ? null : Boolean.valueOf(answer.trim().toLowerCase(Locale.ROOT).startsWith("y")); //$NON-NLS-1$
	}

	// --- hosts and VMs by name ------------------------------------------------------------------

	/** The host named {@code nameOrUri} (its name or its URI). */
	Host host(String nameOrUri) throws CliException {
		Host found = service().query(i -> i.getHosts().stream()
				.filter(h -> nameOrUri.equals(h.getName()) || nameOrUri.equals(h.getUri())).findFirst().orElse(null));
		if (found == null) {
			throw CliException.notFound("No host '" + nameOrUri + "' in the inventory. `hostdeck hosts` lists them; `hostdeck hosts add URI` adds one."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return found;
	}

	/** Connects {@code hosts} (those not connected yet), each on its own; says on stderr which failed. */
	List<Host> connect(List<Host> hosts) {
		InventoryService s = service();
		List<Host> closed = s.query(i -> hosts.stream().filter(h -> h.getState() != HostState.CONNECTED).toList());
		if (!closed.isEmpty()) {
			List<IStatus> statuses = s.connectAll(closed, new NullProgressMonitor());
			for (IStatus status : statuses) {
				if (!status.isOK()) {
					err.println("hostdeck: " + status.getMessage()); //$NON-NLS-1$
				}
			}
		}
		return s.query(i -> hosts.stream().filter(h -> h.getState() == HostState.CONNECTED).toList());
	}

	/** Connects {@code host}, or fails with the reason. */
	Host connected(Host host) throws CliException {
		if (connect(List.of(host)).isEmpty()) {
			throw new CliException(ExitCodes.FAILED, "Cannot connect to host " + service().query(i -> host.getName()) + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return host;
	}

	/**
	 * The VM named {@code nameOrUuid} (its name or UUID), looked for on {@code hostName} or on
	 * every host (connected first).
	 */
	VirtualMachine vm(String nameOrUuid, String hostName) throws CliException {
		List<Host> hosts = hostName == null ? service().query(i -> List.copyOf(i.getHosts())) : List.of(host(hostName));
		List<Host> reachable = connect(hosts);
		List<VirtualMachine> found = service().query(i -> reachable.stream().flatMap(h -> h.getVms().stream())
				.filter(v -> nameOrUuid.equals(v.getName()) || nameOrUuid.equalsIgnoreCase(v.getUuid())).toList());
		if (found.isEmpty()) {
			throw CliException.notFound("No VM '" + nameOrUuid + "' on " + (hostName == null ? "any connected host" : "host " + hostName) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ ". `hostdeck vms` lists them."); //$NON-NLS-1$
		}
		if (found.size() > 1) {
			List<String> where = service().query(i -> found.stream().map(v -> v.getHost().getName()).toList());
			throw CliException.badInput("More than one VM is called '" + nameOrUuid + "' (on " + String.join(", ", where) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "). Name the host with --host, or give the VM's UUID."); //$NON-NLS-1$
		}
		return found.get(0);
	}

	/** How the task history names a VM: {@code "web-01 @ hv-prague"}. */
	String target(VirtualMachine vm) {
		return service().query(i -> TaskHistory.target(vm));
	}

	// --- running operations ---------------------------------------------------------------------

	/**
	 * Runs {@code work} as the task {@code label} on {@code target}: progress on stderr (unless
	 * quiet), cancelled by Ctrl-C, recorded in the task history (kept when this process holds the
	 * inventory). {@code vm} names the VM the task is about, asked at start and end.
	 *
	 * @return the exit code: OK, FAILED or CANCELLED (the message printed on stderr)
	 */
	int run(String label, String target, Supplier<String> vm, Function<IProgressMonitor, IStatus> work) {
		service();
		TaskRecord record = tasks.start(label, target, vm.get());
		IProgressMonitor progress = quiet ? new NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return cancelled.get() || super.isCanceled();
			}
		} : new ConsoleProgress(err, terminal, cancelled::get);
		IStatus status;
		try {
			status = work.apply(tasks.track(record, progress));
		} catch (OperationCanceledException e) {
			status = org.eclipse.core.runtime.Status.CANCEL_STATUS;
		} catch (RuntimeException e) {
			status = org.eclipse.core.runtime.Status.error(label + ": " + e, e); //$NON-NLS-1$
		} finally {
			progress.done();
		}
		String made = vm.get();
		if (made != null) {
			tasks.about(record, made);
		}
		tasks.finish(record, status);
		changed = true;
		return report(label, status);
	}

	/** Prints {@code status} (a failure on stderr) and returns its exit code. */
	int report(String label, IStatus status) {
		if (status.getSeverity() == IStatus.CANCEL || cancelled.get() && !status.isOK()) {
			err.println("hostdeck: " + label + ": cancelled; what it had made is removed."); //$NON-NLS-1$ //$NON-NLS-2$
			return ExitCodes.CANCELLED;
		}
		if (status.getSeverity() == IStatus.ERROR) {
			err.println("hostdeck: " + status.getMessage()); //$NON-NLS-1$
			for (IStatus child : status.getChildren()) {
				err.println("  " + child.getMessage()); //$NON-NLS-1$
			}
			return ExitCodes.FAILED;
		}
		if (status.getSeverity() == IStatus.WARNING || status.getSeverity() == IStatus.INFO) {
			err.println(status.getMessage());
		}
		return ExitCodes.OK;
	}

	/** Fails with REFUSED listing {@code problems}, when there are any. */
	static void refuseOn(String what, List<String> problems) throws CliException {
		if (!problems.isEmpty()) {
			List<String> lines = new ArrayList<>();
			lines.add(what + " refused; nothing was changed:"); //$NON-NLS-1$
			problems.forEach(p -> lines.add("  - " + p)); //$NON-NLS-1$
			throw new CliException(ExitCodes.REFUSED, String.join(System.lineSeparator(), lines));
		}
	}

	// --- cancel (Ctrl-C) ------------------------------------------------------------------------

	/** Marks the command as running: a cancel from now on waits for it to clean up. */
	void started() {
		running = true;
	}

	/**
	 * Cancels the running command (Ctrl-C; tests call it too) and waits up to {@code seconds} for
	 * it to stop and remove what it had made.
	 *
	 * @return whether it stopped in time (or was not running)
	 */
	public boolean cancel(long seconds) {
		cancelled.set(true);
		if (!running) {
			return true;
		}
		try {
			return finished.await(seconds, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public boolean isCancelled() {
		return cancelled.get();
	}

	/** Saves the inventory when this process holds it and something changed; disconnects. */
	@Override
	public synchronized void close() {
		try {
			if (service != null) {
				if (lock != null && changed) {
					try {
						store.save(service);
					} catch (IOException e) {
						err.println("hostdeck: could not save the inventory to " + store.file() + ": " + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
								+ ". Check free space and permissions; the previous copy is unchanged."); //$NON-NLS-1$
					}
				}
				service.close();
			}
			if (lock != null) {
				try {
					lock.close();
				} catch (IOException e) {
					// released when the process ends anyway
				}
			}
		} finally {
			running = false;
			finished.countDown();
		}
	}
}
