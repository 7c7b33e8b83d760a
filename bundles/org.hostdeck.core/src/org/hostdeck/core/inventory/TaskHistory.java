package org.hostdeck.core.inventory;

import java.util.Date;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.TaskRecord;

/**
 * The task history in the inventory model: every operation gets a {@link TaskRecord} with its
 * progress, outcome, duration and message; it is saved with the inventory, so it survives
 * restarts. Keeps the newest {@link #LIMIT} records.
 */
public final class TaskHistory {

	/** How many records are kept. */
	public static final int LIMIT = 1000;

	private final InventoryService service;

	public TaskHistory(InventoryService service) {
		this.service = service;
	}

	/** Records that {@code operation} on {@code target} started now. */
	public TaskRecord start(String operation, String target) {
		return start(operation, target, null);
	}

	/**
	 * Records that {@code operation} on {@code target} started now; {@code vmUuid} names the VM it
	 * is about (null: none), so the VM's history finds it after a rename or a migration.
	 */
	public TaskRecord start(String operation, String target, String vmUuid) {
		return service.query(i -> {
			TaskRecord record = InventoryFactory.eINSTANCE.createTaskRecord();
			record.setOperation(operation);
			record.setTarget(target);
			record.setVmUuid(vmUuid);
			record.setStart(new Date());
			record.setOutcome(TaskOutcome.RUNNING);
			i.getTasks().add(record);
			if (i.getTasks().size() > LIMIT) {
				i.getTasks().subList(0, i.getTasks().size() - LIMIT).clear();
			}
			return record;
		});
	}

	/** Records the end: outcome from {@code status} (OK/INFO/WARNING succeeded, CANCEL cancelled, ERROR failed). */
	public void finish(TaskRecord record, IStatus status) {
		TaskOutcome outcome = switch (status.getSeverity()) {
		case IStatus.CANCEL -> TaskOutcome.CANCELLED;
		case IStatus.ERROR -> TaskOutcome.FAILED;
		default -> TaskOutcome.SUCCEEDED;
		};
		service.modifyLater(i -> {
			record.setEnd(new Date());
			record.setOutcome(outcome);
			if (outcome == TaskOutcome.SUCCEEDED) {
				record.setProgress(100);
			}
			String message = status.isOK() ? null : status.getMessage();
			record.setMessage(message);
		});
	}

	/** Records that the task turned out to be about the VM {@code vmUuid} (an install, once it is defined). */
	public void about(TaskRecord record, String vmUuid) {
		service.modifyLater(i -> record.setVmUuid(vmUuid));
	}

	/** How the task history names a VM: {@code "web-01 @ hv-prague"}. Read on the model's owner thread. */
	public static String target(org.hostdeck.model.VirtualMachine vm) {
		return vm.getName() + (vm.getHost() == null ? "" : " @ " + vm.getHost().getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * Whether {@code record} is about the VM with {@code vmUuid}, named {@code target} ("vm @ host")
	 * now: by UUID where the record has one, else (records from before UUIDs were kept) by name.
	 */
	public static boolean isAbout(TaskRecord record, String vmUuid, String target) {
		return record.getVmUuid() != null ? record.getVmUuid().equals(vmUuid) : target.equals(record.getTarget());
	}

	/**
	 * Wraps {@code monitor} so that the work it reports moves the record's progress (in whole
	 * percents, so the model is not flooded with changes).
	 */
	public IProgressMonitor track(TaskRecord record, IProgressMonitor monitor) {
		return new ProgressMonitorWrapper(monitor) {
			private double total;
			private double done;
			private int percent;

			@Override
			public void beginTask(String name, int totalWork) {
				super.beginTask(name, totalWork);
				total = totalWork;
			}

			@Override
			public void internalWorked(double work) {
				super.internalWorked(work);
				update(work);
			}

			@Override
			public void worked(int work) {
				super.worked(work);
				update(work);
			}

			private void update(double work) {
				if (total <= 0) {
					return;
				}
				done += work;
				int now = (int) Math.min(99, done * 100 / total);
				if (now > percent) {
					percent = now;
					service.modifyLater(i -> record.setProgress(now));
				}
			}
		};
	}
}
