package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.expressions.PropertyTester;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;

/**
 * {@code org.hostdeck.ui.vm.canPower} with a {@link PowerAction} name as value, and
 * {@code org.hostdeck.ui.vm.canDelete} (also what Rename needs: shut off): what a VM's state
 * allows, for command enablement.
 */
public class VmPropertyTester extends PropertyTester {

	public static final String NAMESPACE = "org.hostdeck.ui.vm"; //$NON-NLS-1$
	public static final String CAN_POWER = "canPower"; //$NON-NLS-1$
	public static final String CAN_DELETE = "canDelete"; //$NON-NLS-1$
	public static final String CAN_MIGRATE = "canMigrate"; //$NON-NLS-1$
	public static final String IS_TEMPLATE = "isTemplate"; //$NON-NLS-1$

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (!(receiver instanceof VirtualMachine vm) || vm.getHost() == null
				|| vm.getHost().getState() != HostState.CONNECTED) {
			return false;
		}
		if (IS_TEMPLATE.equals(property)) {
			return org.hostdeck.core.operations.VmTemplates.isTemplate(vm);
		}
		if (CAN_MIGRATE.equals(property)) {
			return canMigrate(vm.getPowerState());
		}
		if (CAN_DELETE.equals(property)) {
			return vm.getPowerState() == PowerState.SHUT_OFF;
		}
		if (CAN_POWER.equals(property) && expectedValue != null) {
			PowerAction action = PowerAction.valueOf(expectedValue.toString());
			return allows(vm.getPowerState(), action) && !(action == PowerAction.START && org.hostdeck.core.operations.VmTemplates.isTemplate(vm));
		}
		return false;
	}

	/** Running and paused VMs move live, shut-off ones offline; a VM in transition waits. */
	public static boolean canMigrate(PowerState state) {
		return state == PowerState.RUNNING || state == PowerState.PAUSED || state == PowerState.SHUT_OFF;
	}

	/** Which actions make sense in which state: a running VM cannot be started, and so on. */
	public static boolean allows(PowerState state, PowerAction action) {
		return switch (action) {
		case START -> state == PowerState.SHUT_OFF || state == PowerState.CRASHED;
		case SHUTDOWN, REBOOT -> state == PowerState.RUNNING;
		case FORCE_OFF -> state == PowerState.RUNNING || state == PowerState.PAUSED || state == PowerState.SHUTTING_DOWN
				|| state == PowerState.CRASHED;
		case PAUSE -> state == PowerState.RUNNING;
		case RESUME -> state == PowerState.PAUSED;
		};
	}
}
