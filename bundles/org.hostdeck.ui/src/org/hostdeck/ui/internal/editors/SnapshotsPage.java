package org.hostdeck.ui.internal.editors;

import java.text.DateFormat;
import java.util.Date;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.SnapshotInfo;
import org.hostdeck.core.operations.SnapshotOperation;

/**
 * The VM's snapshots as a tree (each under the one it was taken on top of; the one the VM runs on
 * from marked): take one, revert to one, delete one. The list comes from the host in the
 * background when the page opens and after each change.
 */
public class SnapshotsPage extends DevicePage<SnapshotInfo> {

	public static final String ID = "snapshots"; //$NON-NLS-1$

	private volatile List<SnapshotInfo> snapshots = List.of();

	SnapshotsPage(VmEditor editor) {
		super(editor, ID, Messages.VmEditor_snapshots, "vmEditor.snapshots", List.of( //$NON-NLS-1$
				new TablePage.Column<SnapshotInfo>(Messages.VmEditor_snapshot, 220, s -> s.name()),
				new TablePage.Column<SnapshotInfo>(Messages.VmEditor_taken, 150,
						s -> DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.MEDIUM).format(new Date(s.created() * 1000))),
				new TablePage.Column<SnapshotInfo>(Messages.VmEditor_holds, 110,
						s -> s.external() ? Messages.VmEditor_holdsDiskOnly : s.memory() ? Messages.VmEditor_holdsMemory : Messages.VmEditor_holdsDisks),
				new TablePage.Column<SnapshotInfo>(Messages.VmEditor_snapshotDescription, 300, SnapshotInfo::description)));
	}

	/** The rows: names indented under their parents, the current one marked. */
	@Override
	List<SnapshotInfo> rows() {
		List<SnapshotInfo> all = snapshots;
		return all.stream().map(s -> new SnapshotInfo(indent(s, all) + s.name() + (s.current() ? Messages.VmEditor_current : ""), //$NON-NLS-1$
				s.description(), s.parent(), s.created(), s.state(), s.current(), s.external())).toList();
	}

	private static String indent(SnapshotInfo s, List<SnapshotInfo> all) {
		int depth = s.depth(all);
		return depth == 0 ? "" : "    ".repeat(depth).substring(2) + "\u2514 "; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The selected snapshot's own name (the row shows it indented). */
	private String name(SnapshotInfo row) {
		String shown = row.name().replace(Messages.VmEditor_current, "").trim(); //$NON-NLS-1$
		return shown.startsWith("\u2514 ") ? shown.substring(2) : shown; //$NON-NLS-1$
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		super.createFormContent(managedForm);
		reload();
	}

	@Override
	void createButtons(Composite parent, FormToolkit toolkit) {
		button(parent, toolkit, Messages.VmEditor_takeSnapshot, "vmEditor.takeSnapshot", false, s -> take()); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_revertSnapshot, "vmEditor.revertSnapshot", true, this::revert); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_deleteSnapshot, "vmEditor.deleteSnapshot", true, this::delete); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_refreshSnapshots, "vmEditor.refreshSnapshots", false, s -> reload()); //$NON-NLS-1$
	}

	/** After a change: the list again from the host. */
	@Override
	void refresh() {
		reload();
	}

	/** Reads the snapshots from the host in the background, then shows them. */
	void reload() {
		Display display = Display.getCurrent();
		Job job = Job.create(NLS.bind(Messages.VmEditor_readingSnapshots, vm().getName()), monitor -> {
			String problem = null;
			try {
				snapshots = SnapshotOperation.list(vmEditor().service(), vm());
			} catch (DriverException e) {
				problem = e.getMessage();
			}
			String shown = problem;
			display.asyncExec(() -> {
				if (getManagedForm() != null && !getManagedForm().getForm().isDisposed()) {
					super.refresh();
					if (shown != null) {
						showMessage(shown, IStatus.WARNING);
					}
				}
			});
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void take() {
		SnapshotDialog dialog = new SnapshotDialog(getSite().getShell(), vm().getName(),
				vm().getPowerState() == org.hostdeck.model.PowerState.RUNNING, snapshots.stream().map(SnapshotInfo::name).toList());
		if (dialog.open() == Window.OK) {
			SnapshotOperation op = SnapshotOperation.create(vmEditor().service(), vm(), dialog.name(), dialog.description(), dialog.diskOnly());
			run(op.label(), op::execute);
		}
	}

	private void revert(SnapshotInfo row) {
		String name = name(row);
		if (MessageDialog.open(MessageDialog.QUESTION, getSite().getShell(), Messages.VmEditor_revertTitle,
				NLS.bind(Messages.VmEditor_revertPrompt, vm().getName(), name), 0, Messages.VmEditor_revertButton,
				org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL) == 0) {
			SnapshotOperation op = SnapshotOperation.revert(vmEditor().service(), vm(), name);
			run(op.label(), op::execute);
		}
	}

	private void delete(SnapshotInfo row) {
		String name = name(row);
		if (MessageDialog.open(MessageDialog.QUESTION, getSite().getShell(), Messages.VmEditor_deleteSnapshotTitle,
				NLS.bind(Messages.VmEditor_deleteSnapshotPrompt, name, vm().getName()), 0, Messages.VmEditor_deleteSnapshotButton,
				org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL) == 0) {
			SnapshotOperation op = SnapshotOperation.delete(vmEditor().service(), vm(), name);
			run(op.label(), op::execute);
		}
	}

	/** For tests: the snapshots as last read from the host. */
	public List<SnapshotInfo> snapshots() {
		return snapshots;
	}
}
