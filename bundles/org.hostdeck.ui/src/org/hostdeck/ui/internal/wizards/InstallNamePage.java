package org.hostdeck.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/** Name and description of the new VM (a subclass adds fields below them). */
class InstallNamePage extends InstallPage {

	private Text name;
	private Text description;

	InstallNamePage(InstallWizard wizard) {
		this(wizard, Messages.Install_nameTitle, Messages.Install_nameDescription);
	}

	InstallNamePage(InstallWizard wizard, String title, String description) {
		super(wizard, "name", title, description); //$NON-NLS-1$
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
		more(page);
		name.addModifyListener(e -> {
			wizard.request().name(name.getText());
			validate();
		});
		description.addModifyListener(e -> wizard.request().description(description.getText()));
		setControl(page);
	}

	/** Adds fields below the description (a two-column grid). */
	void more(Composite page) {
		// the install wizard asks for nothing else here
	}

	/** @return what is wrong with {@code value} as the name (or with the page), or {@code null} */
	String problem(String value) {
		return org.hostdeck.core.operations.InstallVmOperation.validName(value) ? null : NLS.bind(Messages.Install_nameInvalid, value);
	}

	void validate() {
		String value = name.getText().trim();
		String problem = value.isEmpty() ? null : problem(value);
		if (value.isEmpty()) {
			setErrorMessage(null);
			setMessage(Messages.Install_nameNeeded);
		} else {
			setErrorMessage(problem);
			setMessage(null);
		}
		setPageComplete(!value.isEmpty() && problem == null);
	}

	@Override
	void show() {
		if (!name.getText().equals(wizard.request().name())) {
			name.setText(wizard.request().name());
		}
		if (!description.getText().equals(wizard.request().description())) {
			description.setText(wizard.request().description());
		}
		name.setFocus();
	}
}
