package org.hostdeck.cli.internal;

import java.util.Map;

import org.hostdeck.core.inventory.Pools;
import org.hostdeck.core.operations.CloneVmOperation;
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

	@Option(names = "--vcpus", description = "The clone's virtual CPUs (default: the original's).")
	Integer vcpus;

	@Option(names = "--memory", description = "The clone's memory, e.g. 2G (default: the original's).")
	String memory;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		String chosenPool = pool != null ? pool : session.service().query(i -> Pools.best(found.getHost()));
		CloneVmOperation op = new CloneVmOperation(session.service(), found, name, chosenPool, linked);
		Session.refuseOn(op.label(), op.precheck());
		Long bytes = memory == null ? null : Long.valueOf(size(memory, "--memory")); //$NON-NLS-1$
		if (vcpus != null && vcpus.intValue() < 1) {
			throw CliException.badInput("--vcpus must be 1 or more."); //$NON-NLS-1$
		}
		int code = session.run(op.label(), session.service().query(i -> name + " @ " + found.getHost().getName()), op::uuid, op::execute); //$NON-NLS-1$
		if (code == ExitCodes.OK && (vcpus != null || bytes != null)) {
			// its own shape (a VM from a template): the clone's definition changed before it first starts
			org.hostdeck.model.VirtualMachine clone = session.service().query(i -> found.getHost().getVms().stream()
					.filter(v -> v.getUuid().equals(op.uuid())).findFirst().orElse(null));
			if (clone == null) {
				throw new CliException(ExitCodes.FAILED, "The clone " + name + " was made, but is not in the inventory yet to change its shape: use the workbench."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			org.hostdeck.core.operations.VmConfigOperation config = new org.hostdeck.core.operations.VmConfigOperation(session.service(), clone,
					new org.hostdeck.core.driver.VmConfig(vcpus, bytes, null, null));
			code = session.run(config.label(), session.target(clone), op::uuid, config::execute);
		}
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
