package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.ui.internal.Tables;

/** Network interfaces: add and remove NICs, the network of each (the host's networks, inactive ones marked). */
final class InstallNetworkPage extends InstallPage {

	private TableViewer nics;
	private Combo network;
	private Button add;
	private Button remove;
	private final List<String> networks = new ArrayList<>();
	private boolean filling;

	InstallNetworkPage(InstallWizard wizard) {
		super(wizard, "network", Messages.Install_networkTitle, Messages.Install_networkDescription); //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
		nics = new TableViewer(page, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		id(nics.getTable(), NICS_ID);
		nics.getTable().setHeaderVisible(true);
		Tables.<Integer>column(nics, Messages.Install_colNic, 80, n -> NLS.bind(Messages.Install_nicItem, n + 1));
		Tables.<Integer>column(nics, Messages.Install_colNetwork, 220, n -> wizard.request().networks().get(n));
		nics.setContentProvider(ArrayContentProvider.getInstance());
		GridDataFactory.fillDefaults().span(2, 3).grab(true, true).hint(400, 120).applyTo(nics.getTable());
		add = button(page, SWT.PUSH, Messages.Install_add, ADD_NIC_ID);
		GridDataFactory.fillDefaults().applyTo(add);
		remove = button(page, SWT.PUSH, Messages.Install_remove, REMOVE_NIC_ID);
		GridDataFactory.fillDefaults().applyTo(remove);
		label(page, "", 1); //$NON-NLS-1$
		label(page, Messages.Install_nicNetwork, 1);
		network = combo(page, NIC_NETWORK_ID);
		label(page, "", 1); //$NON-NLS-1$
		add.addListener(SWT.Selection, e -> {
			wizard.request().networks().add(networks.get(0));
			refresh(wizard.request().networks().size() - 1);
		});
		remove.addListener(SWT.Selection, e -> {
			int n = selected();
			if (n >= 0) {
				wizard.request().networks().remove(n);
				refresh(Math.min(n, wizard.request().networks().size() - 1));
			}
		});
		nics.addSelectionChangedListener(e -> edit());
		network.addListener(SWT.Selection, e -> {
			int n = selected();
			if (!filling && n >= 0 && network.getSelectionIndex() >= 0) {
				wizard.request().networks().set(n, networks.get(network.getSelectionIndex()));
				nics.refresh();
			}
		});
		setControl(page);
	}

	private int selected() {
		Object n = nics.getStructuredSelection().getFirstElement();
		return n == null ? -1 : (Integer) n;
	}

	@Override
	void show() {
		networks.clear();
		network.removeAll();
		Host host = wizard.host();
		if (host != null) {
			record Offered(String name, boolean active) {
			}
			for (Offered n : wizard.service.query(i -> host.getNetworks().stream().map(x -> new Offered(x.getName(), x.isActive())).toList())) {
				networks.add(n.name());
				network.add(n.active() ? n.name() : NLS.bind(Messages.Install_inactiveNetwork, n.name()));
			}
		}
		refresh(wizard.request().networks().isEmpty() ? -1 : 0);
		setMessage(networks.isEmpty() ? Messages.Install_noNetworks : null);
	}

	private void refresh(int select) {
		List<Integer> rows = new ArrayList<>();
		for (int n = 0; n < wizard.request().networks().size(); n++) {
			rows.add(n);
		}
		nics.setInput(rows);
		nics.setSelection(select < 0 ? StructuredSelection.EMPTY : new StructuredSelection(select), true);
		int max = wizard.host() == null ? 0 : InstallVmOperation.maxNics(wizard.service.query(i -> wizard.host().getHypervisorType()));
		add.setEnabled(!networks.isEmpty() && rows.size() < max);
		edit();
	}

	private void edit() {
		int n = selected();
		remove.setEnabled(n >= 0);
		network.setEnabled(n >= 0);
		if (n >= 0) {
			filling = true;
			network.select(networks.indexOf(wizard.request().networks().get(n)));
			filling = false;
		}
	}
}
