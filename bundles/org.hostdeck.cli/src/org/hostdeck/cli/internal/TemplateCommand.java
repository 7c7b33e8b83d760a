package org.hostdeck.cli.internal;

import org.hostdeck.core.operations.VmTemplates;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck template VM [--undo]}: makes a shut-off VM a template (not started; VMs come from it as clones), or a VM again. */
@Command(name = "template", description = { "Make a shut-off VM a template: it is not started, its disks stay as they are;",
		"new VMs come from it with `hostdeck clone TEMPLATE NAME [--linked] [--vcpus N] [--memory SIZE]`. --undo makes it a VM again." })
final class TemplateCommand extends CliCommand {

	@Parameters(paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--undo", description = "Make the template a VM again.")
	boolean undo;

	@Override
	int run() throws CliException {
		session.requireInventory(undo ? "turn a template back into a VM" : "make a template"); //$NON-NLS-1$ //$NON-NLS-2$
		VirtualMachine found = session.vm(vm, host);
		String refusal = VmTemplates.mark(session.service(), found, !undo);
		if (refusal != null) {
			throw new CliException(ExitCodes.REFUSED, refusal);
		}
		session.changed();
		session.out.println(vm + (undo ? " is a VM again." : " is a template now.")); //$NON-NLS-1$ //$NON-NLS-2$
		return ExitCodes.OK;
	}
}
