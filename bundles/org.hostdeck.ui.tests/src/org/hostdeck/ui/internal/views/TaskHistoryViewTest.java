package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.junit.jupiter.api.Test;

class TaskHistoryViewTest {

	private final UiBot bot = new UiBot();

	private TaskHistoryView open() throws Exception {
		return (TaskHistoryView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
				.showView(TaskHistoryView.ID);
	}

	private static List<String> rows(Table table) {
		return Arrays.stream(table.getItems()).map(i -> i.getText(0) + " | " + i.getText(3)).toList();
	}

	@Test
	void operationsAreListedNewestFirstWithTheirOutcome() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		List<VirtualMachine> vm = inventory.vms("hv-lab", PowerState.SHUT_OFF, 1);
		String name = inventory.service().query(i -> vm.get(0).getName());
		inventory.select(vm);
		inventory.run("org.hostdeck.ui.vm.start");
		inventory.waitForState(vm, PowerState.RUNNING);
		inventory.runAnswering("org.hostdeck.ui.vm.forceOff", "Force Off", "Force Off");
		inventory.waitForState(vm, PowerState.SHUT_OFF);

		Table table = open().getViewer().getTable();
		bot.waitUntil("both tasks listed as succeeded", () -> rows(table).size() >= 2
				&& rows(table).get(0).equals("Force off " + name + " | succeeded")
				&& rows(table).get(1).equals("Power on " + name + " | succeeded"));
		assertTrue(table.getItem(0).getText(1).startsWith(name + " @ hv-lab"), table.getItem(0).getText(1));
	}

	@Test
	void aRunningTaskIsCancelledFromTheHistoryView() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		VirtualMachine vm = inventory.vms("hv-lab", PowerState.RUNNING, 1).get(0);
		// an operation that runs until it is cancelled, the way a long export or migration waits
		VmJobs.schedule("long task", List.of(vm), v -> new VmJobs.Work("Long task", monitor -> {
			while (!monitor.isCanceled()) {
				Thread.onSpinWait();
			}
			return Status.CANCEL_STATUS;
		}));
		TaskHistoryView view = open();
		bot.waitUntil("the running task listed", () -> rows(view.getViewer().getTable()).contains("Long task | running"));
		TaskRecord running = (TaskRecord) view.getViewer().getElementAt(0);
		view.getViewer().setSelection(new StructuredSelection(running));

		bot.click(bot.toolItem("Cancel the selected running tasks"));

		bot.waitForJobs(VmJobs.FAMILY, java.time.Duration.ofSeconds(20));
		bot.waitUntil("the task marked cancelled", () -> inventory.service().query(i -> running.getOutcome()) == TaskOutcome.CANCELLED);
		bot.waitUntil("the table to say so", () -> {
			TableItem first = view.getViewer().getTable().getItem(0);
			return first.getText(0).equals("Long task") && first.getText(3).equals("cancelled");
		});
		assertEquals(PowerState.RUNNING, inventory.state(vm), "cancelling a task does not touch the VM");
	}
}
