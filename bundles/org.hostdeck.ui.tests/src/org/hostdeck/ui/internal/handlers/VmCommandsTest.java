package org.hostdeck.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.HostDeckPreferences;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VM lifecycle from the Inventory view, on the demo's real libvirt test hosts. */
class VmCommandsTest {

	private static final String START = "org.hostdeck.ui.vm.start";
	private static final String SHUTDOWN = "org.hostdeck.ui.vm.shutdown";
	private static final String FORCE_OFF = "org.hostdeck.ui.vm.forceOff";
	private static final String PAUSE = "org.hostdeck.ui.vm.pause";
	private static final String RESUME = "org.hostdeck.ui.vm.resume";

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;

	@BeforeEach
	void openInventory() throws Exception {
		inventory = new InventoryPage(bot);
	}

	@Test
	void startPauseResumeAndStopAVmOfTheDemo() throws Exception {
		List<VirtualMachine> staging = inventory.vms("hv-brno", PowerState.SHUT_OFF, 1);
		inventory.select(staging);
		bot.waitUntil("Power On enabled", () -> inventory.enabled(START));
		assertFalse(inventory.enabled(SHUTDOWN), "a shut-off VM cannot be shut down");
		assertTrue(inventory.contextMenu().containsAll(List.of("Power On", "Delete VM...")), inventory.contextMenu().toString());

		inventory.run(START);
		inventory.waitForState(staging, PowerState.RUNNING);
		bot.waitUntil("Power On disabled for a running VM", () -> !inventory.enabled(START));
		assertTrue(inventory.enabled(SHUTDOWN));
		assertFalse(inventory.contextMenu().contains("Delete VM..."), "a running VM cannot be deleted");

		inventory.run(PAUSE);
		inventory.waitForState(staging, PowerState.PAUSED);
		bot.waitUntil("Resume enabled", () -> inventory.enabled(RESUME));
		inventory.run(RESUME);
		inventory.waitForState(staging, PowerState.RUNNING);

		inventory.run(SHUTDOWN);
		inventory.waitForState(staging, PowerState.SHUT_OFF);
	}

	@Test
	void bulkStartThreeVmsAsOneGroup() throws Exception {
		List<VirtualMachine> three = inventory.vms("hv-prague", PowerState.SHUT_OFF, 3);
		inventory.select(three);
		inventory.run(START);
		inventory.waitForState(three, PowerState.RUNNING);

		inventory.runAnswering(FORCE_OFF, "Force Off", "Force Off");
		inventory.waitForState(three, PowerState.SHUT_OFF);
	}

	@Test
	void forceOffAsksFirstUntilTheUserSaysNotTo() throws Exception {
		List<VirtualMachine> vm = inventory.vms("hv-brno", PowerState.RUNNING, 1);
		inventory.select(vm);
		try {
			inventory.runAnswering(FORCE_OFF, "Force Off", "Cancel");
			assertEquals(PowerState.RUNNING, inventory.state(vm.get(0)), "Cancel leaves the VM running");

			bot.whenShellOpens("Force Off", shell -> {
				bot.click(bot.button(shell, "Do not ask again (Window > Preferences > HostDeck turns the question back on)"));
				bot.click(bot.button(shell, "Force Off"));
			});
			inventory.run(FORCE_OFF);
			inventory.waitForState(vm, PowerState.SHUT_OFF);
			assertFalse(HostDeckPreferences.confirmForceOff(), "the answer is remembered in the preferences");

			inventory.run(START);
			inventory.waitForState(vm, PowerState.RUNNING);
			inventory.run(FORCE_OFF); // no dialog now: a dialog would block this call
			inventory.waitForState(vm, PowerState.SHUT_OFF);
		} finally {
			HostDeckPreferences.instance().remove(HostDeckPreferences.CONFIRM_FORCE_OFF);
		}
		assertTrue(HostDeckPreferences.confirmForceOff());
	}

	@Test
	void aShutOffVmIsRenamedAndANameThatClashesIsRefusedInTheDialog() throws Exception {
		String rename = "org.hostdeck.ui.rename";
		List<VirtualMachine> off = inventory.vms("hv-brno", PowerState.SHUT_OFF, 1);
		VirtualMachine vm = off.get(0);
		String original = inventory.service().query(i -> vm.getName());
		String other = inventory.service().query(i -> vm.getHost().getVms().stream().filter(v -> v != vm).findFirst().get().getName());

		inventory.select(List.of(inventory.vms("hv-brno", PowerState.RUNNING, 1).get(0)));
		bot.waitUntil("the running VM selected", () -> inventory.contextMenu().contains("Shut Down"));
		assertFalse(inventory.enabled(rename), "a running VM cannot be renamed");

		inventory.select(off);
		bot.waitUntil("Rename enabled", () -> inventory.enabled(rename));
		assertTrue(inventory.contextMenu().contains("Rename..."), inventory.contextMenu().toString());
		String[] refusal = new String[1];
		bot.whenShellOpens("Rename VM", shell -> {
			org.eclipse.swt.widgets.Text name = bot.widget(org.eclipse.swt.widgets.Text.class, "the name",
					t -> t.getShell() == shell && (t.getStyle() & org.eclipse.swt.SWT.READ_ONLY) == 0);
			bot.typeText(name, other);
			refusal[0] = bot.widget(org.eclipse.swt.widgets.Text.class, "the error",
					t -> t.getShell() == shell && (t.getStyle() & org.eclipse.swt.SWT.READ_ONLY) != 0).getText();
			assertFalse(bot.button(shell, "OK").isEnabled(), "the name of another VM on the host is refused");
			bot.typeText(name, original + "-renamed");
			bot.click(bot.button(shell, "OK"));
		});
		inventory.run(rename);
		assertEquals("Host 'hv-brno' has a VM named '" + other + "' already. Choose another name.", refusal[0]);
		bot.waitUntil("the VM renamed", () -> (original + "-renamed").equals(inventory.service().query(i -> vm.getName())));
		assertSame(vm, inventory.service().query(i -> vm.getHost().getVms().stream()
				.filter(v -> v.getName().equals(original + "-renamed")).findFirst().orElse(null)), "the same VM, renamed in place");

		// its history follows it: the rename, recorded under the old name, shows in the renamed VM's editor
		org.eclipse.ui.IEditorPart editor = inventory.view().openEditor(vm);
		try {
			((org.eclipse.ui.forms.editor.FormEditor) editor).setActivePage("history");
			org.eclipse.swt.widgets.Table history = bot.widgetById(org.eclipse.swt.widgets.Table.class, "vmEditor.history");
			bot.waitUntil("the rename in the VM's history", () -> history.getItemCount() > 0
					&& ("Rename " + original + " to " + original + "-renamed").equals(history.getItem(0).getText(0)));
		} finally {
			editor.getSite().getPage().closeEditor(editor, false);
		}

		// and back, for the other tests of the demo
		new org.hostdeck.core.operations.RenameVmOperation(inventory.service(), vm, original).execute(null);
		bot.waitUntil("the VM named as before", () -> original.equals(inventory.service().query(i -> vm.getName())));
	}
}
