package org.hostdeck.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck media VM [--insert POOL/ISO | --eject | --add-drive] [--drive TARGET]}: a VM's CD/DVD media. */
@Command(name = "media", description = { "List a VM's CD/DVD drives and the ISO images of its host, insert one into a drive or eject it:",
		"a running VM sees the change at once, and keeps it for its next boot. --upload copies an ISO file of this computer",
		"into the host first (removed again when the copy fails or is cancelled). --add-drive adds an empty drive." })
final class MediaCommand extends CliCommand {

	@Parameters(paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Option(names = "--drive", paramLabel = "TARGET", description = "The drive (e.g. hdc); default: the VM's first CD/DVD drive.")
	String drive;

	@ArgGroup(exclusive = true)
	Change change;

	static final class Change {
		@Option(names = "--insert", paramLabel = "POOL/ISO", description = "Insert this ISO image of the VM's host (`hostdeck media VM` lists them).")
		String insert;

		@Option(names = "--eject", description = "Eject the drive's media.")
		boolean eject;

		@Option(names = "--add-drive", description = "Add an empty CD/DVD drive (at the next boot when the running VM cannot take one).")
		boolean addDrive;

		@Option(names = "--upload", paramLabel = "FILE", description = "Upload this ISO file of this computer into a pool of the VM's host, then insert it.")
		java.nio.file.Path upload;
	}

	@Option(names = "--pool", paramLabel = "POOL", description = "With --upload: the pool it goes into (default: the host's pool holding the most ISO images).")
	String pool;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		List<String[]> drives = session.service().query(i -> found.getDisks().stream().filter(VirtualDisk::isCdrom)
				.map(d -> new String[] { d.getName(), d.getPath() == null ? "" : d.getPath() }).toList()); //$NON-NLS-1$
		if (change == null) {
			return list(found, drives);
		}
		String uuid = session.service().query(i -> found.getUuid());
		VmDeviceOperation op;
		if (change.addDrive) {
			op = VmDeviceOperation.addMediaDrive(session.service(), found);
		} else {
			String target = drive != null ? drive : drives.isEmpty() ? null : drives.get(0)[0];
			if (target == null) {
				throw new CliException(ExitCodes.REFUSED, vm + " has no CD/DVD drive. Add one with `hostdeck media " + vm + " --add-drive`."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (change.upload != null) {
				String into = pool != null ? pool : session.service().query(i -> VmDeviceOperation.isoPool(found));
				if (into == null) {
					throw new CliException(ExitCodes.REFUSED, "The host of " + vm + " has no active storage pool to upload into. Start or add one."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				op = VmDeviceOperation.uploadMedia(session.service(), found, target, change.upload, into);
			} else {
				op = insertOrEject(found, target);
			}
		}
		return session.run(op.label(), session.target(found), () -> uuid, op::execute);
	}

	/** --insert POOL/ISO or --eject. */
	private VmDeviceOperation insertOrEject(VirtualMachine found, String target) throws CliException {
		if (change.insert == null) {
			return VmDeviceOperation.changeMedia(session.service(), found, target, null, null);
		}
		int slash = change.insert.indexOf('/');
		if (slash <= 0 || slash == change.insert.length() - 1) {
			throw CliException.badInput("--insert takes POOL/ISO, e.g. --insert default/debian-12.iso; `hostdeck media " + vm //$NON-NLS-1$
					+ "` lists the host's images."); //$NON-NLS-1$
		}
		return VmDeviceOperation.changeMedia(session.service(), found, target, change.insert.substring(0, slash), change.insert.substring(slash + 1));
	}

	private int list(VirtualMachine found, List<String[]> drives) {
		List<String> isos = session.service().query(i -> VmDeviceOperation.isoImages(found));
		if (session.json) {
			record Drive(String target, String media) {
			}
			record Listing(List<Drive> drives, List<String> images) {
			}
			Output.json(session.out, new Listing(drives.stream().map(d -> new Drive(d[0], d[1].isEmpty() ? null : d[1])).toList(), isos));
			return ExitCodes.OK;
		}
		List<List<String>> rows = new ArrayList<>();
		for (String[] d : drives) {
			rows.add(List.of(d[0], d[1].isEmpty() ? "(empty)" : d[1])); //$NON-NLS-1$
		}
		if (rows.isEmpty()) {
			session.out.println(vm + " has no CD/DVD drive (`hostdeck media " + vm + " --add-drive` adds one)."); //$NON-NLS-1$ //$NON-NLS-2$
		} else {
			Output.table(session.out, List.of("DRIVE", "MEDIA"), rows); //$NON-NLS-1$ //$NON-NLS-2$
		}
		session.out.println();
		session.out.println(isos.isEmpty() ? "The host has no ISO image in its pools." : "ISO images of the host: " + String.join(", ", isos)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return ExitCodes.OK;
	}
}
