package org.hostdeck.ui.internal.wizards;

import java.util.List;

import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Adds a host: the libvirt URI (with helpers for SSH, TLS, Xen and test URIs), an optional
 * password kept in Eclipse Secure Storage, and a connection test before anything is saved.
 */
public class AddHostWizard extends Wizard {

	private final InventoryService service = InventoryHolder.get();
	private final CredentialStore credentials;
	private AddHostWizardPage page;

	public AddHostWizard(CredentialStore credentials) {
		this.credentials = credentials;
		setWindowTitle(Messages.AddHost_windowTitle);
		setNeedsProgressMonitor(true);
	}

	/** Opens the wizard; {@code block} false returns at once (for tests that drive the dialog). */
	public static WizardDialog open(Shell shell, boolean block) {
		return open(shell, InventoryHolder.credentials(), block);
	}

	/** Opens the wizard storing passwords in {@code store}. */
	public static WizardDialog open(Shell shell, CredentialStore store, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new AddHostWizard(store));
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	@Override
	public void addPages() {
		page = new AddHostWizardPage();
		addPage(page);
	}

	boolean hostExists(String uri) {
		return service.query(i -> i.getHosts().stream().anyMatch(h -> uri.equals(h.getUri())));
	}

	@Override
	public boolean performFinish() {
		String uri = page.uri();
		Credentials typed = page.credentials();
		if (typed != null) {
			try {
				credentials.save(uri, typed);
			} catch (StorageException e) {
				MessageDialog.openError(getShell(), Messages.AddHost_windowTitle,
						NLS.bind(Messages.AddHost_storageFailed, e.getMessage()));
				return false;
			} finally {
				typed.wipe();
			}
		}
		service.addHost(page.hostName(), uri);
		InventoryHolder.save();
		new ConnectHostsJob(service, List.of()).schedule();
		return true;
	}
}
