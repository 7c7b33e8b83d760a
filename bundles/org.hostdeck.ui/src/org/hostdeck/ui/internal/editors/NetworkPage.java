package org.hostdeck.ui.internal.editors;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.model.Network;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.ui.WidgetIds;

/** The VM's NICs: add one on a network of the host, remove one. */
public class NetworkPage extends DevicePage<NetworkInterface> {

	public static final String ID = "network"; //$NON-NLS-1$
	static final String[] MODELS = { "virtio", "e1000", "rtl8139" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	NetworkPage(VmEditor editor) {
		super(editor, ID, Messages.VmEditor_network, "vmEditor.nics", List.of( //$NON-NLS-1$
				new TablePage.Column<NetworkInterface>(Messages.VmEditor_mac, 140, NetworkInterface::getMac),
				new TablePage.Column<NetworkInterface>(Messages.VmEditor_networkColumn, 140, NetworkInterface::getNetworkName),
				new TablePage.Column<NetworkInterface>(Messages.VmEditor_model, 80, NetworkInterface::getModel),
				new TablePage.Column<NetworkInterface>(Messages.VmEditor_bridge, 100,
						n -> n.getNetwork() == null ? null : n.getNetwork().getBridge())));
	}

	@Override
	List<NetworkInterface> rows() {
		return new ArrayList<>(vm().getNics());
	}

	@Override
	void createButtons(Composite parent, FormToolkit toolkit) {
		button(parent, toolkit, Messages.VmEditor_addNic, "vmEditor.addNic", false, n -> add()); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_removeNic, "vmEditor.removeNic", true, this::remove); //$NON-NLS-1$
	}

	private void add() {
		List<String> networks = vm().getHost().getNetworks().stream().map(Network::getName).sorted().toList();
		AddNicDialog dialog = new AddNicDialog(getSite().getShell(), vm().getName(), networks);
		if (dialog.open() == Window.OK) {
			run(VmDeviceOperation.addNic(vmEditor().service(), vm(), dialog.network, dialog.model));
		}
	}

	private void remove(NetworkInterface nic) {
		if (MessageDialog.open(MessageDialog.QUESTION, getSite().getShell(), Messages.VmEditor_removeNicTitle,
				NLS.bind(Messages.VmEditor_removeNicPrompt, nic.getMac(), vm().getName()), SWT.NONE,
				Messages.VmEditor_removeButton, IDialogConstants.CANCEL_LABEL) == 0) {
			run(VmDeviceOperation.removeNic(vmEditor().service(), vm(), nic.getMac()));
		}
	}

	/** Network and model of a new NIC. */
	public static final class AddNicDialog extends TitleAreaDialog {
		private final String vmName;
		private final List<String> networks;
		private Combo networkCombo;
		private Combo modelCombo;
		String network;
		String model;

		AddNicDialog(Shell parent, String vmName, List<String> networks) {
			super(parent);
			this.vmName = vmName;
			this.networks = networks;
		}

		@Override
		protected void configureShell(Shell shell) {
			super.configureShell(shell);
			shell.setText(Messages.AddNic_title);
		}

		@Override
		protected Control createDialogArea(Composite parent) {
			Composite area = (Composite) super.createDialogArea(parent);
			setTitle(NLS.bind(Messages.AddNic_heading, vmName));
			setMessage(Messages.AddNic_message);
			Composite body = new Composite(area, SWT.NONE);
			GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
			GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
			new Label(body, SWT.NONE).setText(Messages.AddNic_network);
			networkCombo = new Combo(body, SWT.READ_ONLY);
			networkCombo.setData(WidgetIds.KEY, "addNic.network"); //$NON-NLS-1$
			networkCombo.setItems(networks.toArray(String[]::new));
			if (!networks.isEmpty()) {
				networkCombo.select(0);
			}
			GridDataFactory.fillDefaults().grab(true, false).applyTo(networkCombo);
			new Label(body, SWT.NONE).setText(Messages.AddNic_model);
			modelCombo = new Combo(body, SWT.READ_ONLY);
			modelCombo.setData(WidgetIds.KEY, "addNic.model"); //$NON-NLS-1$
			modelCombo.setItems(MODELS);
			modelCombo.select(0);
			if (networks.isEmpty()) {
				setErrorMessage(Messages.AddNic_noNetworks);
			}
			return area;
		}

		@Override
		protected void createButtonsForButtonBar(Composite parent) {
			createButton(parent, IDialogConstants.OK_ID, Messages.AddNic_add, true).setEnabled(!networks.isEmpty());
			createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		}

		@Override
		protected void okPressed() {
			network = networks.get(networkCombo.getSelectionIndex());
			model = MODELS[modelCombo.getSelectionIndex()];
			super.okPressed();
		}
	}
}
