package org.hostdeck.ui.internal.wizards;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.hostdeck.model.Host;

/**
 * Home server: the connected hosts with their star rating for the new VM (from the placement
 * bundle, when installed), free memory, CPUs and VMs. The host holding the chosen media or disk
 * image comes preselected, else the host chosen when the wizard opened.
 */
final class InstallHostPage extends InstallPage {

	private HostTable table;

	InstallHostPage(InstallWizard wizard) {
		super(wizard, "host", Messages.Install_hostTitle, Messages.Install_hostDescription); //$NON-NLS-1$
		setPageComplete(false);
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(page);
		label(page, Messages.Install_hostNote, 1);
		table = new HostTable(page, wizard.service, HOSTS_ID, wizard.hosts());
		GridDataFactory.fillDefaults().grab(true, true).hint(600, 160).applyTo(table.viewer().getTable());
		table.viewer().addSelectionChangedListener(e -> {
			Host chosen = (Host) table.viewer().getStructuredSelection().getFirstElement();
			wizard.host(chosen);
			setPageComplete(chosen != null);
		});
		setControl(page);
	}

	@Override
	void show() {
		table.rate(List.of(wizard.sketch()));
		Host wanted = wizard.sourceHost() != null ? wizard.sourceHost() : wizard.host() != null ? wizard.host() : wizard.preselected();
		List<Host> hosts = wizard.hosts();
		if (wanted == null || !hosts.contains(wanted)) {
			wanted = hosts.isEmpty() ? null : hosts.get(0);
		}
		if (wanted != null) {
			table.viewer().setSelection(new StructuredSelection(wanted), true);
		} else {
			setMessage(Messages.Install_noHost);
		}
		table.viewer().getTable().setFocus();
	}

	/** The rating shown for {@code host}. */
	String rating(Host host) {
		return table.rating(host);
	}
}
