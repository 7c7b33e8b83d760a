package org.hostdeck.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/** Name and description of the new VM. */
final class InstallNamePage extends InstallPage {

	private Text name;
	private Text description;

	InstallNamePage(InstallWizard wizard) {
		super(wizard, "name", Messages.Install_nameTitle, Messages.Install_nameDescription); //$NON-NLS-1$
		setPageComplete(false);
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
		label(page, Messages.Install_name, 1);
		name = text(page, NAME_ID, SWT.SINGLE);
		label(page, Messages.Install_descriptionLabel, 1);
		description = text(page, DESCRIPTION_ID, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(400, 80).applyTo(description);
		name.addModifyListener(e -> {
			wizard.request().name(name.getText());
			validate();
		});
		description.addModifyListener(e -> wizard.request().description(description.getText()));
		setControl(page);
	}

	private void validate() {
		String value = name.getText().trim();
		if (value.isEmpty()) {
			setErrorMessage(null);
			setMessage(Messages.Install_nameNeeded);
			setPageComplete(false);
		} else if (!org.hostdeck.core.operations.InstallVmOperation.validName(value)) {
			setErrorMessage(NLS.bind(Messages.Install_nameInvalid, value));
			setPageComplete(false);
		} else {
			setErrorMessage(null);
			setMessage(null);
			setPageComplete(true);
		}
	}

	@Override
	void show() {
		if (!name.getText().equals(wizard.request().name())) {
			name.setText(wizard.request().name());
		}
		description.setText(wizard.request().description());
		name.setFocus();
	}
}
