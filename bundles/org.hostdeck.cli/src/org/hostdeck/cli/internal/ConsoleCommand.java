package org.hostdeck.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck console VM [--force]}: the VM's serial console on this terminal, like
 * {@code virsh console}; Ctrl+] ends it.
 */
@Command(name = "console", description = { "Connect this terminal to a running VM's serial console (its text console), like `virsh console`.",
		"Press Ctrl+] to leave it. The terminal is put into raw mode while connected and restored afterwards.",
		"Another client's session on the console is refused unless --force takes it over." })
final class ConsoleCommand extends CliCommand {

	/** Ctrl+]: leaves the console, as in virsh and telnet. */
	static final int ESCAPE = 0x1d;

	@Parameters(paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--force", description = "Take the console over from another client (virsh console, a workbench) that has it open.")
	boolean force;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		HostSession hostSession = session.service().session(found);
		String uuid = session.service().query(i -> found.getUuid());
		ConsoleStream console;
		try {
			console = hostSession.connection().consoles().openSerial(uuid, force);
		} catch (DriverException e) {
			throw new CliException(e.reason() == DriverException.Reason.INVALID_STATE || e.reason() == DriverException.Reason.NOT_SUPPORTED
					? ExitCodes.REFUSED : ExitCodes.FAILED, e.getMessage());
		}
		session.err.println("Connected to the " + console.description() + ". Press Ctrl+] to leave."); //$NON-NLS-1$ //$NON-NLS-2$
		String saved = Terminal.raw();
		try {
			return pump(console, session.in, session.out);
		} finally {
			console.close();
			Terminal.restore(saved);
			session.err.println();
			session.err.println("Left the console of " + vm + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** How long the console must be quiet after the input ended (a script's, piped in) before the command ends. */
	static final long QUIET_MS = 1000;

	/**
	 * Carries the console's output to {@code out} and {@code in} to the console until Ctrl+] is
	 * typed or the console ends (the VM stopped). When {@code in} ends (input piped in by a
	 * script), the output is still printed until the console has been quiet for a second.
	 */
	static int pump(ConsoleStream console, InputStream in, OutputStream out) {
		CountDownLatch done = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicLong lastOutput = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[4096];
			try {
				for (int n; (n = console.input().read(buffer)) > 0;) {
					out.write(buffer, 0, n);
					out.flush();
					lastOutput.set(System.nanoTime());
				}
			} catch (IOException e) {
				// the console ended
			} finally {
				done.countDown();
			}
		}, "hostdeck console output"); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
		java.util.concurrent.atomic.AtomicBoolean inputEnded = new java.util.concurrent.atomic.AtomicBoolean();
		Thread writer = new Thread(() -> {
			byte[] buffer = new byte[256];
			try {
				for (int n; (n = in.read(buffer)) > 0;) {
					int escape = indexOf(buffer, n, ESCAPE);
					console.output().write(buffer, 0, escape >= 0 ? escape : n);
					console.output().flush();
					if (escape >= 0) {
						done.countDown();
						return;
					}
				}
			} catch (IOException e) {
				// the console ended
			}
			inputEnded.set(true);
		}, "hostdeck console input"); //$NON-NLS-1$
		writer.setDaemon(true); // a terminal's read is never interrupted: the thread goes with the process
		writer.start();
		try {
			while (!done.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
				if (inputEnded.get() && System.nanoTime() - lastOutput.get() > QUIET_MS * 1_000_000L) {
					break; // a script's input ended and the console has said what it had to say
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return ExitCodes.OK;
	}

	private static int indexOf(byte[] buffer, int length, int value) {
		for (int i = 0; i < length; i++) {
			if (buffer[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/** The terminal's mode, through stty on /dev/tty: raw while connected, as it was afterwards. */
	static final class Terminal {

		private Terminal() {
		}

		/** Puts the terminal into raw mode; @return its mode before, or {@code null} when there is no terminal. */
		static String raw() {
			if (System.console() == null) {
				return null;
			}
			String saved = stty("-g"); //$NON-NLS-1$
			if (saved != null) {
				stty("raw", "-echo"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return saved;
		}

		static void restore(String saved) {
			if (saved != null) {
				stty(saved.trim());
			}
		}

		private static String stty(String... args) {
			String[] command = new String[args.length + 1];
			command[0] = "stty"; //$NON-NLS-1$
			System.arraycopy(args, 0, command, 1, args.length);
			try {
				Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty"))) //$NON-NLS-1$
						.redirectError(ProcessBuilder.Redirect.DISCARD).start();
				String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
				return p.waitFor() == 0 ? output : null;
			} catch (IOException e) {
				return null;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}
}
