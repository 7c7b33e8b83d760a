package org.hostdeck.cli.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.SnapshotInfo;
import org.hostdeck.core.operations.SnapshotOperation;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck snapshot [list|create|revert|delete] VM ...}: a VM's snapshots. */
@Command(name = "snapshot", description = "List a VM's snapshots (a tree: each names its parent); take, revert to or delete one.", subcommands = {
		SnapshotCommand.Create.class, SnapshotCommand.Revert.class, SnapshotCommand.Delete.class })
final class SnapshotCommand extends CliCommand {

	@Parameters(arity = "0..1", paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Override
	int run() throws CliException {
		if (vm == null) {
			throw CliException.badInput("Which VM? `hostdeck snapshot VM` lists its snapshots; `hostdeck snapshot create VM NAME` takes one."); //$NON-NLS-1$
		}
		VirtualMachine found = session.vm(vm, host);
		List<SnapshotInfo> snapshots;
		try {
			snapshots = SnapshotOperation.list(session.service(), found);
		} catch (DriverException e) {
			throw new CliException(ExitCodes.FAILED, e.getMessage());
		}
		if (session.json) {
			Output.json(session.out, snapshots);
		} else {
			List<List<String>> rows = new ArrayList<>();
			for (SnapshotInfo s : snapshots) {
				rows.add(List.of(indent(s, snapshots) + s.name() + (s.current() ? " *" : ""), Instant.ofEpochSecond(s.created()).toString(), //$NON-NLS-1$ //$NON-NLS-2$
						s.external() ? "disk-only" : s.memory() ? "disks+memory" : "disks", s.description())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			Output.table(session.out, List.of("SNAPSHOT", "TAKEN", "HOLDS", "DESCRIPTION"), rows); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return ExitCodes.OK;
	}

	/** Two spaces per ancestor: the tree as an outline. */
	private static String indent(SnapshotInfo s, List<SnapshotInfo> all) {
		return "  ".repeat(s.depth(all)); //$NON-NLS-1$
	}

	/** The parts of every snapshot command: the VM, its host, the snapshot's name. */
	abstract static class OnSnapshot extends CliCommand {
		@Parameters(index = "0", paramLabel = "VM", description = "VM name or UUID.")
		String vm;

		@Parameters(index = "1", paramLabel = "SNAPSHOT", description = "The snapshot's name.")
		String name;

		@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
		String host;

		abstract SnapshotOperation operation(VirtualMachine found);

		@Override
		int run() throws CliException {
			VirtualMachine found = session.vm(vm, host);
			SnapshotOperation op = operation(found);
			String uuid = session.service().query(i -> found.getUuid());
			int code = session.run(op.label(), session.target(found), () -> uuid, op::execute);
			if (code == ExitCodes.OK) {
				session.out.println(op.label() + ": done"); //$NON-NLS-1$
			}
			return code;
		}
	}

	@Command(name = "create", description = { "Take a snapshot: of a shut-off VM its disks, of a running one its disks and memory.",
			"Needs qcow2 disks; --disk-only takes overlay files instead (libvirt before 9.9 cannot revert to those)." })
	static final class Create extends OnSnapshot {
		@Option(names = "--description", description = "What the snapshot is for.")
		String description = ""; //$NON-NLS-1$

		@Option(names = "--disk-only", description = "Only the disks, as overlay files (no memory).")
		boolean diskOnly;

		@Override
		SnapshotOperation operation(VirtualMachine found) {
			return SnapshotOperation.create(session.service(), found, name, description, diskOnly);
		}
	}

	@Command(name = "revert", description = "Put the VM back to a snapshot: what was written since is gone; a snapshot with memory resumes the VM.")
	static final class Revert extends OnSnapshot {
		@Override
		SnapshotOperation operation(VirtualMachine found) {
			return SnapshotOperation.revert(session.service(), found, name);
		}
	}

	@Command(name = "delete", description = "Delete a snapshot (the VM stays as it is; its children hang off its parent).")
	static final class Delete extends OnSnapshot {
		@Override
		SnapshotOperation operation(VirtualMachine found) {
			return SnapshotOperation.delete(session.service(), found, name);
		}
	}
}
