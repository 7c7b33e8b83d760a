package org.hostdeck.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.MigrationOptions.Mode;
import org.hostdeck.core.driver.MigrationResult;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck migrate VM HOST}: moves a VM, live when it runs. Without flags it picks what the
 * workbench would: memory only when the target sees the disks, else the disks copied along.
 */
@Command(name = "migrate", description = { "Move a VM to another host: live when it runs (shared storage, or --copy-storage), offline when it is off.",
		"Without --live/--copy-storage/--offline the mode is chosen as in the workbench." })
final class MigrateCommand extends CliCommand {

	@Parameters(index = "0", paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Parameters(index = "1", paramLabel = "HOST", description = "Target host (name or URI).")
	String target;

	@Option(names = "--from", description = "The host the VM is on (when its name is not unique).")
	String from;

	@Option(names = "--live", description = "Live, memory only: both hosts see the disks (shared storage).")
	boolean live;

	@Option(names = "--copy-storage", description = "Live, with the disks copied to the target while the VM runs.")
	boolean copyStorage;

	@Option(names = "--offline", description = "A shut-off VM: its definition and disks are streamed to the target.")
	boolean offline;

	@Option(names = "--pool", description = "Target pool for copied disks (default: the target's active pool with the most room).")
	String pool;

	@Option(names = "--bandwidth", paramLabel = "MiB/s", description = "Cap the migration stream (0: no cap).")
	long bandwidth;

	@Option(names = "--max-downtime", paramLabel = "ms", description = "Longest pause the guest may see at the switch-over.")
	long maxDowntime;

	@Option(names = "--auto-converge", description = "Slow the guest's vCPUs when it dirties memory faster than it is copied.")
	boolean autoConverge;

	@Option(names = "--keep-source", description = "Keep the VM's definition (and for an offline move its disks) on the source.")
	boolean keepSource;

	@Option(names = "--network", paramLabel = "FROM=TO", description = "Map a source network to the target's (repeat).")
	List<String> networks = new ArrayList<>();

	/** What a finished move prints with {@code --json}. */
	record Result(String vm, String from, String to, String mode, long durationMs, long downtimeMs, long bytes) {
	}

	@Override
	int run() throws CliException {
		if ((live ? 1 : 0) + (copyStorage ? 1 : 0) + (offline ? 1 : 0) > 1) {
			throw CliException.badInput("Choose one of --live, --copy-storage and --offline."); //$NON-NLS-1$
		}
		if (bandwidth < 0 || maxDowntime < 0) {
			throw CliException.badInput("--bandwidth and --max-downtime cannot be negative."); //$NON-NLS-1$
		}
		VirtualMachine found = session.vm(vm, from);
		Host to = session.connected(session.host(target));
		MigrationOptions options;
		try {
			options = MigrateVmOperation.suggest(session.service(), found, to);
		} catch (DriverException e) {
			throw new CliException(ExitCodes.FAILED, e.getMessage());
		}
		if (live || copyStorage || offline) {
			Mode mode = live ? Mode.LIVE_SHARED_STORAGE : copyStorage ? Mode.LIVE_COPY_STORAGE : Mode.OFFLINE;
			PowerState state = session.service().query(i -> found.getPowerState());
			if (mode == Mode.OFFLINE && state != PowerState.SHUT_OFF || mode != Mode.OFFLINE && state == PowerState.SHUT_OFF) {
				throw new CliException(ExitCodes.REFUSED, vm + " is " + state(state) + ": " //$NON-NLS-1$ //$NON-NLS-2$
						+ (mode == Mode.OFFLINE ? "an offline move needs it shut off (or leave out --offline to move it live)." //$NON-NLS-1$
								: "a live migration needs it running (or use --offline).")); //$NON-NLS-1$
			}
			options = options.withMode(mode);
			if (mode != Mode.LIVE_SHARED_STORAGE && options.targetPool() == null) {
				options = options.withTargetPool(session.service().query(i -> org.hostdeck.core.inventory.Pools.best(to)));
			}
		}
		if (pool != null) {
			options = options.withTargetPool(pool);
		}
		Map<String, String> map = new LinkedHashMap<>(pairs(networks, "--network")); //$NON-NLS-1$
		options = options.withBandwidth(bandwidth).withMaxDowntime(maxDowntime).withAutoConverge(autoConverge).withKeepSource(keepSource)
				.withNetworkMap(map);
		MigrateVmOperation op = new MigrateVmOperation(session.service(), found, to, options);
		Session.refuseOn(op.label(), op.precheck());
		String uuid = session.service().query(i -> found.getUuid());
		String sourceName = session.service().query(i -> found.getHost().getName());
		int code = session.run(op.label(), session.target(found), () -> uuid, op::execute);
		if (code == ExitCodes.OK) {
			MigrationResult r = op.result();
			Result result = new Result(uuid, sourceName, session.service().query(i -> to.getName()), state(options.mode()),
					r == null ? 0 : r.durationMs(), r == null ? 0 : r.downtimeMs(), r == null ? 0 : r.bytes());
			if (session.json) {
				Output.json(session.out, result);
			} else {
				session.out.println(op.label() + ": done in " + result.durationMs() + " ms, downtime " + result.downtimeMs() + " ms"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return code;
	}
}
