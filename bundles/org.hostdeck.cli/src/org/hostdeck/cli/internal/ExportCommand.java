package org.hostdeck.cli.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.IStatus;
import org.hostdeck.core.archive.ExportVmOperation;
import org.hostdeck.core.archive.OvaExportOperation;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck export VM PATH}: a shut-off VM into an export folder (or an OVA). Run again on the
 * same folder after an interruption, it resumes from the last verified chunk.
 */
@Command(name = "export", description = { "Export a shut-off VM into a folder in HostDeck's export format (or an .ova with --ova).",
		"An interrupted export resumes when run again with the same folder." })
final class ExportCommand extends CliCommand {

	@Parameters(index = "0", paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Parameters(index = "1", paramLabel = "PATH", description = "The export folder to write (or, with --ova, the .ova file).")
	Path path;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--ova", description = "Write an OVA (OVF 1.0 with stream-optimized VMDK disks) for other tools.")
	boolean ova;

	@Option(names = "--verify", description = "Read the export back afterwards and check every checksum.")
	boolean verify;

	@Option(names = "--shutdown", description = "Shut a running VM down first (else a running VM is refused).")
	boolean shutdown;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		Path target = path.toAbsolutePath().normalize();
		if (ova && !target.getFileName().toString().endsWith(".ova")) { //$NON-NLS-1$
			target = target.resolveSibling(target.getFileName() + ".ova"); //$NON-NLS-1$
		}
		Path file = target;
		boolean running = session.service().query(i -> found.getPowerState()) != PowerState.SHUT_OFF;
		if (running && !shutdown) {
			String name = session.service().query(i -> found.getName());
			throw new CliException(ExitCodes.REFUSED, name + " is not shut off: an export copies the disks of a VM that does not write to them." //$NON-NLS-1$
					+ " Shut it down (`hostdeck shutdown " + name + "`) or add --shutdown."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String label;
		java.util.function.Function<org.eclipse.core.runtime.IProgressMonitor, IStatus> export;
		if (ova) {
			OvaExportOperation op = new OvaExportOperation(session.service(), found, file);
			if (!running) {
				Session.refuseOn(op.label(), op.precheck());
			}
			label = op.label();
			export = op::executeMakingFolder;
		} else {
			ExportVmOperation op = new ExportVmOperation(session.service(), found, file, verify);
			if (!running) {
				Session.refuseOn(op.label(), op.precheck());
			}
			label = op.label();
			export = op::execute;
		}
		String uuid = session.service().query(i -> found.getUuid());
		int code = session.run(label, session.target(found), () -> uuid,
				monitor -> ExportVmOperation.shutDownFirst(session.service(), found, label, monitor, export));
		if (code == ExitCodes.OK) {
			if (session.json) {
				Output.json(session.out, java.util.Map.of("vm", uuid, "path", file.toString(), "format", ova ? "ova" : "hostdeck")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			} else {
				session.out.println("Exported to " + file); //$NON-NLS-1$
			}
		}
		return code;
	}
}
