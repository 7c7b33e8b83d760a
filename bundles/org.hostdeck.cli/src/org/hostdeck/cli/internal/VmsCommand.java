package org.hostdeck.cli.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck vms}: the VMs of every connected host, with their state and size. */
@Command(name = "vms", description = "List VMs with state, host, vCPUs and memory (connecting the hosts first).")
final class VmsCommand extends CliCommand {

	/** One VM as listed ({@code memory} in bytes). */
	record Row(String name, String uuid, String host, String state, int vcpus, long memory, String description, boolean template) {
	}

	@Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Only VMs whose name matches, e.g. 'web-*'.")
	String pattern;

	@Option(names = "--host", description = "Only the VMs of this host (name or URI).")
	String host;

	@Option(names = "--state", description = "Only VMs in this state: running, shut-off, paused, crashed, ...")
	String state;

	@Override
	int run() throws CliException {
		List<Host> hosts = host == null ? session.service().query(i -> List.copyOf(i.getHosts())) : List.of(session.host(host));
		List<Host> reachable = session.connect(hosts);
		PathMatcher glob = pattern == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + pattern); //$NON-NLS-1$
		List<Row> rows = new ArrayList<>(session.service().query(i -> reachable.stream().flatMap(h -> h.getVms().stream())
				.map(VmsCommand::row).toList()));
		rows.removeIf(r -> glob != null && !glob.matches(Path.of(r.name())) || state != null && !state.equalsIgnoreCase(r.state()));
		rows.sort(Comparator.comparing(Row::host).thenComparing(Row::name));
		if (session.json) {
			Output.json(session.out, rows);
		} else {
			List<List<String>> cells = new ArrayList<>();
			rows.forEach(r -> cells.add(List.of(r.name() + (r.template() ? " (template)" : ""), r.host(), r.state(), Integer.toString(r.vcpus()), Sizes.format(r.memory()), r.uuid())));
			Output.table(session.out, List.of("NAME", "HOST", "STATE", "VCPUS", "MEMORY", "UUID"), cells); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
		}
		return reachable.size() < hosts.size() && rows.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
	}

	private static Row row(VirtualMachine vm) {
		return new Row(vm.getName(), vm.getUuid(), vm.getHost().getName(), state(vm.getPowerState()), vm.getVcpus(), vm.getMemory(),
				vm.getDescription(), org.hostdeck.core.operations.VmTemplates.isTemplate(vm));
	}
}
