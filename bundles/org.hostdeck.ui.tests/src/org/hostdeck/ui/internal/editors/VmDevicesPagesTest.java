package org.hostdeck.ui.internal.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VM editor's Storage, Network, Console and History pages on the demo's test-driver hosts. */
class VmDevicesPagesTest {

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;

	@BeforeEach
	void openInventory() throws Exception {
		inventory = new InventoryPage(bot);
	}

	@AfterEach
	void closeEditors() {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
	}

	private VirtualMachine vm(String host, String name) {
		Host h = inventory.host(host);
		return inventory.service().query(i -> h.getVms().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow());
	}

	private VmEditor open(VirtualMachine vm, String page) {
		VmEditor editor = (VmEditor) inventory.view().openEditor(vm);
		editor.setActivePage(page);
		bot.flush();
		return editor;
	}

	private List<String> volumes(Host host) {
		return inventory.service().query(i -> host.getStoragePools().stream().filter(p -> p.getName().equals("images"))
				.flatMap(p -> p.getVolumes().stream()).map(StorageVolume::getName).toList());
	}

	private void waitForChange(DevicePage<?> page) {
		bot.waitUntil("the change to end", () -> !page.busy(), Duration.ofSeconds(30));
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(30));
	}

	@Test
	void disksAreAddedResizedAndRemovedFromTheStoragePage() throws Exception {
		VirtualMachine vm = vm("hv-lab", "test-freebsd-14");
		Host host = inventory.host("hv-lab");
		VmEditor editor = open(vm, StoragePage.ID);
		StoragePage storage = editor.storagePage();
		Table disks = bot.widgetById(Table.class, "vmEditor.disks");
		assertEquals(1, disks.getItemCount());
		assertEquals("vda", disks.getItem(0).getText(0));
		assertEquals("10 GiB", disks.getItem(0).getText(1));

		bot.whenShellOpens("Add Disk", shell -> {
			assertTrue(bot.widgetById(Combo.class, "addDisk.pool").getText().startsWith("images ("),
					"the pool of the VM's disks comes first: " + bot.widgetById(Combo.class, "addDisk.pool").getText());
			Text size = bot.widgetById(Text.class, "addDisk.sizeGiB");
			bot.typeText(size, "lots");
			assertFalse(bot.button(shell, "Add Disk").isEnabled(), "not a number");
			bot.widgetById(Combo.class, "addDisk.format").select(1);
			bot.widgetById(Combo.class, "addDisk.format").notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
			bot.typeText(size, "100000");
			assertFalse(bot.button(shell, "Add Disk").isEnabled(), "a raw disk larger than the pool's free space");
			bot.typeText(size, "2");
			bot.click(bot.button(shell, "Add Disk"));
		});
		bot.click(bot.widgetById(Button.class, "vmEditor.addDisk"));
		waitForChange(storage);
		assertEquals(null, storage.message(), "no complaint: " + storage.message());
		bot.waitUntil("two disks listed", () -> disks.getItemCount() == 2);
		assertEquals("vdb", disks.getItem(1).getText(0));
		assertEquals("2 GiB", disks.getItem(1).getText(1));
		assertEquals("raw", disks.getItem(1).getText(2));
		assertTrue(volumes(host).contains("test-freebsd-14-disk1.raw"), volumes(host).toString());

		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setMaximized(true);
		assertTrue(bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "vm-editor-storage.png")) > 20);

		// the test driver cannot resize volumes: a real refusal, shown in the page, nothing changed
		disks.setSelection(1);
		disks.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
		bot.whenShellOpens("Resize Disk", shell -> {
			Text value = bot.widget(Text.class, "the size field", t -> t.getShell() == shell && t.getEditable());
			bot.typeText(value, "1");
			assertFalse(bot.button(shell, "OK").isEnabled(), "disks only grow");
			bot.typeText(value, "4");
			bot.click(bot.button(shell, "OK"));
		});
		bot.click(bot.widgetById(Button.class, "vmEditor.resizeDisk"));
		waitForChange(storage);
		assertTrue(storage.message() != null && storage.message().startsWith("Resize disk vdb of test-freebsd-14 to 4 GiB: "),
				String.valueOf(storage.message()));
		assertEquals("2 GiB", disks.getItem(1).getText(1));

		disks.setSelection(1);
		disks.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
		bot.whenShellOpens("Remove Disk", shell -> {
			bot.click(bot.button(shell, "Also delete volume 'test-freebsd-14-disk1.raw' and the data on it"));
			bot.click(bot.button(shell, "Remove"));
		});
		bot.click(bot.widgetById(Button.class, "vmEditor.removeDisk"));
		waitForChange(storage);
		bot.waitUntil("one disk again", () -> disks.getItemCount() == 1);
		assertFalse(volumes(host).contains("test-freebsd-14-disk1.raw"), "the volume went with the disk");

		editor.setActivePage("history");
		Table history = bot.widgetById(Table.class, "vmEditor.history");
		bot.waitUntil("three tasks in the VM's history", () -> history.getItemCount() >= 3);
		assertEquals("Remove disk vdb from test-freebsd-14 and delete its volume", history.getItem(0).getText(0));
		assertEquals("failed", history.getItem(1).getText(2));
		assertEquals("Add a 2 GiB disk to test-freebsd-14", history.getItem(2).getText(0));
		assertEquals("succeeded", history.getItem(2).getText(2));
	}

	@Test
	void nicsAreAddedAndRemovedFromTheNetworkPage() {
		VirtualMachine vm = vm("hv-lab", "test-freebsd-14");
		VmEditor editor = open(vm, NetworkPage.ID);
		Table nics = bot.widgetById(Table.class, "vmEditor.nics");
		assertEquals(1, nics.getItemCount());
		bot.whenShellOpens("Add Network Interface", shell -> {
			Combo model = bot.widgetById(Combo.class, "addNic.model");
			model.select(1);
			bot.click(bot.button(shell, "Add NIC"));
		});
		bot.click(bot.widgetById(Button.class, "vmEditor.addNic"));
		waitForChange(editor.networkPage());
		bot.waitUntil("two NICs", () -> nics.getItemCount() == 2);
		assertEquals("lab", nics.getItem(1).getText(1));
		assertEquals("e1000", nics.getItem(1).getText(2));
		assertEquals("br-lab", nics.getItem(1).getText(3));

		nics.setSelection(1);
		nics.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
		bot.whenShellOpens("Remove Network Interface", shell -> bot.click(bot.button(shell, "Remove")));
		bot.click(bot.widgetById(Button.class, "vmEditor.removeNic"));
		waitForChange(editor.networkPage());
		bot.waitUntil("one NIC again", () -> nics.getItemCount() == 1);
	}

	@Test
	void theConsolePageSaysWhereToPointAViewer() {
		VirtualMachine running = inventory.vms("hv-prague", PowerState.RUNNING, 1).get(0);
		VmEditor editor = open(running, ConsolePage.ID);
		String address = editor.consolePage().shown(0);
		assertTrue(address.matches("vnc://127\\.0\\.0\\.1:59\\d\\d"), address);
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);

		VirtualMachine off = vm("hv-prague", "win-build");
		assertEquals("spice://0.0.0.0:0", open(off, ConsolePage.ID).consolePage().shown(0));
		assertEquals("The port is assigned when the VM starts.",
				ConsolePage.hint(URI.create("spice://0.0.0.0:0"), "test:///demo.xml", PowerState.SHUT_OFF));
		String tunnel = ConsolePage.hint(URI.create("vnc://127.0.0.1:5901"), "qemu+ssh://root@hv1.example.org/system",
				PowerState.RUNNING);
		assertTrue(tunnel.contains("ssh -N -L 5901:127.0.0.1:5901 root@hv1.example.org"), tunnel);
	}
}
