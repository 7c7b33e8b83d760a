package org.hostdeck.core.operations;

import java.time.Duration;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainInfo.DomainState;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;

/**
 * Powers a VM on, off, pauses, resumes or reboots it and waits until the hypervisor reports the
 * new state. A clean shutdown that outlasts its timeout either fails with a message that offers
 * force off, or forces the VM off when asked to ({@link #forceAfterTimeout}).
 */
public class VmPowerOperation {

	private static final Duration POLL = Duration.ofMillis(100);

	private final InventoryService service;
	private final VirtualMachine vm;
	private final PowerAction action;
	private Duration timeout = Duration.ofMinutes(2);
	private boolean forceAfterTimeout;

	public VmPowerOperation(InventoryService service, VirtualMachine vm, PowerAction action) {
		this.service = service;
		this.vm = vm;
		this.action = action;
	}

	/** How long to wait for the new state (for SHUTDOWN: before giving up or forcing). */
	public VmPowerOperation timeout(Duration value) {
		this.timeout = value;
		return this;
	}

	/** For SHUTDOWN: force the VM off when the guest does not shut down in time. */
	public VmPowerOperation forceAfterTimeout(boolean value) {
		this.forceAfterTimeout = value;
		return this;
	}

	public String label() {
		return switch (action) {
		case START -> "Power on"; //$NON-NLS-1$
		case SHUTDOWN -> "Shut down"; //$NON-NLS-1$
		case FORCE_OFF -> "Force off"; //$NON-NLS-1$
		case REBOOT -> "Reboot"; //$NON-NLS-1$
		case PAUSE -> "Pause"; //$NON-NLS-1$
		case RESUME -> "Resume"; //$NON-NLS-1$
		} + " " + vm.getName(); //$NON-NLS-1$
	}

	/**
	 * @return OK when the VM reached the state; an error that names the VM, the host and the cause
	 *         otherwise
	 * @throws OperationCanceledException when the monitor is cancelled (the action already sent
	 *                                    to the hypervisor is not undone: it is the user's request)
	 */
	public IStatus execute(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, label(), 100);
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return Status.error(label() + ": its host is not connected."); //$NON-NLS-1$
		}
		try {
			IHostConnection connection = session.connection();
			if (action == PowerAction.START) {
				if (service.query(i -> VmTemplates.isTemplate(vm))) {
					return Status.error(label() + ": " + service.query(i -> vm.getName()) //$NON-NLS-1$
							+ " is a template: its disks stay as they are. Make a VM from it (Clone), or turn it back into a VM first."); //$NON-NLS-1$
				}
				String refusal;
				try {
					refusal = LinkedClones.refusal(connection, service.query(i -> vm.getName()), service.query(i -> LinkedClones.diskPaths(vm)),
							"starting it"); //$NON-NLS-1$
				} catch (DriverException e) {
					refusal = null; // storage the host cannot list holds no HostDeck overlays: the start itself says what is wrong
				}
				if (refusal != null) {
					return Status.error(refusal);
				}
			}
			connection.power(uuid, action);
			progress.worked(10);
			Set<DomainState> wanted = switch (action) {
			case START, RESUME, REBOOT -> Set.of(DomainState.RUNNING, DomainState.BLOCKED);
			case SHUTDOWN, FORCE_OFF -> Set.of(DomainState.SHUT_OFF);
			case PAUSE -> Set.of(DomainState.PAUSED);
			};
			if (waitFor(connection, uuid, wanted, timeout, progress.split(80))) {
				return Status.OK_STATUS;
			}
			if (action == PowerAction.SHUTDOWN && forceAfterTimeout) {
				connection.power(uuid, PowerAction.FORCE_OFF);
				if (waitFor(connection, uuid, wanted, Duration.ofSeconds(30), progress.split(10))) {
					return Status.info(vm.getName() + " did not shut down within " + timeout.toSeconds() //$NON-NLS-1$
							+ " s and was forced off."); //$NON-NLS-1$
				}
			}
			return Status.error(label() + ": the VM did not reach the new state within " + timeout.toSeconds() + " s" //$NON-NLS-1$ //$NON-NLS-2$
					+ (action == PowerAction.SHUTDOWN ? ". The guest may ignore shutdown requests; use Force off." : ".")); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (DriverException e) {
			return Status.error(label() + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	private static boolean waitFor(IHostConnection connection, String uuid, Set<DomainState> wanted, Duration timeout,
			IProgressMonitor monitor) throws DriverException {
		SubMonitor progress = SubMonitor.convert(monitor, (int) Math.max(1, timeout.toMillis() / POLL.toMillis()));
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			DomainInfo info = connection.domain(uuid);
			if (info != null && wanted.contains(info.state())) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			progress.split(1); // also checks for cancellation
			try {
				Thread.sleep(POLL.toMillis()); // polling the hypervisor: the state is not an event we own
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new OperationCanceledException();
			}
		}
	}
}
