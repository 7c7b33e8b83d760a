package org.hostdeck.ui.internal.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VmEditorTest {

	private final UiBot bot = new UiBot();

	@AfterEach
	void closeEditors() {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
	}

	private VmEditor open(InventoryPage inventory, VirtualMachine vm) {
		IEditorPart part = inventory.view().openEditor(vm);
		assertNotNull(part);
		VmEditor editor = (VmEditor) part;
		editor.setActivePage("resources");
		bot.flush();
		return editor;
	}

	private IHostConnection connection(InventoryPage inventory, Host host) throws Exception {
		return inventory.service().session(host).connection();
	}

	@Test
	void memoryEditedInTheEditorReachesLibvirt() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		VirtualMachine staging = inventory.vms("hv-brno", PowerState.SHUT_OFF, 1).get(0);
		Host host = inventory.host("hv-brno");
		String uuid = inventory.service().query(i -> staging.getUuid());
		long before = connection(inventory, host).domain(uuid).memory();
		long wanted = before / 2;

		VmEditor editor = open(inventory, staging);
		assertFalse(editor.isDirty());
		bot.typeText(bot.widgetById(Text.class, ResourcesPage.MEMORY_ID), Long.toString(wanted / Sizes.MIB));
		assertTrue(editor.isDirty(), "an edit makes the editor dirty");
		inventory.select(List.of(staging));
		editor.setFocus();
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setMaximized(true);
		java.nio.file.Path png = java.nio.file.Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "vm-editor.png");
		assertTrue(bot.screenshot(png) > 20, "the editor is drawn");

		editor.doSave(null);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(30));
		bot.waitUntil("the editor clean after saving", () -> !editor.isDirty());
		assertEquals(wanted, connection(inventory, host).domain(uuid).memory(), "libvirt has the new memory");
		assertEquals(wanted, (long) inventory.service().query(i -> staging.getMemory()), "and so has the model");
	}

	@Test
	void memoryOutOfRangeIsRefusedWithTheLimitAndNothingChanges() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		VirtualMachine vm = inventory.vms("hv-lab", PowerState.SHUT_OFF, 1).get(0);
		Host host = inventory.host("hv-lab");
		String uuid = inventory.service().query(i -> vm.getUuid());
		long before = connection(inventory, host).domain(uuid).memory();
		long maxMiB = inventory.service().query(i -> vm.getMaxMemory()) / Sizes.MIB;

		VmEditor editor = open(inventory, vm);
		bot.typeText(bot.widgetById(Text.class, ResourcesPage.MEMORY_ID), "99999999");
		assertEquals("Memory must be from 16 to " + maxMiB + " MiB (the VM's maximum).", editor.resourcesPage().message());
		editor.doSave(null);
		assertTrue(editor.isDirty(), "the edit is kept for the user to fix");
		assertEquals(before, connection(inventory, host).domain(uuid).memory(), "libvirt unchanged");

		bot.typeText(bot.widgetById(Text.class, ResourcesPage.MEMORY_ID), "lots");
		assertEquals("'lots' is not a number of MiB.", editor.resourcesPage().message());
		editor.revert();
		assertFalse(editor.isDirty(), "revert drops unsaved edits");
	}

	@Test
	void aDisconnectedHostMakesTheEditorReadOnlyAndKeepsTheEdits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		String uri = new org.hostdeck.tests.support.libvirt.TestHostFile("flaky").vm("victim", 2, 2048, false).writeTo(dir);
		var service = inventory.service();
		Host flaky = service.addHost("flaky", uri);
		assertTrue(service.connect(flaky, new org.eclipse.core.runtime.NullProgressMonitor()).isOK());
		try {
			VirtualMachine vm = service.query(i -> flaky.getVms().get(0));
			VmEditor editor = open(inventory, vm);
			Text memory = bot.widgetById(Text.class, ResourcesPage.MEMORY_ID);
			bot.typeText(memory, "1024");
			assertTrue(editor.isDirty());

			service.disconnect(flaky);
			bot.waitUntil("the editor to go read-only", () -> !memory.isEnabled());
			assertEquals("The host is not connected: this VM cannot be changed until it reconnects. Unsaved edits are kept.",
					editor.resourcesPage().message());
			assertTrue(editor.isDirty(), "the edit is kept");
			assertEquals("1024", memory.getText());

			assertTrue(service.connect(flaky, new org.eclipse.core.runtime.NullProgressMonitor()).isOK());
			bot.waitUntil("the editor editable again", memory::isEnabled);
			assertTrue(editor.resourcesPage().message() == null, "the banner goes: " + editor.resourcesPage().message());
			assertTrue(editor.isDirty(), "and the edit is still there to save");
		} finally {
			service.removeHost(flaky);
		}
	}

	@Test
	void deletingTheVmClosesItsEditor() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		Host lab = inventory.host("hv-lab");
		String uuid = "0bad0bad-0000-4000-8000-000000000042";
		connection(inventory, lab).define("<domain type='test'><name>short-lived</name><uuid>" + uuid
				+ "</uuid><memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
		bot.waitUntil("the new VM in the model", () -> inventory.service().query(i -> lab.getVms().stream()
				.anyMatch(v -> uuid.equals(v.getUuid()))));
		VirtualMachine vm = inventory.service().query(i -> lab.getVms().stream().filter(v -> uuid.equals(v.getUuid())).findFirst().get());
		VmEditor editor = open(inventory, vm);
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		assertTrue(List.of(page.getEditorReferences()).stream().anyMatch(r -> r.getPart(false) == editor));

		connection(inventory, lab).undefine(uuid, false);
		bot.waitUntil("the editor closed", () -> List.of(page.getEditorReferences()).stream().noneMatch(r -> r.getPart(false) == editor));
	}
}
