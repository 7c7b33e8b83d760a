package org.hostdeck.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hostdeck.core.inventory.Pools;
import org.hostdeck.model.Host;
import org.hostdeck.model.Network;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.p2v.Discovery;
import org.hostdeck.p2v.P2vException;
import org.hostdeck.p2v.P2vOperation;
import org.hostdeck.p2v.SourceMachine;
import org.hostdeck.p2v.SshSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck p2v [USER@]SERVER[:PORT] --host H}: converts a running Linux server into a VM
 * over SSH, reading its disks and never writing to it; {@code --to-folder DIR} writes an export
 * to import later instead; {@code --discover} only shows what it found.
 */
@Command(name = "p2v", description = { "Convert a running Linux server into a VM over SSH (its disks are only read).",
		"--to-folder writes it as an export (e.g. on a network share) that `hostdeck import` brings onto any host later.",
		"--discover shows what the server has (CPUs, memory, disks, NICs, load) without converting." })
final class P2vCommand extends CliCommand {

	@Parameters(paramLabel = "[USER@]SERVER[:PORT]", description = "The server to convert (user root by default).")
	String server;

	@Option(names = "--discover", description = "Only show what the server has, then stop.")
	boolean discover;

	@Option(names = "--host", description = "Target host (name or URI).")
	String host;

	@Option(names = "--to-folder", paramLabel = "DIR", description = "Write an export into this new or empty folder instead of converting onto a host.")
	Path folder;

	@Option(names = "--name", description = "The VM's name (default: the server's host name).")
	String name;

	@Option(names = "--description", description = "Free text shown with the VM.")
	String description = ""; //$NON-NLS-1$

	@Option(names = { "-i", "--identity" }, paramLabel = "KEY", description = "Log in with this private key (OpenSSH format).")
	Path identity;

	@Option(names = "--password-stdin", description = "Read the password (or with --identity the key's passphrase) from standard input.")
	boolean passwordStdin;

	@Option(names = "--known-hosts", description = "Known-hosts file the server's key is checked against (default: ~/.ssh/known_hosts).")
	Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	@Option(names = "--accept-new-host-key", description = "Trust (and remember) the server's key when it is not known yet; a changed key is refused always.")
	boolean acceptNewHostKey;

	@Option(names = "--vcpus", description = "Virtual CPUs (default: the server's processors).")
	Integer vcpus;

	@Option(names = "--memory", description = "Memory, e.g. 4G (default: the server's).")
	String memory;

	@Option(names = "--pool", description = "Pool for the disks (default: the host's active pool with the most room).")
	String pool;

	@Option(names = "--disk", paramLabel = "DEVICE", description = "Convert this disk, e.g. /dev/sda (repeat; default: all).")
	List<String> disks = new ArrayList<>();

	@Option(names = "--network", paramLabel = "NIC=NETWORK", description = "Put a server NIC on a host network (repeat; default: every NIC on the host's first network, in an export on 'default', which the import maps).")
	List<String> networks = new ArrayList<>();

	@Option(names = "--no-compress", description = "Do not compress on the wire (fast network, busy server).")
	boolean noCompress;

	@Option(names = "--sample", paramLabel = "SECONDS", defaultValue = "3", description = "How long to sample the server's load (default: ${DEFAULT-VALUE}).")
	int sample;

	/** What {@code --discover --json} prints: the server as found. */
	record Found(String target, SourceMachine machine, double consumedMhz) {
	}

	@Override
	int run() throws CliException {
		if (!discover && (host == null) == (folder == null)) {
			throw CliException.badInput(host == null ? "p2v needs --host (the target) or --to-folder (an export to import later), or --discover to only look at the server." //$NON-NLS-1$
					: "p2v takes --host or --to-folder, not both."); //$NON-NLS-1$
		}
		if (folder != null && pool != null) {
			throw CliException.badInput("--pool is for --host; an export's disks get their pool when it is imported."); //$NON-NLS-1$
		}
		if (sample < 1 || sample > 600) {
			throw CliException.badInput("--sample must be 1 to 600 seconds."); //$NON-NLS-1$
		}
		SshSource.Target target = target();
		String secret = passwordStdin ? session.readLine() : null;
		SshSource.Credentials credentials;
		if (identity != null) {
			credentials = new SshSource.Credentials.Key(identity, secret == null ? "" : secret); //$NON-NLS-1$
		} else if (secret != null) {
			credentials = new SshSource.Credentials.Password(secret);
		} else {
			throw CliException.badInput("How to log in to " + target + "? Give --identity KEY, or pipe the password in with --password-stdin."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Host to = discover || host == null ? null : session.connected(session.host(host));
		try (SshSource source = SshSource.connect(target, credentials, knownHosts, (t, algorithm, fingerprint) -> {
			if (acceptNewHostKey) {
				return true;
			}
			return Boolean.TRUE.equals(session.confirm("The server " + t + " is not known. Its " + algorithm + " key fingerprint is " + fingerprint //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ ". Trust it? [y/N] ")); //$NON-NLS-1$
		})) {
			if (!session.quiet) {
				session.err.println("Looking at " + target + " (sampling its load for " + sample + " s)..."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			SourceMachine machine = Discovery.discover(source, sample);
			if (discover) {
				show(target, machine);
				return ExitCodes.OK;
			}
			P2vOperation op = to == null ? new P2vOperation(source, machine, plan(machine, null), folder.toAbsolutePath())
					: new P2vOperation(session.service(), to, source, machine, plan(machine, to));
			Session.refuseOn(op.label(), op.precheck());
			int code = session.run(op.label(), to == null ? folder.toAbsolutePath().toString() : session.service().query(i -> to.getName()), op::uuid,
					op::execute);
			if (code == ExitCodes.OK && to == null) {
				if (session.json) {
					Output.json(session.out, Map.of("folder", folder.toAbsolutePath().toString(), "source", target.toString())); //$NON-NLS-1$ //$NON-NLS-2$
				} else {
					session.out.println("Converted " + target + " into the export " + folder.toAbsolutePath() + "; bring it onto a host with: hostdeck import " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ folder.toAbsolutePath() + " --host HOST"); //$NON-NLS-1$
				}
			} else if (code == ExitCodes.OK) {
				if (session.json) {
					Output.json(session.out, Map.of("uuid", op.uuid(), "host", host, "source", target.toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				} else {
					session.out.println("Converted " + target + " into VM " + op.uuid() + " on " + host); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			}
			return code;
		} catch (P2vException e) {
			throw new CliException(ExitCodes.FAILED, e.getMessage());
		}
	}

	private SshSource.Target target() throws CliException {
		String user = "root"; //$NON-NLS-1$
		String rest = server;
		int at = rest.lastIndexOf('@');
		if (at >= 0) {
			user = rest.substring(0, at);
			rest = rest.substring(at + 1);
		}
		int port = 22;
		int colon = rest.lastIndexOf(':');
		if (colon >= 0 && rest.indexOf(':') == colon) {
			try {
				port = Integer.parseInt(rest.substring(colon + 1));
			} catch (NumberFormatException e) {
				throw CliException.badInput("'" + rest.substring(colon + 1) + "' in " + server + " is not a port number."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			rest = rest.substring(0, colon);
		}
		if (user.isEmpty() || rest.isEmpty() || port < 1 || port > 65535) {
			throw CliException.badInput("'" + server + "' is not [USER@]SERVER[:PORT], e.g. root@db1.example.com:22."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new SshSource.Target(rest, port, user);
	}

	private P2vOperation.Plan plan(SourceMachine machine, Host to) throws CliException {
		List<String> chosen = disks.isEmpty() ? machine.disks().stream().map(SourceMachine.Disk::path).toList() : disks;
		String chosenPool = to == null ? null : pool != null ? pool : session.service().query(i -> Pools.best(to));
		Map<String, String> map = new LinkedHashMap<>(pairs(networks, "--network")); //$NON-NLS-1$
		if (networks.isEmpty() && to == null) {
			machine.nics().forEach(n -> map.put(n.name(), "default")); // libvirt's usual network; the import maps it //$NON-NLS-1$
		} else if (networks.isEmpty()) {
			String first = session.service().query(i -> to.getNetworks().stream().sorted(Comparator.comparing(n -> !n.isActive()))
					.map(Network::getName).findFirst().orElse(null));
			if (first != null) {
				machine.nics().forEach(n -> map.put(n.name(), first));
			}
		}
		String vmName = name != null ? name.trim() : machine.hostname().replaceAll("[^A-Za-z0-9._+-]", "-"); //$NON-NLS-1$ //$NON-NLS-2$
		return new P2vOperation.Plan(vmName, description, vcpus != null ? vcpus.intValue() : machine.cpus(),
				memory != null ? size(memory, "--memory") : machine.memory(), chosenPool, chosen, map, !noCompress); //$NON-NLS-1$
	}

	private void show(SshSource.Target target, SourceMachine m) {
		if (session.json) {
			Output.json(session.out, new Found(target.toString(), m, m.consumedMhz()));
			return;
		}
		session.out.println(m.hostname() + " (" + m.os() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
		session.out.println("  CPUs:   " + m.cpus() + " x " + m.cpuModel() + " @ " + Math.round(m.mhz()) + " MHz"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		session.out.println("  Memory: " + Sizes.format(m.memory()) + " (" + Sizes.format(m.memoryUsed()) + " used)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (m.utilization() != null) {
			session.out.println(String.format(Locale.ROOT, "  Load:   CPU %.0f %% (%.0f MHz), network %s/s, disks %s/s", //$NON-NLS-1$
					Double.valueOf(m.utilization().cpu() * 100), Double.valueOf(m.consumedMhz()),
					Sizes.format((long) m.utilization().networkBps()), Sizes.format((long) m.utilization().diskBps())));
		}
		List<List<String>> rows = new ArrayList<>();
		for (SourceMachine.Disk d : m.disks()) {
			rows.add(List.of(d.path(), Sizes.format(d.size()), d.root() ? "yes" : "", //$NON-NLS-1$ //$NON-NLS-2$
					String.join(" ", d.partitions().stream().map(p -> p.name() + (p.fsType() == null ? "" : ":" + p.fsType()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ (p.mountPoint() == null ? "" : "@" + p.mountPoint())).toList()))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Output.table(session.out, List.of("DISK", "SIZE", "ROOT", "FILE SYSTEMS"), rows); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		rows = new ArrayList<>();
		for (SourceMachine.Nic n : m.nics()) {
			rows.add(List.of(n.name(), n.mac(), String.join(" ", n.addresses()))); //$NON-NLS-1$
		}
		Output.table(session.out, List.of("NIC", "MAC", "ADDRESSES"), rows); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}
}
