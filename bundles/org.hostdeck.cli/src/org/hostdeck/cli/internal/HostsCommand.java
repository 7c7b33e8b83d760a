package org.hostdeck.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.HostNames;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck hosts [list|add|remove]}: the inventory's hosts. */
@Command(name = "hosts", description = "List the hosts of the inventory (connecting them); add or remove one.", subcommands = {
		HostsCommand.Add.class, HostsCommand.Remove.class })
final class HostsCommand extends CliCommand {

	/** One host as listed. */
	record Row(String name, String uri, String state, String message, int vms) {
	}

	@Option(names = "--offline", description = "Do not connect: list the hosts as the inventory remembers them.")
	boolean offline;

	@Override
	int run() {
		InventoryService service = session.service();
		List<Host> hosts = service.query(i -> List.copyOf(i.getHosts()));
		if (!offline) {
			session.connect(hosts);
		}
		List<Row> rows = service.query(i -> hosts.stream()
				.map(h -> new Row(h.getName(), h.getUri(), state(h.getState()), h.getStateMessage(), h.getVms().size())).toList());
		if (session.json) {
			Output.json(session.out, rows);
		} else {
			List<List<String>> cells = new ArrayList<>();
			rows.forEach(r -> cells.add(List.of(r.name(), r.uri(), r.state(), Integer.toString(r.vms()))));
			Output.table(session.out, List.of("NAME", "URI", "STATE", "VMS"), cells); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return ExitCodes.OK;
	}

	@Command(name = "add", description = { "Add a host by its libvirt URI and connect it (nothing is added when it cannot be reached).",
			"A password, when the host needs one, goes to Eclipse Secure Storage, as in the workbench." })
	static final class Add extends CliCommand {
		@Parameters(paramLabel = "URI", description = "e.g. qemu+ssh://root@hv1/system, qemu:///system, test:///default")
		String uri;

		@Option(names = "--name", description = "Name shown for the host (default: from the URI).")
		String name;

		@Option(names = "--user", description = "User name to log in with (with --password-stdin).")
		String user;

		@Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
		boolean passwordStdin;

		@Option(names = "--no-connect", description = "Add the host without connecting it first.")
		boolean noConnect;

		@Override
		int run() throws CliException {
			try {
				DriverRegistry.fromServices().driverFor(uri);
			} catch (DriverException e) {
				throw CliException.badInput(e.getMessage());
			}
			session.requireInventory("add a host"); //$NON-NLS-1$
			InventoryService service = session.service();
			String shown = name == null || name.isBlank() ? HostNames.fromUri(uri) : name.trim();
			String clash = service.query(i -> i.getHosts().stream()
					.filter(h -> uri.equals(h.getUri()) || shown.equals(h.getName())).map(h -> h.getName() + " (" + h.getUri() + ")") //$NON-NLS-1$ //$NON-NLS-2$
					.findFirst().orElse(null));
			if (clash != null) {
				throw CliException.badInput("The inventory has host " + clash + " already: choose another --name, or remove it first."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (passwordStdin) {
				if (user == null || user.isBlank()) {
					throw CliException.badInput("--password-stdin needs --user: the password is for which user?"); //$NON-NLS-1$
				}
				if (!(session.credentials() instanceof CredentialStore store)) {
					throw new CliException(ExitCodes.FAILED, "No Secure Storage to keep the password in."); //$NON-NLS-1$
				}
				String password = session.readLine();
				try {
					store.save(uri, new Credentials(user, password.toCharArray()));
				} catch (StorageException e) {
					throw new CliException(ExitCodes.FAILED, e.getMessage() + " The host was not added. Run hostdeck on a terminal to type the master " //$NON-NLS-1$
							+ "password (the one the workbench asks for), or set " + TerminalMasterPassword.FILE_VARIABLE + " to a file holding it."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			Host host = service.addHost(shown, uri);
			if (!noConnect) {
				IStatus status = service.connect(host, new NullProgressMonitor());
				if (!status.isOK()) {
					service.removeHost(host);
					if (passwordStdin && session.credentials() instanceof CredentialStore store) {
						store.remove(uri);
					}
					throw new CliException(ExitCodes.FAILED, status.getMessage() + " The host was not added (--no-connect adds it anyway)."); //$NON-NLS-1$
				}
			}
			session.changed();
			session.out.println("Added host " + shown + " (" + uri + ")" + (noConnect ? "" : ": connected, " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					+ service.query(i -> host.getVms().size()) + " VMs")); //$NON-NLS-1$
			return ExitCodes.OK;
		}
	}

	@Command(name = "remove", description = "Remove a host from the inventory (nothing changes on the host itself).")
	static final class Remove extends CliCommand {
		@Parameters(paramLabel = "HOST", description = "The host's name or URI.")
		String host;

		@Override
		int run() throws CliException {
			session.requireInventory("remove a host"); //$NON-NLS-1$
			Host found = session.host(host);
			String uri = session.service().query(i -> found.getUri());
			session.service().removeHost(found);
			if (session.credentials() instanceof CredentialStore store) {
				store.remove(uri);
			}
			session.changed();
			session.out.println("Removed host " + host + " from the inventory."); //$NON-NLS-1$ //$NON-NLS-2$
			return ExitCodes.OK;
		}
	}
}
