package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Start, Shut Down, Force Off, Reboot, Pause and Resume for the selected VMs; plugin.xml names
 * the action ({@code class="...VmPowerHandler:START"}). VMs whose state does not allow the action
 * are skipped.
 */
public class VmPowerHandler extends AbstractHandler implements IExecutableExtension {

	private PowerAction action = PowerAction.START;

	@Override
	public void setInitializationData(IConfigurationElement config, String propertyName, Object data)
			throws CoreException {
		if (data instanceof String name) {
			action = PowerAction.valueOf(name);
		}
	}

	@Override
	public Object execute(ExecutionEvent event) {
		IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
		List<VirtualMachine> vms = selectedVms(selection).stream()
				.filter(vm -> VmPropertyTester.allows(vm.getPowerState(), action)).toList();
		if (vms.isEmpty()) {
			return null;
		}
		InventoryService service = InventoryHolder.get();
		String group = vms.size() == 1 ? new VmPowerOperation(service, vms.get(0), action).label()
				: NLS.bind(Messages.VmPowerHandler_group, actionLabel(action), vms.size());
		VmJobs.schedule(group, vms, vm -> {
			VmPowerOperation op = new VmPowerOperation(service, vm, action);
			return new VmJobs.Work(op.label(), op::execute);
		});
		return null;
	}

	static List<VirtualMachine> selectedVms(IStructuredSelection selection) {
		return selection.stream().filter(VirtualMachine.class::isInstance).map(VirtualMachine.class::cast).toList();
	}

	static String actionLabel(PowerAction action) {
		return switch (action) {
		case START -> Messages.Action_start;
		case SHUTDOWN -> Messages.Action_shutdown;
		case FORCE_OFF -> Messages.Action_forceOff;
		case REBOOT -> Messages.Action_reboot;
		case PAUSE -> Messages.Action_pause;
		case RESUME -> Messages.Action_resume;
		};
	}
}
