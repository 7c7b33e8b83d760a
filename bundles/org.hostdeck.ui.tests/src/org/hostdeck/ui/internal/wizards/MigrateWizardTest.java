package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.junit.jupiter.api.Test;

/**
 * The Migrate wizard in the workbench with two real QEMU hosts: a running VM dragged onto the
 * other host, the pre-checks shown as the choices change, Finish, and the VM running on the
 * target with its task recorded.
 */
class MigrateWizardTest extends TwoQemuHostsInWorkbench {

	private static final String MIGRATE = "org.hostdeck.ui.vm.migrate";

	@Override
	protected List<String> windows() {
		return List.of(Messages.Migrate_windowTitle);
	}

	private String checks() {
		return bot.widgetById(Text.class, MigrateWizardPage.CHECKS_ID).getText();
	}

	private void choose(String radioId) {
		Button radio = bot.widgetById(Button.class, radioId);
		for (String id : List.of(MigrateWizardPage.COPY_ID, MigrateWizardPage.SHARED_ID)) {
			bot.widgetById(Button.class, id).setSelection(id.equals(radioId));
		}
		radio.notifyListeners(SWT.Selection, new Event());
		bot.flush();
	}

	/** A running VM on qemu-east booting {@code disk}. */
	private VirtualMachine runningOnEast(String name, Path disk) throws Exception {
		east.virsh("pool-refresh", "images");
		inventory.service().session(eastHost).connection().define(QemuSessionHost.domainXml(name, disk));
		VirtualMachine vm = waitForVm(eastHost, name);
		inventory.service().session(eastHost).connection().power(inventory.service().query(i -> vm.getUuid()), PowerAction.START);
		bot.waitUntil("running", () -> inventory.state(vm) == PowerState.RUNNING);
		return vm;
	}

	/** The newest task named {@code operation}, once it has ended successfully. */
	private TaskRecord succeeded(String operation) {
		TaskRecord task = inventory.service().query(i -> i.getTasks().stream().filter(t -> operation.equals(t.getOperation()))
				.reduce((a, b) -> b).orElseThrow());
		bot.waitUntil("the task recorded as done", () -> inventory.service().query(i -> task.getOutcome()) == TaskOutcome.SUCCEEDED);
		return task;
	}

	private void waitUntilRunningOnWest(String name) {
		bot.waitUntil(name + " running under qemu-west", () -> {
			VirtualMachine moved = vm(westHost, name);
			return moved != null && inventory.state(moved) == PowerState.RUNNING;
		}, Duration.ofSeconds(60));
		bot.waitUntil("gone from qemu-east", () -> vm(eastHost, name) == null);
	}

	@Test
	void aPlannedMoveIsAppliedFromThePlacementView() throws Exception {
		VirtualMachine vm = runningOnEast("planned-ui", east.spinningDisk("planned-ui"));
		var page = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		org.hostdeck.ui.placement.internal.PlacementView view = (org.hostdeck.ui.placement.internal.PlacementView) page
				.showView(org.hostdeck.ui.placement.internal.PlacementView.ID);
		bot.waitUntil("the current placement", () -> view.current() != null);
		// the view may have been open before these hosts came: Current re-reads the inventory
		bot.click(bot.widgetById(Button.class, org.hostdeck.ui.placement.internal.PlacementView.REFRESH_ID));
		org.eclipse.swt.widgets.Table hosts = bot.widgetById(org.eclipse.swt.widgets.Table.class,
				org.hostdeck.ui.placement.internal.PlacementView.HOSTS_ID);
		java.util.function.Supplier<java.util.Optional<org.hostdeck.placement.PlacementHost>> west = () -> java.util.Arrays
				.stream(hosts.getItems()).map(item -> (org.hostdeck.placement.PlacementHost) item.getData())
				.filter(h -> h.name().equals("qemu-west")).findFirst();
		bot.waitUntil("a row for qemu-west", () -> west.get().isPresent());
		org.hostdeck.placement.PlacementHost westRow = west.get().orElseThrow();
		// what if it ran on qemu-west (a drag from the Inventory onto that row)? Then apply that plan
		assertTrue(view.whatIf(List.of(vm), westRow));
		Button apply = bot.widgetById(Button.class, org.hostdeck.ui.placement.internal.PlacementView.APPLY_ID);
		assertTrue(apply.isEnabled(), "a plan with a move can be applied");
		bot.whenShellOpens("Apply Placement Plan", shell -> bot.click(bot.button(shell, "OK")));
		bot.click(apply);
		bot.waitForJobs(org.hostdeck.ui.placement.internal.PlacementView.FAMILY, Duration.ofSeconds(120));

		waitUntilRunningOnWest("planned-ui");
		TaskRecord task = succeeded("Migrate planned-ui from qemu-east to qemu-west");
		assertTrue(inventory.service().query(i -> task.getMessage()).contains(", downtime "), inventory.service().query(i -> task.getMessage()));
		bot.waitUntil("the view re-read the inventory", () -> view.planned() == null);
		assertFalse(apply.isEnabled(), "nothing left to apply");
	}

	@Test
	void aVmDroppedOnAnotherHostIsCheckedMigratedLiveAndRecorded() throws Exception {
		Path disk = east.spinningDisk("mover-ui");
		VirtualMachine vm = runningOnEast("mover-ui", disk);

		inventory.selectPath(eastHost, vm);
		bot.waitUntil("Migrate... enabled", () -> inventory.enabled(MIGRATE));
		assertTrue(inventory.contextMenu().contains("Migrate..."), inventory.contextMenu().toString());

		assertTrue(inventory.view().drop(List.of(vm), westHost), "a running VM dropped on another host is accepted");
		Shell wizard = bot.shell(Messages.Migrate_windowTitle);
		bot.waitUntil("the checks pass", () -> checks().equals("All pre-checks passed for 1 VM(s): ready to migrate."),
				Duration.ofSeconds(60));
		assertTrue(bot.button(wizard, "Finish").isEnabled());
		MigrateWizardPage page = (MigrateWizardPage) ((org.eclipse.jface.wizard.WizardDialog) wizard.getData()).getCurrentPage();
		bot.waitUntil("star ratings from the placement bundle", () -> page.rating(westHost).contains("\u2605"), Duration.ofSeconds(30));
		assertTrue(page.rating(westHost).matches("\u2605+\u2606* \\d\\.\\d"), page.rating(westHost));

		choose(MigrateWizardPage.SHARED_ID);
		bot.waitUntil("the shared-storage refusal", () -> checks().startsWith("Storage: disk vda of mover-ui ("), Duration.ofSeconds(60));
		assertEquals("Storage: disk vda of mover-ui (" + disk + ") is not on storage qemu-west shares: qemu-west knows no volume at that"
				+ " path. Copy the disks instead, or define the shared pool on qemu-west.", checks());
		assertFalse(bot.button(wizard, "Finish").isEnabled(), "Finish waits for the checks to pass");
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "migrate-wizard-refused.png"));

		choose(MigrateWizardPage.COPY_ID);
		bot.waitUntil("the checks pass again", () -> checks().startsWith("All pre-checks passed"), Duration.ofSeconds(60));
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "migrate-wizard.png"));
		bot.click(bot.button(wizard, "Finish"));
		bot.waitUntil("the wizard closed", wizard::isDisposed);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));

		waitUntilRunningOnWest("mover-ui");
		TaskRecord task = succeeded("Migrate mover-ui from qemu-east to qemu-west");
		assertTrue(inventory.service().query(i -> task.getMessage()).contains(", downtime "),
				"the task history records the downtime: " + inventory.service().query(i -> task.getMessage()));
	}
}
