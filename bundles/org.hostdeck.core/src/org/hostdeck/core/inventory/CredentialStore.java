package org.hostdeck.core.inventory;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * Host credentials in Eclipse Secure Storage, one node per connection URI; the password is
 * stored encrypted. The workbench and the command line share HostDeck's own storage file in the
 * workspace ({@link #secureStorage()}), encrypted under HostDeck's master password
 * ({@link MasterPassword}), so each reads what the other stored; an IDE's default storage is
 * not touched. The inventory file and the logs never hold them. Connections read while the UI
 * writes, from other threads: a node removed during a read reads as no credentials. (No lock:
 * reading may ask the user for the storage's master password on the UI thread.)
 */
public final class CredentialStore implements ICredentialsProvider {

	private static final String ROOT = "/org.hostdeck/hosts"; //$NON-NLS-1$
	private static final String USER = "user"; //$NON-NLS-1$
	private static final String PASSWORD = "password"; //$NON-NLS-1$
	/** The storage file's name in core's state folder, beside the inventory. */
	public static final String FILE_NAME = "secure_storage"; //$NON-NLS-1$
	/** Option marking a storage as HostDeck's: only those get the master password. */
	public static final String HOSTDECK_STORAGE = "org.hostdeck.storage"; //$NON-NLS-1$

	private final ISecurePreferences preferences;
	/** Where an earlier HostDeck kept host credentials, looked in for what is not here. */
	private volatile ISecurePreferences legacy;
	/** Hosts whose credentials could not be moved from {@link #legacy} in this run. */
	private final java.util.Set<String> notMoved = java.util.concurrent.ConcurrentHashMap.newKeySet();
	/** An entry was encrypted or decrypted: the master password is known for this run. */
	private volatile boolean unlocked;

	private final java.util.Map<String, Object> options;

	public CredentialStore(ISecurePreferences preferences) {
		this(preferences, null);
	}

	private CredentialStore(ISecurePreferences preferences, java.util.Map<String, Object> options) {
		this.preferences = preferences;
		this.options = options;
	}

	/** HostDeck's storage of this workspace, which the workbench and the command line share. */
	public static CredentialStore secureStorage() {
		java.nio.file.Path dir = org.eclipse.core.runtime.Platform.getStateLocation(org.osgi.framework.FrameworkUtil.getBundle(CredentialStore.class))
				.toPath();
		try {
			return open(dir.resolve(FILE_NAME));
		} catch (java.io.IOException e) {
			throw new IllegalStateException("Cannot open HostDeck's Secure Storage in " + dir + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/**
	 * Opens (or makes) HostDeck's storage file {@code file}: entries encrypted under the master
	 * password that {@link MasterPassword}'s prompt gives, nothing asked by Equinox itself.
	 */
	public static CredentialStore open(java.nio.file.Path file) throws java.io.IOException {
		java.util.Map<String, Object> options = java.util.Map.of(
				org.eclipse.equinox.security.storage.provider.IProviderHints.REQUIRED_MODULE_ID,
				org.hostdeck.core.internal.MasterPasswordProvider.MODULE_ID,
				org.eclipse.equinox.security.storage.provider.IProviderHints.PROMPT_USER, Boolean.FALSE, HOSTDECK_STORAGE, Boolean.TRUE);
		return new CredentialStore(SecurePreferencesFactory.open(file.toUri().toURL(), options), options);
	}

	private ISecurePreferences node(String uri) {
		return preferences.node(ROOT).node(EncodingUtils.encodeSlashes(uri));
	}

	/** Stores credentials for {@code uri}, password encrypted, and flushes to disk. */
	public void save(String uri, Credentials credentials) throws StorageException {
		ISecurePreferences node = node(uri);
		node.put(USER, credentials.user(), false);
		if (credentials.password() != null) {
			if (hostDecks() && MasterPassword.prompt() == null && !unlocked) {
				node.remove(PASSWORD);
				throw new StorageException(StorageException.NO_PASSWORD,
						"Secure Storage stayed locked (nobody here to give its master password), so the password could not be encrypted and was not kept."); //$NON-NLS-1$
			}
			boolean encrypted;
			String why = null;
			try {
				node.put(PASSWORD, new String(credentials.password()), true);
				encrypted = node.isEncrypted(PASSWORD);
			} catch (StorageException e) {
				encrypted = false;
				why = e.getMessage();
			}
			if (!encrypted) {
				// no master password was given (nobody to ask, declined, or wrong): Equinox would keep
				// the password in clear; it is never written
				node.remove(PASSWORD);
				throw new StorageException(StorageException.NO_PASSWORD, "Secure Storage stayed locked" //$NON-NLS-1$
						+ (hostDecks() && org.hostdeck.core.internal.MasterPasswordProvider.lastWasWrong() ? " (the master password given was wrong)" //$NON-NLS-1$
								: why == null ? " (no master password was given)" : " (" + why + ")") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ", so the password could not be encrypted and was not kept."); //$NON-NLS-1$
			}
			unlocked = true;
		} else {
			node.remove(PASSWORD);
		}
		try {
			preferences.flush();
		} catch (java.io.IOException e) {
			throw new StorageException(StorageException.INTERNAL_ERROR, e);
		}
	}

	/** Whether this is HostDeck's own storage (its master password asked through {@link MasterPassword}). */
	private boolean hostDecks() {
		return options != null && options.containsKey(HOSTDECK_STORAGE);
	}

	public void remove(String uri) {
		if (preferences.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
			node(uri).removeNode();
		}
	}

	@Override
	public Credentials credentialsFor(String uri) {
		if (!preferences.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
			ISecurePreferences old = legacy;
			if (old == null || notMoved.contains(uri) || !old.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
				return null;
			}
			try {
				move(old, EncodingUtils.encodeSlashes(uri));
			} catch (StorageException | IllegalStateException e) {
				notMoved.add(uri); // asked once a run: the user may have declined to unlock the old storage
				org.eclipse.core.runtime.ILog.of(CredentialStore.class).warn("The stored credentials of " + uri //$NON-NLS-1$
						+ " stay in the default Secure Storage, where an earlier HostDeck kept them: " + e.getMessage()); //$NON-NLS-1$
				return null;
			}
			if (!preferences.nodeExists(ROOT + "/" + EncodingUtils.encodeSlashes(uri))) { //$NON-NLS-1$
				return null;
			}
		}
		ISecurePreferences node = node(uri);
		try {
			if (node.keys().length == 0) {
				return null; // removed between the check and the read, and made again empty by it
			}
			String password = node.get(PASSWORD, null);
			unlocked |= password != null;
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

	/**
	 * Moves the host credentials an earlier HostDeck kept in {@code old} (the default Secure
	 * Storage) into this storage. A host's entry leaves {@code old} only once it is kept here; one
	 * this storage has already stays as it is here.
	 *
	 * @return how many hosts' entries moved
	 * @throws StorageException when {@code old} cannot be read (locked) or this one stays locked:
	 *                          what was not moved stays in {@code old}
	 */
	public int adopt(ISecurePreferences old) throws StorageException {
		if (old == null || !old.nodeExists(ROOT)) {
			return 0;
		}
		int moved = 0;
		for (String child : old.node(ROOT).childrenNames()) {
			move(old, child);
			moved++;
		}
		return moved;
	}

	/**
	 * From now on a host's credentials not found here are looked for in {@code old}, where an
	 * earlier HostDeck kept them, and moved here when found (the workbench: the default storage).
	 */
	public void adoptFrom(ISecurePreferences old) {
		legacy = old;
	}

	/** Moves the entry {@code child} (an encoded URI) of {@code old}'s hosts here, unless one is here already; then removes it there. */
	private void move(ISecurePreferences old, String child) throws StorageException {
		ISecurePreferences hosts = old.node(ROOT);
		ISecurePreferences entry = hosts.node(child);
		String user = entry.get(USER, null);
		String password = entry.get(PASSWORD, null);
		if (user == null && password != null) {
			return; // a password without a user: not one HostDeck wrote; left where it is
		}
		if (user != null && !preferences.nodeExists(ROOT + "/" + child)) { //$NON-NLS-1$
			save(EncodingUtils.decodeSlashes(child), new Credentials(user, password == null ? null : password.toCharArray()));
		}
		entry.removeNode();
		if (hosts.childrenNames().length == 0) {
			ISecurePreferences parent = hosts.parent();
			hosts.removeNode();
			if (parent != null && parent.parent() != null && parent.childrenNames().length == 0 && parent.keys().length == 0) {
				parent.removeNode();
			}
		}
		try {
			old.flush();
		} catch (java.io.IOException e) {
			throw new StorageException(StorageException.INTERNAL_ERROR, e);
		}
	}
}
