package org.hostdeck.core.inventory;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * Host credentials in Eclipse Secure Storage, one node per connection URI; the password is
 * stored encrypted. The inventory file and the logs never hold them. Connections read while the UI
 * writes, from other threads: a node removed during a read reads as no credentials. (No lock:
 * reading may ask the user for the storage's master password on the UI thread.)
 */
public final class CredentialStore implements ICredentialsProvider {

	private static final String ROOT = "/org.hostdeck/hosts"; //$NON-NLS-1$
	private static final String USER = "user"; //$NON-NLS-1$
	private static final String PASSWORD = "password"; //$NON-NLS-1$

	private final ISecurePreferences preferences;

	public CredentialStore(ISecurePreferences preferences) {
		this.preferences = preferences;
	}

	/** The workbench's default secure storage. */
	public static CredentialStore secureStorage() {
		return new CredentialStore(SecurePreferencesFactory.getDefault());
	}

	private ISecurePreferences node(String uri) {
		return preferences.node(ROOT).node(EncodingUtils.encodeSlashes(uri));
	}

	/** Stores credentials for {@code uri}, password encrypted, and flushes to disk. */
	public void save(String uri, Credentials credentials) throws StorageException {
		ISecurePreferences node = node(uri);
		node.put(USER, credentials.user(), false);
		if (credentials.password() != null) {
			boolean encrypted;
			try {
				node.put(PASSWORD, new String(credentials.password()), true);
				encrypted = node.isEncrypted(PASSWORD);
			} catch (StorageException e) {
				encrypted = false;
			}
			if (!encrypted) {
				// no password provider gave the storage its master password (a headless run without a
				// keyring): Equinox would keep the password in clear; it is never written
				node.remove(PASSWORD);
				throw new StorageException(StorageException.NO_PASSWORD,
						"Secure Storage has no master password here (no keyring and no one to ask), so the password could not be encrypted and was not kept."); //$NON-NLS-1$
			}
		} else {
			node.remove(PASSWORD);
		}
		try {
			preferences.flush();
		} catch (java.io.IOException e) {
			throw new StorageException(StorageException.INTERNAL_ERROR, e);
		}
	}

	public void remove(String uri) {
		if (preferences.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
			node(uri).removeNode();
		}
	}

	@Override
	public Credentials credentialsFor(String uri) {
		if (!preferences.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
			return null;
		}
		ISecurePreferences node = node(uri);
		try {
			if (node.keys().length == 0) {
				return null; // removed between the check and the read, and made again empty by it
			}
			String password = node.get(PASSWORD, null);
			return new Credentials(node.get(USER, null), password == null ? null : password.toCharArray());
		} catch (IllegalStateException e) {
			return null; // removed meanwhile (Remove Host, Edit Host): there are none any more
		} catch (StorageException e) {
			// the user declined to unlock the storage, or it is damaged: connect without a password
			org.eclipse.core.runtime.ILog.of(CredentialStore.class).warn(
					"Cannot read the stored credentials of " + uri + " from secure storage: " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
	}
}
