package org.hostdeck.core.inventory;

/**
 * The master password of HostDeck's own Secure Storage file, which the workbench and the
 * {@code hostdeck} command line share: host passwords are encrypted under it, so either can read
 * what the other stored. Equinox asks for it (through {@link #ask}) the first time an entry is
 * encrypted or decrypted in a run, checks it against a sample it encrypted when the password was
 * made, and asks again when it is wrong. Who asks is set by the application: the workbench shows a
 * dialog, the command line reads the terminal or a file.
 */
public final class MasterPassword {

	/** Asks the user for the master password. */
	public interface Prompt {

		/**
		 * @param create the storage has none yet: this one becomes it (ask twice)
		 * @param retry  the last one typed was wrong
		 * @return the password, or {@code null} when the user declined or nobody can be asked
		 */
		char[] ask(boolean create, boolean retry);

		/** Whether a wrong password may be asked for again (a person typing, not a file). */
		default boolean interactive() {
			return true;
		}
	}

	private static volatile Prompt prompt;

	private MasterPassword() {
	}

	/** Sets who asks for the master password in this process ({@code null}: nobody, the storage stays locked). */
	public static void use(Prompt value) {
		prompt = value;
	}

	/** @return the prompt in use, or {@code null} */
	public static Prompt prompt() {
		return prompt;
	}
}
