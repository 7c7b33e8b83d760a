package org.hostdeck.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hostdeck.core.inventory.MasterPassword;

/**
 * The command line's master password for HostDeck's Secure Storage: read from the file that
 * {@code HOSTDECK_MASTER_PASSWORD_FILE} names (for scripts; its first line), else typed on the
 * terminal without echo (twice when it is made), else nobody is asked and the storage stays
 * locked.
 */
final class TerminalMasterPassword implements MasterPassword.Prompt {

	/** The environment variable naming a file that holds the master password. */
	static final String FILE_VARIABLE = "HOSTDECK_MASTER_PASSWORD_FILE"; //$NON-NLS-1$

	private final java.io.Console terminal;
	private final String file;
	private final PrintStream err;

	TerminalMasterPassword(java.io.Console terminal, String file, PrintStream err) {
		this.terminal = terminal;
		this.file = file == null || file.isBlank() ? null : file;
		this.err = err;
	}

	@Override
	public boolean interactive() {
		return file == null && terminal != null;
	}

	@Override
	public char[] ask(boolean create, boolean retry) {
		if (file != null) {
			try {
				String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
				int end = text.indexOf('\n');
				String line = (end < 0 ? text : text.substring(0, end)).replace("\r", ""); //$NON-NLS-1$ //$NON-NLS-2$
				if (line.isEmpty()) {
					err.println("hostdeck: " + FILE_VARIABLE + " names " + file + ", whose first line is empty: put the master password there."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					return null;
				}
				return line.toCharArray();
			} catch (IOException e) {
				err.println("hostdeck: cannot read " + FILE_VARIABLE + " (" + file + "): " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				return null;
			}
		}
		if (terminal == null) {
			return null;
		}
		if (retry) {
			terminal.printf("That master password is wrong.%n"); //$NON-NLS-1$
		}
		if (!create) {
			return terminal.readPassword("Master password of HostDeck's Secure Storage: "); //$NON-NLS-1$
		}
		terminal.printf("HostDeck keeps host passwords encrypted under a master password; the workbench asks for the same one.%n"); //$NON-NLS-1$
		for (int attempt = 0; attempt < 3; attempt++) {
			char[] first = terminal.readPassword("Choose a master password: "); //$NON-NLS-1$
			if (first == null || first.length == 0) {
				return null;
			}
			char[] again = terminal.readPassword("Type it again: "); //$NON-NLS-1$
			if (Arrays.equals(first, again)) {
				Arrays.fill(again, '\0');
				return first;
			}
			terminal.printf("The two differ.%n"); //$NON-NLS-1$
		}
		return null;
	}
}
