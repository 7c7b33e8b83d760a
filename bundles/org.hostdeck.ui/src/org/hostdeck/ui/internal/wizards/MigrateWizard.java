package org.hostdeck.ui.internal.wizards;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Migrate: moves the chosen VMs to one target host, running ones live (disks shared or copied),
 * shut-off ones offline. The page runs every pre-check in the background as the choices change;
 * Finish starts one job per VM (a job group, each recorded in the task history with duration,
 * downtime and bytes sent).
 */
public class MigrateWizard extends Wizard {

	private final InventoryService service = InventoryHolder.get();
	private final List<VirtualMachine> vms;
	private final Host preselected;
	private MigrateWizardPage page;

	public MigrateWizard(List<VirtualMachine> vms, Host preselected) {
		this.vms = List.copyOf(vms);
		this.preselected = preselected;
		setWindowTitle(Messages.Migrate_windowTitle);
		setNeedsProgressMonitor(false);
	}

	/** Opens the wizard for {@code vms}; {@code target} (may be null) is chosen already, e.g. after a drop. */
	public static WizardDialog open(Shell shell, List<VirtualMachine> vms, Host target, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new MigrateWizard(vms, target));
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	@Override
	public void addPages() {
		page = new MigrateWizardPage(service, vms, preselected);
		addPage(page);
	}

	@Override
	public boolean performFinish() {
		Host target = page.target();
		if (target == null) {
			return false;
		}
		String group = NLS.bind(Messages.Migrate_group, vms.size(), service.query(i -> target.getName()));
		VmJobs.schedule(group, vms, vm -> {
			MigrationOptions options = page.optionsFor(vm);
			MigrateVmOperation op = new MigrateVmOperation(service, vm, target, options);
			return new VmJobs.Work(op.label(), op::execute);
		});
		return true;
	}

	/** "web-01, db-02" */
	static String names(List<VirtualMachine> vms) {
		return vms.stream().map(VirtualMachine::getName).collect(Collectors.joining(", ")); //$NON-NLS-1$
	}
}
