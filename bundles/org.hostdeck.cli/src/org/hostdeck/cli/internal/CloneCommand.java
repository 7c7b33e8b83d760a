package org.hostdeck.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.Pools;
import org.hostdeck.core.operations.CloneVmOperation;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck clone VM NAME}: a full or linked clone of a shut-off VM on its host. */
@Command(name = "clone", description = { "Clone a shut-off VM on its host under a new name, UUID and MACs.",
		"Full (default): each disk copied. --linked: each disk a qcow2 overlay of the original's, which then stays unchanged (not started, disks kept) while clones exist." })
final class CloneCommand extends CliCommand {

	@Parameters(index = "0", paramLabel = "VM", description = "The VM to clone (name or UUID).")
	String vm;

	@Parameters(index = "1", paramLabel = "NAME", description = "The clone's name.")
	String name;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--linked", description = "Overlays of the original's disks instead of copies (fast, small).")
	boolean linked;

	@Option(names = "--pool", description = "Pool for the clone's disks (default: the host's active pool with the most room).")
	String pool;

	@Option(names = "--description", description = "The new VM's description (default: the original's).")
	String description;

	@Option(names = "--vcpus", description = "The clone's virtual CPUs (default: the original's).")
	Integer vcpus;

	@Option(names = "--memory", description = "The clone's memory, e.g. 2G (default: the original's).")
	String memory;

	@Option(names = "--cpu-weight", description = "Share of the host's CPU under contention: ${COMPLETION-CANDIDATES} (default: the original's).")
	CpuWeight cpuWeight;

	@Option(names = "--disk", paramLabel = "SIZE[:POOL[:FORMAT]]", description = "A new empty disk besides the copied ones (repeat for more). FORMAT qcow2 (default) or raw.")
	List<String> disks = new ArrayList<>();

	@Option(names = "--nic", paramLabel = "NETWORK", description = "A NIC on this network (repeat for more); replaces the original's NICs, in order.")
	List<String> nics = new ArrayList<>();

	@Option(names = "--start", description = "Start the new VM once it is made.")
	boolean start;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		String chosenPool = pool != null ? pool : session.service().query(i -> Pools.best(found.getHost()));
		Long bytes = memory == null ? null : Long.valueOf(size(memory, "--memory")); //$NON-NLS-1$
		if (vcpus != null && vcpus.intValue() < 1) {
			throw CliException.badInput("--vcpus must be 1 or more."); //$NON-NLS-1$
		}
		List<NewDisk> newDisks = new ArrayList<>();
		for (String d : disks) {
			newDisks.add(newDisk(d, chosenPool));
		}
		Integer shares = cpuWeight == null ? null
				: Integer.valueOf(Templates.shares(cpuWeight, session.service().query(i -> found.getHost().getHypervisorType())));
		VmConfig config = vcpus == null && bytes == null && shares == null ? null : new VmConfig(vcpus, bytes, shares, null);
		CloneVmOperation.Shape shape = new CloneVmOperation.Shape(description, config, false, newDisks, nics.isEmpty() ? null : nics, start);
		CloneVmOperation op = new CloneVmOperation(session.service(), found, name, chosenPool, linked, shape);
		Session.refuseOn(op.label(), op.precheck());
		int code = session.run(op.label(), session.service().query(i -> name + " @ " + found.getHost().getName()), op::uuid, op::execute); //$NON-NLS-1$
		if (code == ExitCodes.OK) {
			if (session.json) {
				Output.json(session.out, Map.of("uuid", op.uuid(), "name", name, "linked", Boolean.valueOf(linked), "pool", chosenPool)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			} else {
				session.out.println("Cloned " + vm + " as " + name + " (" + op.uuid() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
		}
		return code;
	}
}
