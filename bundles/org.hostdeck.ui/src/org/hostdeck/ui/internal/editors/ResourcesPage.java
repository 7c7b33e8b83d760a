package org.hostdeck.ui.internal.editors;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.model.HostState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;

/** vCPUs, memory, CPU weight and start on boot: edited here, applied on save. */
public class ResourcesPage extends FormPage {

	public static final String VCPUS_ID = "vmEditor.vcpus"; //$NON-NLS-1$
	public static final String MEMORY_ID = "vmEditor.memoryMiB"; //$NON-NLS-1$
	public static final String WEIGHT_ID = "vmEditor.weight"; //$NON-NLS-1$
	public static final String AUTOSTART_ID = "vmEditor.autostart"; //$NON-NLS-1$

	/** Low, Normal, High as libvirt CPU shares (1024 is libvirt's default). */
	private static final int[] WEIGHTS = { 512, 1024, 2048 };

	private Spinner vcpus;
	private Text memory;
	private Combo weight;
	private Button autostart;
	private boolean updating;

	ResourcesPage(VmEditor editor) {
		super(editor, "resources", Messages.VmEditor_resources); //$NON-NLS-1$
	}

	private VmEditor vmEditor() {
		return (VmEditor) getEditor();
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		FormToolkit toolkit = managedForm.getToolkit();
		form.setText(NLS.bind(Messages.VmEditor_resourcesOf, vmEditor().vm().getName()));
		toolkit.decorateFormHeading(form.getForm());
		form.getBody().setLayout(new GridLayout(1, false));
		Section section = toolkit.createSection(form.getBody(), Section.TITLE_BAR | Section.DESCRIPTION);
		section.setText(Messages.VmEditor_cpuMemory);
		section.setDescription(Messages.VmEditor_cpuMemoryHelp);
		section.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		Composite client = toolkit.createComposite(section);
		client.setLayout(new GridLayout(2, false));
		toolkit.createLabel(client, Messages.VmEditor_vcpusLabel);
		vcpus = new Spinner(client, SWT.BORDER);
		vcpus.setData(WidgetIds.KEY, VCPUS_ID);
		toolkit.createLabel(client, Messages.VmEditor_memoryLabel);
		memory = toolkit.createText(client, "", SWT.BORDER); //$NON-NLS-1$
		memory.setData(WidgetIds.KEY, MEMORY_ID);
		memory.setLayoutData(new GridData(120, SWT.DEFAULT));
		toolkit.createLabel(client, Messages.VmEditor_weightLabel);
		weight = new Combo(client, SWT.READ_ONLY);
		weight.setItems(Messages.VmEditor_weightLow, Messages.VmEditor_weightNormal, Messages.VmEditor_weightHigh);
		weight.setData(WidgetIds.KEY, WEIGHT_ID);
		autostart = toolkit.createButton(client, Messages.VmEditor_autostart, SWT.CHECK);
		autostart.setData(WidgetIds.KEY, AUTOSTART_ID);
		autostart.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
		section.setClient(client);

		vcpus.addListener(SWT.Modify, e -> changed());
		memory.addListener(SWT.Modify, e -> changed());
		weight.addListener(SWT.Selection, e -> changed());
		autostart.addListener(SWT.Selection, e -> changed());
		revert();
	}

	private void changed() {
		if (updating) {
			return;
		}
		String problem = problem();
		showMessage(problem, problem == null ? IStatus.OK : IStatus.ERROR);
		vmEditor().dirtyChanged();
	}

	/** Shows the values the model has now, dropping edits. */
	void revert() {
		if (vcpus == null || vcpus.isDisposed()) {
			return;
		}
		VirtualMachine vm = vmEditor().vm();
		updating = true;
		try {
			vcpus.setValues(vm.getVcpus(), 1, Math.max(1, vm.getMaxVcpus()), 0, 1, 1);
			memory.setText(Long.toString(vm.getMemory() / Sizes.MIB));
			weight.select(weightIndex(vm.getCpuShares()));
			autostart.setSelection(vm.isAutostart());
		} finally {
			updating = false;
		}
		refresh();
	}

	private static int weightIndex(int shares) {
		if (shares <= 0) {
			return 1;
		}
		return shares < 768 ? 0 : shares > 1536 ? 2 : 1;
	}

	/** Enables the controls while the host is connected and no save runs. */
	void refresh() {
		if (vcpus == null || vcpus.isDisposed()) {
			return;
		}
		boolean editable = vmEditor().editable();
		for (var control : new org.eclipse.swt.widgets.Control[] { vcpus, memory, weight, autostart }) {
			control.setEnabled(editable);
		}
		VirtualMachine vm = vmEditor().vm();
		if (vm.getHost() == null || vm.getHost().getState() != HostState.CONNECTED) {
			showMessage(Messages.VmEditor_disconnected, IStatus.WARNING);
		} else if (Messages.VmEditor_disconnected.equals(message())) {
			String problem = problem();
			showMessage(problem, problem == null ? IStatus.OK : IStatus.ERROR);
		}
	}

	public boolean isDirty() {
		if (vcpus == null || vcpus.isDisposed()) {
			return false;
		}
		VmConfig c = changes();
		return c.vcpus() != null || c.memory() != null || c.cpuShares() != null || c.autostart() != null;
	}

	/** @return what to fix before saving, or {@code null} */
	String problem() {
		VirtualMachine vm = vmEditor().vm();
		long max = vm.getMaxMemory() / Sizes.MIB;
		try {
			long mib = Long.parseLong(memory.getText().trim());
			if (mib < 16 || mib > max) {
				return NLS.bind(Messages.VmEditor_memoryRange, max);
			}
		} catch (NumberFormatException e) {
			return NLS.bind(Messages.VmEditor_memoryNumber, memory.getText().trim());
		}
		return null;
	}

	/** The edits as a change set (null for what is unchanged). */
	VmConfig changes() {
		VirtualMachine vm = vmEditor().vm();
		Integer cpus = vcpus.getSelection() != vm.getVcpus() ? vcpus.getSelection() : null;
		Long bytes = null;
		try {
			long mib = Long.parseLong(memory.getText().trim());
			if (mib * Sizes.MIB != vm.getMemory()) {
				bytes = mib * Sizes.MIB;
			}
		} catch (NumberFormatException e) {
			bytes = -1L; // invalid: dirty, and problem() explains
		}
		Integer shares = weight.getSelectionIndex() != weightIndex(vm.getCpuShares()) ? WEIGHTS[weight.getSelectionIndex()] : null;
		Boolean start = autostart.getSelection() != vm.isAutostart() ? autostart.getSelection() : null;
		return new VmConfig(cpus, bytes, shares, start);
	}

	void showMessage(String message, int severity) {
		FormMessages.show(getManagedForm(), message, severity);
	}

	/** For tests and accessibility tools: the form's current message. */
	public String message() {
		return getManagedForm().getForm().getMessage();
	}
}
