package org.hostdeck.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hostdeck.core.archive.ImportVmOperation;
import org.hostdeck.core.archive.OvaImportOperation;
import org.hostdeck.core.inventory.Pools;
import org.hostdeck.model.Host;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck import PATH --host H}: an export folder (or an OVA) onto a host; every checksum is
 * checked before anything is made there. An interrupted import resumes when run again.
 */
@Command(name = "import", description = { "Import an export folder (or an .ova) onto a host.",
		"By default the VM keeps its identity (UUID, MACs: moving it); --new-identity makes a copy with a new name, UUID and MACs." })
final class ImportCommand extends CliCommand {

	@Parameters(paramLabel = "PATH", description = "The export folder, or an .ova file.")
	Path path;

	@Option(names = "--host", required = true, description = "Target host (name or URI).")
	String host;

	@Option(names = "--pool", description = "Pool for the disks (default: the host's active pool with the most room).")
	String pool;

	@Option(names = "--name", description = "The VM's name on the host (default: the exported one).")
	String name;

	@Option(names = "--new-identity", description = "New UUID and MACs (a copy, e.g. from a template); needs a name not taken.")
	boolean newIdentity;

	@Option(names = "--network", paramLabel = "FROM=TO", description = "Map an exported network to one of the host's (repeat); unmapped ones keep their name.")
	List<String> networks = new ArrayList<>();

	@Override
	int run() throws CliException {
		Path source = path.toAbsolutePath().normalize();
		if (!Files.exists(source)) {
			throw CliException.notFound("No export at " + source + ": give the export folder (with its manifest) or an .ova file."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Host target = session.connected(session.host(host));
		String chosenPool = pool != null ? pool : session.service().query(i -> Pools.best(target));
		if (chosenPool == null) {
			throw new CliException(ExitCodes.REFUSED, "Host " + host + " has no active storage pool for the disks: start or define one first."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Map<String, String> map = pairs(networks, "--network"); //$NON-NLS-1$
		String label;
		java.util.function.Supplier<String> uuid;
		java.util.function.Function<org.eclipse.core.runtime.IProgressMonitor, org.eclipse.core.runtime.IStatus> work;
		if (Files.isRegularFile(source)) {
			// an OVA always becomes a VM of its own: new UUID and MACs
			OvaImportOperation op = new OvaImportOperation(session.service(), source, target, new OvaImportOperation.Options(chosenPool, name, map));
			Session.refuseOn(op.label(), op.precheck());
			label = op.label();
			uuid = op::uuid;
			work = op::execute;
		} else {
			ImportVmOperation op = new ImportVmOperation(session.service(), source, target,
					new ImportVmOperation.Options(chosenPool, name, !newIdentity, map));
			Session.refuseOn(op.label(), op.precheck());
			label = op.label();
			uuid = op::uuid;
			work = op::execute;
		}
		int code = session.run(label, session.service().query(i -> target.getName()), uuid, work);
		if (code == ExitCodes.OK) {
			if (session.json) {
				Output.json(session.out, Map.of("uuid", uuid.get(), "host", host, "pool", chosenPool)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			} else {
				session.out.println("Imported " + source.getFileName() + " to " + host + " as VM " + uuid.get()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return code;
	}
}
