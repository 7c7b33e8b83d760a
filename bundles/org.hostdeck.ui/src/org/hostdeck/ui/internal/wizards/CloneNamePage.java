package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;

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
 * The first page of New VM from Template: the Name page's name (checked as the clone operation
 * checks it) and description, then an optional hostname hint, a full or linked copy of the
 * template's disks, and the pool they go to.
 */
final class CloneNamePage extends InstallNamePage {

	static final String HOSTNAME_ID = "cloneWizard.hostname"; //$NON-NLS-1$
	static final String FULL_ID = "cloneWizard.full"; //$NON-NLS-1$
	static final String LINKED_ID = "cloneWizard.linked"; //$NON-NLS-1$
	static final String POOL_ID = "cloneWizard.pool"; //$NON-NLS-1$

	private final CloneWizard clone;
	private final List<String> pools = new ArrayList<>();
	private Button full;
	private Button linked;
	private Combo pool;

	CloneNamePage(CloneWizard wizard) {
		super(wizard, NLS.bind(Messages.CloneWizard_nameTitle, wizard.templateName), Messages.CloneWizard_nameDescription);
		this.clone = wizard;
	}

	@Override
	void more(Composite page) {
		label(page, Messages.CloneWizard_hostname, 1);
		Text hostname = text(page, HOSTNAME_ID, SWT.SINGLE);
		hostname.setMessage(Messages.CloneWizard_hostnameHint);
		label(page, Messages.CloneWizard_disks, 1);
		Composite kinds = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(kinds);
		full = button(kinds, SWT.RADIO, Messages.CloneWizard_full, FULL_ID);
		linked = button(kinds, SWT.RADIO, Messages.CloneWizard_linked, LINKED_ID);
		label(page, Messages.Clone_pool, 1);
		pool = combo(page, POOL_ID);
		label(page, Messages.Clone_linkedNote, 2);
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
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		show();
	}

	@Override
	String problem(String value) {
		String problem = CloneVmOperation.nameProblem(wizard.service, clone.template, value);
		return problem == null && pools.isEmpty() ? Messages.Clone_noPool : problem;
	}

	@Override
	void show() {
		super.show();
		full.setSelection(!clone.linked());
		linked.setSelection(clone.linked());
		pool.select(pools.indexOf(clone.pool()));
		validate();
	}
}
