package org.hostdeck.ui.internal.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.archive.ExportVmOperation;
import org.hostdeck.core.archive.OvaExportOperation;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Export: the selected VMs, each into its own folder (named after it) under the folder chosen
 * here, or each as NAME.ova there, in parallel as one job group; running VMs are shut down first
 * when the user agrees (an export needs a VM that is off). Verify after export re-reads every
 * checksum of a HostDeck export.
 */
public class ExportDialog extends TitleAreaDialog {

	static final String FOLDER_ID = "export.folder"; //$NON-NLS-1$
	static final String VERIFY_ID = "export.verify"; //$NON-NLS-1$
	static final String SHUT_DOWN_ID = "export.shutDown"; //$NON-NLS-1$
	static final String OVA_ID = "export.ova"; //$NON-NLS-1$

	private final InventoryService service = InventoryHolder.get();
	private final List<VirtualMachine> vms;
	private Text folder;
	private Button verify;
	private Button shutDown;
	private Button ova;
	private final int running;

	public ExportDialog(Shell parent, List<VirtualMachine> vms) {
		super(parent);
		this.vms = List.copyOf(vms);
		this.running = (int) service.query(i -> vms.stream().filter(vm -> vm.getPowerState() != PowerState.SHUT_OFF).count()).longValue();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Export_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(NLS.bind(Messages.Export_heading, MigrateWizard.names(vms)));
		setMessage(Messages.Export_message);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(3).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.Export_folder);
		folder = new Text(body, SWT.BORDER);
		folder.setData(WidgetIds.KEY, FOLDER_ID);
		folder.setText(System.getProperty("user.home") + "/hostdeck-exports"); //$NON-NLS-1$ //$NON-NLS-2$
		GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(folder);
		Button browse = new Button(body, SWT.PUSH);
		browse.setText(Messages.Install_browse);
		browse.addListener(SWT.Selection, e -> {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setFilterPath(folder.getText());
			String chosen = dialog.open();
			if (chosen != null) {
				folder.setText(chosen);
			}
		});
		new Label(body, SWT.NONE).setText(Messages.Export_format);
		Button archive = new Button(body, SWT.RADIO);
		archive.setText(Messages.Export_formatArchive);
		archive.setSelection(true);
		GridDataFactory.fillDefaults().span(2, 1).applyTo(archive);
		new Label(body, SWT.NONE);
		ova = new Button(body, SWT.RADIO);
		ova.setData(WidgetIds.KEY, OVA_ID);
		ova.setText(Messages.Export_formatOva);
		GridDataFactory.fillDefaults().span(2, 1).applyTo(ova);
		Label each = new Label(body, SWT.WRAP);
		each.setText(Messages.Export_each);
		GridDataFactory.fillDefaults().span(3, 1).hint(520, SWT.DEFAULT).applyTo(each);
		ova.addListener(SWT.Selection, e -> {
			each.setText(ova.getSelection() ? Messages.Export_eachOva : Messages.Export_each);
			setMessage(ova.getSelection() ? Messages.Export_messageOva : Messages.Export_message);
			each.getParent().layout(true, true);
			verify.setEnabled(!ova.getSelection()); // an OVA's manifest is checked when it is imported
		});
		verify = new Button(body, SWT.CHECK);
		verify.setData(WidgetIds.KEY, VERIFY_ID);
		verify.setText(Messages.Export_verify);
		verify.setSelection(true);
		GridDataFactory.fillDefaults().span(3, 1).applyTo(verify);
		shutDown = new Button(body, SWT.CHECK);
		shutDown.setData(WidgetIds.KEY, SHUT_DOWN_ID);
		shutDown.setText(NLS.bind(Messages.Export_shutDown, running));
		shutDown.setVisible(running > 0);
		GridDataFactory.fillDefaults().span(3, 1).exclude(running == 0).applyTo(shutDown); // no gap when every VM is off
		folder.addModifyListener(e -> validate());
		shutDown.addListener(SWT.Selection, e -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		getButton(IDialogConstants.OK_ID).setText(Messages.Export_ok);
		validate();
	}

	private void validate() {
		Button ok = getButton(IDialogConstants.OK_ID);
		String problem = null;
		if (folder.getText().isBlank()) {
			problem = Messages.Export_needFolder;
		} else if (Files.exists(Path.of(folder.getText().trim())) && !Files.isDirectory(Path.of(folder.getText().trim()))) {
			problem = NLS.bind(Messages.Export_notFolder, folder.getText().trim());
		} else if (running > 0 && !shutDown.getSelection()) {
			problem = NLS.bind(Messages.Export_running, running);
		}
		setErrorMessage(problem);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	@Override
	protected void okPressed() {
		Path parent = Path.of(folder.getText().trim());
		boolean check = verify.getSelection();
		boolean asOva = ova.getSelection();
		VmJobs.schedule(NLS.bind(Messages.Export_group, vms.size()), vms, vm -> {
			String name = service.query(i -> vm.getName());
			String label;
			java.util.function.Function<org.eclipse.core.runtime.IProgressMonitor, IStatus> export;
			if (asOva) {
				OvaExportOperation op = new OvaExportOperation(service, vm, parent.resolve(name + ".ova")); //$NON-NLS-1$
				label = op.label();
				export = op::executeMakingFolder;
			} else {
				ExportVmOperation op = new ExportVmOperation(service, vm, parent.resolve(name), check);
				label = op.label();
				export = op::execute;
			}
			return new VmJobs.Work(label, monitor -> ExportVmOperation.shutDownFirst(service, vm, label, monitor, export));
		});
		super.okPressed();
	}
}
