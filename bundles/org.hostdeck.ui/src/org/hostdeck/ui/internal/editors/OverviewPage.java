package org.hostdeck.ui.internal.editors;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.hostdeck.model.HostState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;

/** What the VM is and where it runs. */
class OverviewPage extends FormPage {

	private final Map<String, Label> values = new LinkedHashMap<>();

	OverviewPage(VmEditor editor) {
		super(editor, "overview", Messages.VmEditor_overview); //$NON-NLS-1$
	}

	private VmEditor vmEditor() {
		return (VmEditor) getEditor();
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		FormToolkit toolkit = managedForm.getToolkit();
		form.setText(vmEditor().vm().getName());
		toolkit.decorateFormHeading(form.getForm());
		form.getBody().setLayout(new GridLayout(1, false));
		Section section = toolkit.createSection(form.getBody(), Section.TITLE_BAR);
		section.setText(Messages.VmEditor_general);
		section.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		Composite client = toolkit.createComposite(section);
		client.setLayout(new GridLayout(2, false));
		for (String key : new String[] { Messages.VmEditor_state, Messages.VmEditor_host, Messages.VmEditor_guestType,
				Messages.VmEditor_vcpus, Messages.VmEditor_memory, Messages.VmEditor_uuid, Messages.VmEditor_description }) {
			toolkit.createLabel(client, key);
			Label value = toolkit.createLabel(client, "", SWT.WRAP); //$NON-NLS-1$
			value.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
			value.setData(WidgetIds.KEY, "vmEditor.overview." + values.size()); //$NON-NLS-1$
			values.put(key, value);
		}
		section.setClient(client);
		refresh();
	}

	void refresh() {
		if (values.isEmpty() || getManagedForm() == null) {
			return;
		}
		VirtualMachine vm = vmEditor().vm();
		values.get(Messages.VmEditor_state).setText(vm.getPowerState().getName().replace('_', ' ').toLowerCase());
		values.get(Messages.VmEditor_host).setText(vm.getHost() == null ? "" : vm.getHost().getName()); //$NON-NLS-1$
		values.get(Messages.VmEditor_guestType).setText(vm.getGuestType().getName());
		values.get(Messages.VmEditor_vcpus).setText(vm.getVcpus() + " / " + vm.getMaxVcpus()); //$NON-NLS-1$
		values.get(Messages.VmEditor_memory).setText(Sizes.format(vm.getMemory()) + " / " + Sizes.format(vm.getMaxMemory())); //$NON-NLS-1$
		values.get(Messages.VmEditor_uuid).setText(vm.getUuid());
		values.get(Messages.VmEditor_description).setText(vm.getDescription() == null ? "" : vm.getDescription()); //$NON-NLS-1$
		boolean connected = vm.getHost() != null && vm.getHost().getState() == HostState.CONNECTED;
		getManagedForm().getForm().setMessage(connected ? null : Messages.VmEditor_disconnected,
				connected ? IMessageProvider.NONE : IMessageProvider.WARNING);
		getManagedForm().getForm().getBody().layout(true, true);
	}
}
