package org.hostdeck.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.hostdeck.core.HostDeck;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * {@code hostdeck}: the command line over the same core operations as the workbench, on the same
 * inventory and Secure Storage.
 */
@Command(name = "hostdeck", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = HostDeckCli.Version.class,
		description = { "Hosts, VMs and disks from the command line: the same operations as the HostDeck workbench, on its inventory.",
				"Without a command, `hostdeck` opens the workbench." },
		subcommands = { HostsCommand.class, VmsCommand.class, PowerCommand.Start.class, PowerCommand.Shutdown.class,
				PowerCommand.Destroy.class, PowerCommand.Reboot.class, PowerCommand.Pause.class, PowerCommand.Resume.class,
				DeleteCommand.class, CloneCommand.class, TemplateCommand.class, SnapshotCommand.class, InstallCommand.class, ExportCommand.class, ImportCommand.class, VerifyCommand.class,
				MigrateCommand.class, P2vCommand.class, PlaceCommand.class, ConsoleCommand.class, MediaCommand.class, ScreenshotCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done", "1:the operation failed (what it had made is removed)", "2:bad arguments or values (nothing done)",
				"3:a host, VM, folder or file named does not exist", "4:refused by the pre-checks (nothing done)",
				"130:cancelled with Ctrl-C (what it had made is removed)" })
public final class HostDeckCli implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/** The product's version. */
	static final class Version implements IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { HostDeck.NAME + " " + HostDeck.version() }; //$NON-NLS-1$
		}
	}

	/**
	 * {@code hostdeck --help} and {@code hostdeck --version} on a plain class path, without the
	 * OSGi framework (the launch script's fast path: they need no inventory, host or bundle).
	 * Anything else is refused with exit code 2: it runs through the framework.
	 */
	public static void main(String[] args) {
		if (args.length != 1 || !java.util.List.of("-h", "--help", "-V", "--version").contains(args[0])) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			System.err.println("hostdeck: only --help and --version run without the framework"); //$NON-NLS-1$
			System.exit(ExitCodes.BAD_INPUT);
		}
		CommandLine line = new CommandLine(new HostDeckCli());
		line.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
		System.exit(line.execute(args));
	}

	/**
	 * Runs the command {@code args} in {@code session}.
	 *
	 * @return the exit code (see {@link ExitCodes})
	 */
	public static int execute(Session session, String... args) {
		CommandLine line = new CommandLine(new HostDeckCli(), new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				K made = CommandLine.defaultFactory().create(type);
				if (made instanceof CliCommand command) {
					command.session(session);
				}
				return made;
			}
		});
		line.setOut(new PrintWriter(new java.io.OutputStreamWriter(session.out, StandardCharsets.UTF_8), true));
		line.setErr(new PrintWriter(new java.io.OutputStreamWriter(session.err, StandardCharsets.UTF_8), true));
		line.setCaseInsensitiveEnumValuesAllowed(true);
		line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
			if (e instanceof CliException c) {
				commandLine.getErr().println("hostdeck: " + c.getMessage()); //$NON-NLS-1$
				return c.exitCode();
			}
			// not a message for the user but a fault in HostDeck: all of it, for the bug report
			commandLine.getErr().println("hostdeck: internal error, please report it with what follows:"); //$NON-NLS-1$
			e.printStackTrace(commandLine.getErr());
			return ExitCodes.FAILED;
		});
		try {
			return line.execute(args);
		} finally {
			session.close();
		}
	}
}
