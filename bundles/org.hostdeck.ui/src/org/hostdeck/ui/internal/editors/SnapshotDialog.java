package org.hostdeck.ui.internal.editors;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.ui.WidgetIds;

/** Name, description and kind (with memory, or disks only) of a new snapshot, checked as the user types. */
public class SnapshotDialog extends TitleAreaDialog {

	static final String NAME_ID = "snapshot.name"; //$NON-NLS-1$
	static final String DESCRIPTION_ID = "snapshot.description"; //$NON-NLS-1$
	static final String DISK_ONLY_ID = "snapshot.diskOnly"; //$NON-NLS-1$

	private final String vmName;
	private final boolean running;
	private final List<String> taken;
	private Text nameText;
	private Text descriptionText;
	private Button diskOnlyButton;
	private String name;
	private String description;
	private boolean diskOnly;

	/** @param taken the names of the VM's snapshots (a new one needs another) */
	public SnapshotDialog(Shell parent, String vmName, boolean running, List<String> taken) {
		super(parent);
		this.vmName = vmName;
		this.running = running;
		this.taken = taken;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Snapshot_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(NLS.bind(Messages.Snapshot_heading, vmName));
		setMessage(running ? Messages.Snapshot_messageRunning : Messages.Snapshot_messageOff);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.Snapshot_name);
		nameText = new Text(body, SWT.BORDER);
		nameText.setData(WidgetIds.KEY, NAME_ID);
		nameText.setText("snapshot-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"))); //$NON-NLS-1$ //$NON-NLS-2$
		GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(nameText);
		new Label(body, SWT.NONE).setText(Messages.Snapshot_description);
		descriptionText = new Text(body, SWT.BORDER);
		descriptionText.setData(WidgetIds.KEY, DESCRIPTION_ID);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(descriptionText);
		diskOnlyButton = new Button(body, SWT.CHECK);
		diskOnlyButton.setData(WidgetIds.KEY, DISK_ONLY_ID);
		diskOnlyButton.setText(Messages.Snapshot_diskOnly);
		GridDataFactory.fillDefaults().span(2, 1).applyTo(diskOnlyButton);
		nameText.addModifyListener(e -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		getButton(IDialogConstants.OK_ID).setText(Messages.Snapshot_take);
		validate();
	}

	private void validate() {
		String wanted = nameText.getText().trim();
		String problem = wanted.isEmpty() ? Messages.Snapshot_needName
				: wanted.contains("/") ? Messages.Snapshot_noSlash //$NON-NLS-1$
						: taken.contains(wanted) ? NLS.bind(Messages.Snapshot_taken, wanted) : null;
		setErrorMessage(problem);
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	@Override
	protected void okPressed() {
		name = nameText.getText().trim();
		description = descriptionText.getText();
		diskOnly = diskOnlyButton.getSelection();
		super.okPressed();
	}

	public String name() {
		return name;
	}

	public String description() {
		return description;
	}

	public boolean diskOnly() {
		return diskOnly;
	}
}
