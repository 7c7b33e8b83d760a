package org.hostdeck.ui.internal.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostEditorTest {

	private final UiBot bot = new UiBot();

	@AfterEach
	void closeEditors() {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
	}

	@Test
	void showsTheHostsHardwareStorageNetworksAndVms() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		HostEditor editor = (HostEditor) inventory.view().openEditor(inventory.host("hv-prague"));
		bot.flush();
		assertEquals("connected", editor.overviewValue(0));
		assertEquals("2 × 16 × 2 = 64", editor.overviewValue(4));
		assertEquals("512 GiB", editor.overviewValue(5));
		assertEquals("24", editor.overviewValue(7));
		assertEquals("eno1 (10 Gbit/s), eno2 (10 Gbit/s), eno3 (1 Gbit/s)", editor.overviewValue(8));

		editor.setActivePage("storage");
		Table pools = bot.widgetById(Table.class, "hostEditor.storage");
		assertEquals(2, pools.getItemCount(), "images and iso");
		editor.setActivePage("networks");
		assertEquals(3, bot.widgetById(Table.class, "hostEditor.networks").getItemCount());
		editor.setActivePage("vms");
		Table vms = bot.widgetById(Table.class, "hostEditor.vms");
		assertEquals(24, vms.getItemCount());
		assertEquals("backup-agent", vms.getItem(0).getText(0));

		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setMaximized(true);
		editor.setActivePage("overview");
		assertTrue(bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "host-editor.png")) > 20);
	}
}
