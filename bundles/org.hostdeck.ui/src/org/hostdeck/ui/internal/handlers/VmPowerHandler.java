package org.hostdeck.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.HostDeckPreferences;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Start, Shut Down, Force Off, Reboot, Pause and Resume for the selected VMs; plugin.xml names
 * the action ({@code class="...VmPowerHandler:START"}). VMs whose state does not allow the action
 * are skipped.
 */
public class VmPowerHandler extends ActionHandler<PowerAction> {

	public VmPowerHandler() {
		super(PowerAction.class, PowerAction.START);
	}

	@Override
	public Object execute(ExecutionEvent event) {
		IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
		List<VirtualMachine> vms = selectedVms(selection).stream()
				.filter(vm -> VmPropertyTester.allows(vm.getPowerState(), action)).toList();
		if (vms.isEmpty()) {
			return null;
		}
		if (action == PowerAction.FORCE_OFF && HostDeckPreferences.confirmForceOff()
				&& !confirmForceOff(HandlerUtil.getActiveShell(event), vms)) {
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

	/** Asks before pulling the plug; "Do not ask again" turns the question off in the preferences. */
	private static boolean confirmForceOff(Shell shell, List<VirtualMachine> vms) {
		String what = vms.size() == 1 ? NLS.bind(Messages.VmPowerHandler_forceOffOne, vms.get(0).getName())
				: NLS.bind(Messages.VmPowerHandler_forceOffMany, vms.size());
		boolean[] dontAsk = new boolean[1];
		MessageDialog dialog = new MessageDialog(shell, Messages.VmPowerHandler_forceOffTitle, null,
				what + "\n\n" + Messages.VmPowerHandler_forceOffDetail, MessageDialog.WARNING, 1, //$NON-NLS-1$
				Messages.VmPowerHandler_forceOffButton, IDialogConstants.CANCEL_LABEL) {
			@Override
			protected Control createCustomArea(Composite parent) {
				Button toggle = new Button(parent, SWT.CHECK);
				toggle.setText(Messages.VmPowerHandler_dontAsk);
				toggle.addListener(SWT.Selection, e -> dontAsk[0] = toggle.getSelection());
				return toggle;
			}
		};
		if (dialog.open() != 0) {
			return false;
		}
		if (dontAsk[0]) {
			HostDeckPreferences.instance().putBoolean(HostDeckPreferences.CONFIRM_FORCE_OFF, false);
		}
		return true;
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
