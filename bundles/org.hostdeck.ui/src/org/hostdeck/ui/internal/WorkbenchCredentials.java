package org.hostdeck.ui.internal;

import org.eclipse.jface.action.LegacyActionTools;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * Credentials from a store (secure storage, or what the user just typed), and the user's own
 * answer when an SSH host shows a key never seen before. Connections run in jobs; the question
 * is asked on the UI thread while the job waits for it.
 */
public final class WorkbenchCredentials implements ICredentialsProvider {

	/** Title of the host-key question (tests answer it by title). */
	public static final String HOST_KEY_TITLE = Messages.HostKey_title;

	private final ICredentialsProvider store;

	public WorkbenchCredentials(ICredentialsProvider store) {
		this.store = store;
	}

	@Override
	public Credentials credentialsFor(String uri) {
		return store.credentialsFor(uri);
	}

	@Override
	public boolean trustHostKey(String uri, HostKey key) {
		if (!PlatformUI.isWorkbenchRunning()) {
			return false; // nobody to ask: an unknown key is never trusted silently
		}
		Display display = PlatformUI.getWorkbench().getDisplay();
		boolean[] trusted = { false };
		display.syncExec(() -> trusted[0] = ask(display.getActiveShell(), uri, key));
		return trusted[0];
	}

	private static boolean ask(Shell parent, String uri, HostKey key) {
		MessageDialog dialog = new MessageDialog(parent, HOST_KEY_TITLE, null,
				NLS.bind(Messages.HostKey_message,
						// a label takes '&' for a mnemonic: URIs with parameters must show theirs
						new Object[] { key.address(), key.fingerprint(), LegacyActionTools.escapeMnemonics(uri) }),
				MessageDialog.WARNING, 1, Messages.HostKey_trust, Messages.HostKey_cancel);
		return dialog.open() == 0;
	}
}
