package org.hostdeck.cli.internal;

import java.io.IOException;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.core.inventory.MasterPassword;

/**
 * {@code -application org.hostdeck.cli.application}: runs one {@code hostdeck} command on the
 * workspace's inventory and Secure Storage, and exits with its code. Ctrl-C cancels the running
 * operation, waits for it to remove what it had made, then exits with 130.
 */
public class HostDeckCommandLine implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		context.applicationRunning();
		InventoryStore store;
		try {
			store = InventoryStore.ofWorkspace();
		} catch (IOException e) {
			System.err.println("hostdeck: cannot open the inventory: " + e.getMessage()); //$NON-NLS-1$
			return Integer.valueOf(ExitCodes.FAILED);
		}
		java.io.Console terminal = System.console();
		Session.Console console = terminal == null ? Session.Console.NONE : prompt -> terminal.readLine("%s", prompt); //$NON-NLS-1$
		String masterFile = System.getenv(TerminalMasterPassword.FILE_VARIABLE);
		// nobody to ask (no terminal, no file): the storage stays locked and says so
		MasterPassword.use(terminal == null && (masterFile == null || masterFile.isBlank()) ? null
				: new TerminalMasterPassword(terminal, masterFile, System.err));
		Session session = new Session(store, CredentialStore.secureStorage(), System.out, System.err, System.in, console, terminal != null);
		Thread main = Thread.currentThread();
		Thread onInterrupt = new Thread(() -> {
			if (!session.isCancelled() && main.isAlive()) {
				System.err.println(System.lineSeparator() + "hostdeck: cancelling (Ctrl-C)..."); //$NON-NLS-1$
				if (session.cancel(120)) {
					Runtime.getRuntime().halt(ExitCodes.CANCELLED);
				}
			}
		}, "hostdeck Ctrl-C"); //$NON-NLS-1$
		Runtime.getRuntime().addShutdownHook(onInterrupt);
		int code = HostDeckCli.execute(session, args == null ? new String[0] : args);
		try {
			Runtime.getRuntime().removeShutdownHook(onInterrupt);
		} catch (IllegalStateException e) {
			// shutting down already (Ctrl-C): the hook ends the process
		}
		return Integer.valueOf(code);
	}

	@Override
	public void stop() {
		// one command runs to its end (or its cancel)
	}
}
