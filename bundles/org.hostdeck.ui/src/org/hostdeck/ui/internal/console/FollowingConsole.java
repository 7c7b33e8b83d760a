package org.hostdeck.ui.internal.console;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IVmConsoles;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.ModelRefresher;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * A console that follows one VM: connected while the VM runs (opened in a job, so the UI thread
 * never waits on a host), and otherwise a message that says why not, with the action that helps
 * (Power On, Reconnect). A console that failed or that the other side closed stays closed until
 * the user reconnects, or the VM starts again. The graphical and the serial console share it.
 */
abstract class FollowingConsole extends Composite {

	/** Family of the jobs that open a console: tests wait on it. */
	public static final Object FAMILY = FollowingConsole.class;

	protected final InventoryService service;
	protected VirtualMachine vm;
	protected String uuid;
	private ModelRefresher refresher;
	private Job opening;
	/** The running VM's console failed or ended: no new attempt until asked. */
	private boolean held;
	/** The console closed the connection itself: its end is no failure. */
	private boolean closedOnPurpose;

	FollowingConsole(Composite parent, InventoryService service) {
		super(parent, SWT.NONE);
		this.service = service;
		addListener(SWT.Dispose, e -> {
			opening = null;
			if (refresher != null) {
				refresher.detach();
			}
		});
	}

	/** The VM shown, or {@code null}. */
	public VirtualMachine vm() {
		return vm;
	}

	/** Shows {@code shown}'s console (null: none), ending the one shown before. */
	public void show(VirtualMachine shown) {
		checkWidget();
		if (shown == vm && shown != null) {
			refresh();
			return;
		}
		end();
		if (refresher != null) {
			refresher.detach();
			refresher = null;
		}
		vm = shown;
		uuid = shown == null ? null : service.query(i -> shown.getUuid());
		held = false;
		if (shown != null) {
			refresher = new ModelRefresher(this, n -> true, this::refresh);
			refresher.attach(service, service.query(i -> shown.getHost() != null ? shown.getHost() : shown));
		}
		refresh();
	}

	/** Follows the VM's state: connects while it runs, says why not otherwise. */
	public void refresh() {
		if (isDisposed()) {
			return;
		}
		refreshExtras();
		if (vm == null) {
			message(Messages.Console_noVm, null, null);
			return;
		}
		String problem = unavailable();
		if (problem != null) {
			message(problem, null, null);
			return;
		}
		record State(String name, PowerState power, boolean connected, boolean gone) {
		}
		State state = service.query(i -> new State(vm.getName(), vm.getPowerState(),
				vm.getHost() != null && vm.getHost().getState() == HostState.CONNECTED, vm.eContainer() == null));
		if (state.gone()) {
			end();
			message(NLS.bind(Messages.Console_gone, state.name()), null, null);
		} else if (!state.connected()) {
			end();
			held = false; // the connection that just ended went with the host: back with it
			message(NLS.bind(Messages.Console_hostDown, state.name()), null, null);
		} else if (state.power() != PowerState.RUNNING && state.power() != PowerState.PAUSED) {
			end();
			held = false;
			message(NLS.bind(Messages.Console_off, state.name(), state.power().getLiteral().toLowerCase().replace('_', ' ')),
					Messages.Console_powerOn, this::powerOn);
		} else if (!isOpen() && opening == null && !held) {
			open(false);
		}
	}

	/** Opens the console in a job; it is attached on the UI thread once the stream is there. */
	protected void open(boolean takeOver) {
		String name = service.query(i -> vm.getName());
		HostSession session = service.session(vm);
		if (session == null) {
			message(NLS.bind(Messages.Console_hostDown, name), null, null);
			return;
		}
		VirtualMachine target = vm;
		String id = uuid;
		message(NLS.bind(Messages.Console_connecting, name), null, null);
		opening = new Job(NLS.bind(Messages.Console_opening, name)) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				ConsoleStream stream = null;
				DriverException failure = null;
				try {
					stream = open(session.connection().consoles(), id, takeOver);
				} catch (DriverException e) {
					failure = e;
				}
				ConsoleStream opened = stream;
				DriverException why = failure;
				if (isDisposed()) {
					if (opened != null) {
						opened.close();
					}
				} else {
					getDisplay().asyncExec(() -> opened(this, target, opened, why));
				}
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		opening.setSystem(true);
		opening.schedule();
	}

	private void opened(Job job, VirtualMachine target, ConsoleStream stream, DriverException failure) {
		if (isDisposed() || opening != job || target != vm) {
			if (stream != null) {
				stream.close();
			}
			return;
		}
		opening = null;
		if (stream == null) {
			failed(failure);
			return;
		}
		try {
			attach(stream);
		} catch (IOException e) {
			stream.close();
			hold(e.getMessage());
		}
	}

	/** The console could not open: says why, with Reconnect. */
	protected void failed(DriverException failure) {
		hold(failure.getMessage());
	}

	/** Shows {@code why} and stays closed until the user reconnects (or the VM starts again). */
	protected void hold(String why) {
		held = true;
		message(why == null ? Messages.Console_closed : why, Messages.Console_reconnect, this::reconnect);
	}

	/**
	 * The connection ended: when the console closed it (the VM stopped, its host went away) it
	 * follows the VM's state; when it ended under a running VM on a connected host, it says why.
	 */
	protected void ended(String why) {
		boolean onPurpose = closedOnPurpose;
		closedOnPurpose = false;
		boolean running = vm != null && service.query(i -> (vm.getPowerState() == PowerState.RUNNING || vm.getPowerState() == PowerState.PAUSED)
				&& vm.getHost() != null && vm.getHost().getState() == HostState.CONNECTED);
		if (running && !onPurpose) {
			hold(why);
		} else {
			refresh();
		}
	}

	protected void reconnect() {
		held = false;
		refresh();
	}

	private void powerOn() {
		VirtualMachine target = vm;
		String id = uuid;
		VmPowerOperation op = new VmPowerOperation(service, target, PowerAction.START);
		VmJobs.scheduleRecorded(op.label(), service.query(i -> VmJobs.target(target)), () -> id, op::execute);
	}

	/** Ends the connection and any opening under way. */
	private void end() {
		opening = null;
		if (isOpen()) {
			closedOnPurpose = true;
			close();
		}
	}

	/** A tool bar item with its text, tooltip, test id and action. */
	static org.eclipse.swt.widgets.ToolItem tool(org.eclipse.swt.widgets.ToolBar bar, int style, String text, String tooltip, String id,
			org.eclipse.swt.widgets.Listener action) {
		org.eclipse.swt.widgets.ToolItem item = new org.eclipse.swt.widgets.ToolItem(bar, style);
		item.setText(text);
		item.setToolTipText(tooltip);
		item.setData(org.hostdeck.ui.WidgetIds.KEY, id);
		item.addListener(SWT.Selection, action);
		return item;
	}

	/** Why this console cannot run at all on this machine, or {@code null}. */
	protected String unavailable() {
		return null;
	}

	/** Brings what the console shows beside the connection (e.g. the media) up to date. */
	protected void refreshExtras() {
	}

	/** In a job: opens the stream to the VM's console. */
	protected abstract ConsoleStream open(IVmConsoles consoles, String vmUuid, boolean takeOver) throws DriverException;

	/** On the UI thread: shows the console that {@code stream} leads to; the stream is the console's from now on. */
	protected abstract void attach(ConsoleStream stream) throws IOException;

	/** Whether a connection is shown now. */
	protected abstract boolean isOpen();

	/** Ends the connection shown. */
	protected abstract void close();

	/** Shows {@code text} instead of the console, with a button for {@code action} when there is one. */
	protected abstract void message(String text, String button, Runnable action);
}
