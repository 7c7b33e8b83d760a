package org.hostdeck.cli.internal;

import java.time.Duration;
import java.util.List;

import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostdeck start|shutdown|destroy|reboot|pause|resume VM...}: each VM in turn, waiting until
 * the hypervisor reports the new state. The exit code is the worst of them.
 */
abstract class PowerCommand extends CliCommand {

	@Parameters(arity = "1..*", paramLabel = "VM", description = "VM names or UUIDs.")
	List<String> vms;

	@Option(names = "--host", description = "The host the VMs are on (when names are not unique).")
	String host;

	@Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for the new state (default: ${DEFAULT-VALUE}).")
	long timeout;

	abstract PowerAction action();

	VmPowerOperation configure(VmPowerOperation operation) {
		return operation;
	}

	@Override
	int run() throws CliException {
		if (timeout <= 0) {
			throw CliException.badInput("--timeout must be more than 0 seconds."); //$NON-NLS-1$
		}
		int worst = ExitCodes.OK;
		for (String name : vms) {
			VirtualMachine vm = session.vm(name, host);
			VmPowerOperation op = configure(new VmPowerOperation(session.service(), vm, action()).timeout(Duration.ofSeconds(timeout)));
			String label = session.service().query(i -> op.label());
			String uuid = session.service().query(i -> vm.getUuid());
			int code = session.run(label, session.target(vm), () -> uuid, op::execute);
			if (code == ExitCodes.OK && !session.json) {
				session.out.println(label + ": done"); //$NON-NLS-1$
			}
			worst = Math.max(worst, code);
			if (code == ExitCodes.CANCELLED) {
				break;
			}
		}
		return worst;
	}

	@Command(name = "start", description = "Power VMs on.")
	static final class Start extends PowerCommand {
		@Override
		PowerAction action() {
			return PowerAction.START;
		}
	}

	@Command(name = "shutdown", description = "Ask VMs' guests to shut down (ACPI) and wait until they are off.")
	static final class Shutdown extends PowerCommand {
		@Option(names = "--force", description = "Force a VM off when its guest has not shut down within --timeout.")
		boolean force;

		@Override
		PowerAction action() {
			return PowerAction.SHUTDOWN;
		}

		@Override
		VmPowerOperation configure(VmPowerOperation operation) {
			return operation.forceAfterTimeout(force);
		}
	}

	@Command(name = "destroy", description = "Force VMs off at once (pull the plug); nothing is deleted.")
	static final class Destroy extends PowerCommand {
		@Override
		PowerAction action() {
			return PowerAction.FORCE_OFF;
		}
	}

	@Command(name = "reboot", description = "Ask VMs' guests to reboot.")
	static final class Reboot extends PowerCommand {
		@Override
		PowerAction action() {
			return PowerAction.REBOOT;
		}
	}

	@Command(name = "pause", description = "Freeze running VMs in memory.")
	static final class Pause extends PowerCommand {
		@Override
		PowerAction action() {
			return PowerAction.PAUSE;
		}
	}

	@Command(name = "resume", description = "Let paused VMs run on.")
	static final class Resume extends PowerCommand {
		@Override
		PowerAction action() {
			return PowerAction.RESUME;
		}
	}
}
