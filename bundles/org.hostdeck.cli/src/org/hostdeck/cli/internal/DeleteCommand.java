package org.hostdeck.cli.internal;

import java.util.List;

import org.hostdeck.core.operations.DeleteVmOperation;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck delete VM}: removes a VM's definition and, unless kept, its disks. */
@Command(name = "delete", description = { "Delete a shut-off VM and its disks (--keep-disks keeps them).",
		"Asks first on a terminal; scripts confirm with --yes." })
final class DeleteCommand extends CliCommand {

	@Parameters(paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--keep-disks", description = "Keep the VM's disk volumes.")
	boolean keepDisks;

	@Option(names = { "-y", "--yes" }, description = "Do not ask.")
	boolean yes;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		String target = session.target(found);
		List<String> disks = session.service().query(i -> found.getDisks().stream().map(d -> d.getName()).toList());
		if (!yes) {
			Boolean answer = session.confirm("Delete VM " + target + (keepDisks || disks.isEmpty() ? "" //$NON-NLS-1$ //$NON-NLS-2$
					: " and its disks " + String.join(", ", disks)) + "? This cannot be undone. [y/N] "); //$NON-NLS-1$ //$NON-NLS-2$
			if (answer == null) {
				throw CliException.badInput("Deleting needs a confirmation: add --yes (no terminal to ask on)."); //$NON-NLS-1$
			}
			if (!answer.booleanValue()) {
				session.err.println("Nothing deleted."); //$NON-NLS-1$
				return ExitCodes.CANCELLED;
			}
		}
		DeleteVmOperation op = new DeleteVmOperation(session.service(), found, !keepDisks);
		String uuid = session.service().query(i -> found.getUuid());
		String label = session.service().query(i -> op.label());
		int code = session.run(label, target, () -> uuid, op::execute);
		if (code == ExitCodes.OK) {
			session.out.println(label + ": done"); //$NON-NLS-1$
		}
		return code;
	}
}
