package org.hostdeck.core.internal;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.MasterPassword;

/**
 * Equinox password provider for HostDeck's own Secure Storage file ({@link CredentialStore#open}
 * requires this module): asks {@link MasterPassword}'s prompt. It has the lowest priority and
 * answers no other storage, so an Eclipse IDE's default storage keeps its own provider.
 */
public final class MasterPasswordProvider extends PasswordProvider {

	/** The module's ID: this bundle's name and the extension's id. */
	public static final String MODULE_ID = "org.hostdeck.core.masterPassword"; //$NON-NLS-1$

	/** Set by a wrong password until the next question. */
	private static volatile boolean wrong;

	/** @return whether the last master password given was wrong (and not asked again) */
	public static boolean lastWasWrong() {
		return wrong;
	}

	@Override
	public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
		MasterPassword.Prompt prompt = MasterPassword.prompt();
		if (!container.hasOption(CredentialStore.HOSTDECK_STORAGE) || prompt == null) {
			return null;
		}
		boolean retry = wrong;
		wrong = false;
		char[] password = prompt.ask((passwordType & CREATE_NEW_PASSWORD) != 0, retry);
		if (password == null) {
			return null;
		}
		PBEKeySpec key = new PBEKeySpec(password);
		java.util.Arrays.fill(password, '\0');
		return key;
	}

	@Override
	public boolean retryOnError(Exception e, IPreferencesContainer container) {
		MasterPassword.Prompt prompt = MasterPassword.prompt();
		wrong = true;
		return prompt != null && prompt.interactive();
	}
}
