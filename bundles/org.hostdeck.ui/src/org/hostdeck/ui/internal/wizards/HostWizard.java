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
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Adds a host, or edits one: the libvirt URI (with helpers for SSH, TLS, Xen and test URIs), an
 * optional password kept in Eclipse Secure Storage, and a connection test before anything is
 * saved. Editing moves the stored password along with a changed URI and reconnects the host.
 */
public class HostWizard extends Wizard {

	private final InventoryService service = InventoryHolder.get();
	private final CredentialStore credentials;
	private final Host editing;
	private HostWizardPage page;

	/** @param editing the host to edit, or {@code null} to add one */
	public HostWizard(CredentialStore credentials, Host editing) {
		this.credentials = credentials;
		this.editing = editing;
		setWindowTitle(editing == null ? Messages.AddHost_windowTitle : Messages.EditHost_windowTitle);
		setNeedsProgressMonitor(true);
	}

	/** Opens the wizard; {@code block} false returns at once (for tests that drive the dialog). */
	public static WizardDialog open(Shell shell, boolean block) {
		return open(shell, InventoryHolder.credentials(), null, block);
	}

	/** Opens the wizard storing passwords in {@code store}; {@code editing} null adds a host. */
	public static WizardDialog open(Shell shell, CredentialStore store, Host editing, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new HostWizard(store, editing));
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	@Override
	public void addPages() {
		if (editing == null) {
			page = new HostWizardPage(null, null, false);
		} else {
			String[] nameAndUri = service.query(i -> new String[] { editing.getName(), editing.getUri() });
			Credentials stored = credentials.credentialsFor(nameAndUri[1]);
			boolean hasPassword = stored != null && stored.password() != null;
			if (stored != null) {
				stored.wipe();
			}
			page = new HostWizardPage(nameAndUri[0], nameAndUri[1], hasPassword);
		}
		addPage(page);
	}

	boolean hostExists(String uri) {
		return service.query(i -> i.getHosts().stream().anyMatch(h -> h != editing && uri.equals(h.getUri())));
	}

	boolean hostNamed(String name) {
		return service.query(i -> i.getHosts().stream().anyMatch(h -> h != editing && name.equalsIgnoreCase(h.getName())));
	}

	/** What the connection test connects with: the typed password, else the stored one. */
	Credentials credentialsForTest() {
		Credentials typed = page.credentials();
		if (typed != null || editing == null || page.forgetPassword()) {
			return typed;
		}
		return credentials.credentialsFor(service.query(i -> editing.getUri()));
	}

	@Override
	public boolean performFinish() {
		String uri = page.uri();
		String oldUri = editing == null ? null : service.query(i -> editing.getUri());
		try {
			storeCredentials(uri, oldUri);
		} catch (StorageException e) {
			MessageDialog.openError(getShell(), getWindowTitle(), NLS.bind(
					editing == null ? Messages.AddHost_storageFailed : Messages.EditHost_storageFailed, e.getMessage()));
			return false;
		}
		if (editing == null) {
			service.addHost(page.hostName(), uri);
			InventoryHolder.save();
			new ConnectHostsJob(service, List.of()).schedule();
			return true;
		}
		boolean reconnect = !uri.equals(oldUri) || page.passwordChanged()
				|| service.query(i -> editing.getState()) != HostState.CONNECTED;
		if (reconnect) {
			service.disconnect(editing); // its session keeps the old URI: a new one reads the new
		}
		String name = page.hostName();
		service.modify(i -> {
			editing.setName(name);
			editing.setUri(uri);
		});
		InventoryHolder.save();
		if (reconnect) {
			ConnectHostsJob.forHosts(service, List.of(editing)).schedule();
		}
		return true;
	}

	/**
	 * Saves a typed password under {@code uri}; when editing, moves the stored one to a changed
	 * URI or forgets it when asked to. Secure storage is written before the inventory changes, so
	 * a failure leaves both as they were.
	 */
	private void storeCredentials(String uri, String oldUri) throws StorageException {
		Credentials typed = page.credentials();
		try {
			if (typed != null) {
				credentials.save(uri, typed);
			} else if (oldUri != null && !page.forgetPassword() && !uri.equals(oldUri)) {
				Credentials stored = credentials.credentialsFor(oldUri);
				if (stored != null) {
					try {
						credentials.save(uri, stored);
					} finally {
						stored.wipe();
					}
				}
			} else if (page.forgetPassword()) {
				credentials.remove(uri);
			}
			if (oldUri != null && !uri.equals(oldUri)) {
				credentials.remove(oldUri);
			}
		} finally {
			if (typed != null) {
				typed.wipe();
			}
		}
	}
}
