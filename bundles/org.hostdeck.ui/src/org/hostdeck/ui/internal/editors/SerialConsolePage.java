package org.hostdeck.ui.internal.editors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.console.SerialConsole;

/** The VM's serial console as a terminal ({@link SerialConsole}), connected while the VM runs. */
public class SerialConsolePage extends FormPage {

	public static final String ID = "serial"; //$NON-NLS-1$

	private SerialConsole console;

	SerialConsolePage(VmEditor editor) {
		super(editor, ID, Messages.VmEditor_serial);
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		form.setText(Messages.VmEditor_serial + " \u2014 " + ((VmEditor) getEditor()).vm().getName()); //$NON-NLS-1$
		managedForm.getToolkit().decorateFormHeading(form.getForm());
		Composite body = form.getBody();
		GridLayoutFactory.swtDefaults().applyTo(body);
		console = new SerialConsole(body, ((VmEditor) getEditor()).service());
		console.setData(WidgetIds.KEY, "vmEditor.serialConsole"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, true).hint(640, 400).applyTo(console);
		console.show(((VmEditor) getEditor()).vm());
	}

	/** The terminal of this page (created with the page). */
	public SerialConsole console() {
		return console;
	}

	@Override
	public void setFocus() {
		if (console != null && !console.isDisposed()) {
			console.setFocus();
		}
	}
}
