package org.hostdeck.ui.internal.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.statushandlers.StatusManager;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.inventory.TaskHistory;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.osgi.framework.FrameworkUtil;

/**
 * Runs one operation per VM as user jobs in one {@link JobGroup} (at most four at a time), and
 * reports the VMs that failed together, each with its own reason.
 */
public final class VmJobs {

	/** Family of every VM operation job: tests and the UI wait on it. */
	public static final Object FAMILY = VmJobs.class;

	/** One VM's operation: a label for the job and the work. */
	public record Work(String label, Function<IProgressMonitor, IStatus> run) {
	}

	private VmJobs() {
	}

	public static JobGroup schedule(String groupName, List<VirtualMachine> vms, Function<VirtualMachine, Work> work) {
		return schedule(groupName, vms, work, true);
	}

	/**
	 * @param reportFailures {@code false} when the caller shows the outcome itself (an editor page
	 *                       shows it in its header): no error dialog then
	 */
	public static JobGroup schedule(String groupName, List<VirtualMachine> vms, Function<VirtualMachine, Work> work,
			boolean reportFailures) {
		JobGroup group = new JobGroup(groupName, 4, vms.size());
		List<IStatus> failures = new ArrayList<>();
		AtomicInteger remaining = new AtomicInteger(vms.size());
		for (VirtualMachine vm : vms) {
			Work w = work.apply(vm);
			String target = InventoryHolder.get().query(i -> target(vm));
			String uuid = InventoryHolder.get().query(i -> vm.getUuid());
			Job job = new Job(w.label()) {
				@Override
				protected IStatus run(IProgressMonitor monitor) {
					IStatus status = recorded(w.label(), target, () -> uuid, this, monitor, w.run());
					// failures are reported together when the group ends, not one dialog per VM
					if (status.getSeverity() == IStatus.ERROR) {
						synchronized (failures) {
							failures.add(status);
						}
						return Status.OK_STATUS;
					}
					return status.getSeverity() == IStatus.CANCEL ? status : Status.OK_STATUS;
				}

				@Override
				public boolean belongsTo(Object family) {
					return family == FAMILY;
				}
			};
			job.setUser(vms.size() == 1);
			job.setJobGroup(group);
			job.addJobChangeListener(new JobChangeAdapter() {
				@Override
				public void done(IJobChangeEvent event) {
					if (remaining.decrementAndGet() == 0 && reportFailures) {
						report(groupName, failures);
					}
				}
			});
			job.schedule();
		}
		return group;
	}

	/**
	 * Runs {@code work} as the task {@code label} on {@code target} in the task history: its
	 * progress tracked, cancellable from the Task History view while {@code job} runs, its outcome
	 * recorded. A cancel or an unexpected exception becomes the returned status. {@code vm} tells
	 * the UUID of the VM the task is about (null: none, or not yet); asked again at the end, so an
	 * operation that creates its VM can name it once it exists.
	 */
	public static IStatus recorded(String label, String target, Supplier<String> vm, Job job, IProgressMonitor monitor,
			Function<IProgressMonitor, IStatus> work) {
		TaskHistory history = InventoryHolder.tasks();
		String uuid = vm.get();
		TaskRecord record = history.start(label, target, uuid);
		InventoryHolder.running(record, job);
		IStatus status;
		try {
			status = work.apply(history.track(record, monitor));
		} catch (OperationCanceledException e) {
			status = Status.CANCEL_STATUS;
		} catch (RuntimeException e) {
			status = Status.error(label + ": " + e, e); //$NON-NLS-1$
		} finally {
			InventoryHolder.finished(record);
		}
		String made = vm.get();
		if (uuid == null && made != null) {
			history.about(record, made);
		}
		history.finish(record, status);
		return status;
	}

	/**
	 * Runs {@code work} as one user job of {@link #FAMILY} (so it shows in the Progress view and
	 * tests can wait for it), recorded in the task history as {@code label} on {@code target}.
	 */
	public static Job scheduleRecorded(String label, String target, Supplier<String> vm,
			Function<IProgressMonitor, IStatus> work) {
		return scheduleRecorded(label, target, vm, work, status -> {
		});
	}

	/** Like {@link #scheduleRecorded(String, String, Supplier, Function)}; {@code whenDone} gets the outcome on the job's thread. */
	public static Job scheduleRecorded(String label, String target, Supplier<String> vm, Function<IProgressMonitor, IStatus> work,
			java.util.function.Consumer<IStatus> whenDone) {
		Job job = new Job(label) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				IStatus status = recorded(label, target, vm, this, monitor, work);
				whenDone.accept(status);
				return status;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** How the task history names a VM: {@code "web-01 @ hv-prague"}. Read on the owner or UI thread. */
	public static String target(VirtualMachine vm) {
		return TaskHistory.target(vm);
	}

	private static void report(String groupName, List<IStatus> failures) {
		synchronized (failures) {
			if (failures.isEmpty()) {
				return;
			}
			MultiStatus all = new MultiStatus(FrameworkUtil.getBundle(VmJobs.class).getSymbolicName(), 0,
					NLS.bind(Messages.VmJobs_failed, groupName, failures.size()), null);
			failures.forEach(all::add);
			failures.clear();
			StatusManager.getManager().handle(all, StatusManager.LOG | StatusManager.SHOW);
		}
	}
}
