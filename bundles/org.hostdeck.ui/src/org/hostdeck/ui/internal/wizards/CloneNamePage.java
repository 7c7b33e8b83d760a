package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.operations.CloneVmOperation;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.util.Sizes;

/**
 * The first page of New VM from Template: the new VM's name (checked as the clone operation
 * checks it), description and an optional hostname hint, a full or linked copy of the
 * template's disks, and the pool they go to.
 */
final class CloneNamePage extends InstallPage {

	static final String HOSTNAME_ID = "cloneWizard.hostname"; //$NON-NLS-1$
	static final String FULL_ID = "cloneWizard.full"; //$NON-NLS-1$
	static final String LINKED_ID = "cloneWizard.linked"; //$NON-NLS-1$
	static final String POOL_ID = "cloneWizard.pool"; //$NON-NLS-1$

	private final CloneWizard clone;
	private final List<String> pools = new ArrayList<>();
	private Text name;
	private Text description;
	private Text hostname;
	private Button full;
	private Button linked;
	private Combo pool;

	CloneNamePage(CloneWizard wizard) {
		super(wizard, "name", NLS.bind(Messages.CloneWizard_nameTitle, wizard.templateName), Messages.CloneWizard_nameDescription); //$NON-NLS-1$
		this.clone = wizard;
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
		label(page, Messages.Install_name, 1);
		name = text(page, NAME_ID, SWT.SINGLE);
		label(page, Messages.Install_descriptionLabel, 1);
		description = text(page, DESCRIPTION_ID, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(400, 60).applyTo(description);
		label(page, Messages.CloneWizard_hostname, 1);
		hostname = text(page, HOSTNAME_ID, SWT.SINGLE);
		hostname.setMessage(Messages.CloneWizard_hostnameHint);
		label(page, Messages.CloneWizard_disks, 1);
		Composite kinds = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(kinds);
		full = button(kinds, SWT.RADIO, Messages.CloneWizard_full, FULL_ID);
		linked = button(kinds, SWT.RADIO, Messages.CloneWizard_linked, LINKED_ID);
		label(page, Messages.Clone_pool, 1);
		pool = combo(page, POOL_ID);
		label(page, Messages.Clone_linkedNote, 2);

		name.addModifyListener(e -> {
			wizard.request().name(name.getText().trim());
			validate();
		});
		description.addModifyListener(e -> wizard.request().description(description.getText()));
		hostname.addModifyListener(e -> clone.hostname(hostname.getText()));
		full.addListener(SWT.Selection, e -> clone.linked(linked.getSelection()));
		linked.addListener(SWT.Selection, e -> clone.linked(linked.getSelection()));
		pool.addListener(SWT.Selection, e -> {
			if (pool.getSelectionIndex() >= 0) {
				clone.pool(pools.get(pool.getSelectionIndex()));
			}
		});
		if (wizard.host() != null) {
			for (StoragePool p : wizard.service.query(i -> wizard.host().getStoragePools().stream().filter(StoragePool::isActive).toList())) {
				pools.add(wizard.service.query(i -> p.getName()));
				pool.add(wizard.service.query(i -> NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable()))));
			}
		}
		setControl(page);
		show();
	}

	private void validate() {
		String problem = CloneVmOperation.nameProblem(wizard.service, clone.template, name.getText().trim());
		if (problem == null && pools.isEmpty()) {
			problem = Messages.Clone_noPool;
		}
		setErrorMessage(problem);
		setPageComplete(problem == null);
	}

	@Override
	void show() {
		if (!name.getText().equals(wizard.request().name())) {
			name.setText(wizard.request().name());
		}
		if (!description.getText().equals(wizard.request().description())) {
			description.setText(wizard.request().description());
		}
		full.setSelection(!clone.linked());
		linked.setSelection(clone.linked());
		pool.select(pools.indexOf(clone.pool()));
		validate();
		name.setFocus();
	}
}
