package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.wizards.MigrateWizard;

/** Migrate...: the Migrate wizard for the selected VMs (one target host for all of them). */
public class MigrateHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event)).stream()
				.filter(vm -> VmPropertyTester.canMigrate(vm.getPowerState())).toList();
		if (!vms.isEmpty()) {
			MigrateWizard.open(HandlerUtil.getActiveShell(event), vms, null, false);
		}
		return null;
	}
}
