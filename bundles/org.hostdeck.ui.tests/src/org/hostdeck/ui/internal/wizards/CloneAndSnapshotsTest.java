package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.driver.SnapshotInfo;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.ui.internal.editors.SnapshotsPage;
import org.hostdeck.ui.internal.editors.VmEditor;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.junit.jupiter.api.Test;

/**
 * Clone... and the VM editor's Snapshots page in the real workbench against a real QEMU host: a
 * linked clone made through the dialog, then snapshots of it taken, listed as a tree, reverted
 * to and deleted through the page's buttons and their dialogs.
 */
class CloneAndSnapshotsTest extends TwoQemuHostsInWorkbench {

	private static final String CLONE = "org.hostdeck.ui.vm.clone";

	@Override
	protected List<String> windows() {
		return List.of("Clone VM", "Take Snapshot", "Revert to Snapshot", "Delete Snapshot", Messages.CloneWizard_title);
	}

	private VirtualMachine defineOnEast(String name) throws Exception {
		Path disk = east.spinningDisk(name);
		east.virsh("pool-refresh", "images");
		Path xml = Files.createTempFile("hostdeck-clone-ui-", ".xml");
		Files.writeString(xml, QemuSessionHost.domainXml(name, disk, "qcow2"));
		east.virsh("define", xml.toString());
		Files.delete(xml);
		return waitForVm(eastHost, name);
	}

	private void takeSnapshot(String name) {
		bot.whenShellOpens("Take Snapshot", shell -> {
			bot.typeText(bot.widgetById(Text.class, "snapshot.name"), name);
			bot.click(bot.button(shell, "Take Snapshot"));
		});
		bot.click(bot.widgetById(Button.class, "vmEditor.takeSnapshot"));
	}

	private void select(Table table, String name) {
		for (int row = 0; row < table.getItemCount(); row++) {
			if (table.getItem(row).getText(0).contains(name)) {
				table.setSelection(row);
				table.notifyListeners(SWT.Selection, new Event());
				return;
			}
		}
		throw new AssertionError("no row " + name);
	}

	@Test
	void aLinkedCloneIsMadeThroughTheDialogAndItsSnapshotsTakenRevertedAndDeleted() throws Exception {
		VirtualMachine gold = defineOnEast("gold-ui");
		inventory.selectPath(eastHost, gold);
		// a template: not started, VMs come from it
		bot.waitUntil("Make Template enabled", () -> inventory.enabled("org.hostdeck.ui.vm.makeTemplate"));
		inventory.run("org.hostdeck.ui.vm.makeTemplate");
		assertTrue(inventory.service().query(i -> org.hostdeck.core.operations.VmTemplates.isTemplate(gold)));
		inventory.select(List.of());
		inventory.selectPath(eastHost, gold);
		bot.waitUntil("Power On disabled for a template", () -> !inventory.enabled("org.hostdeck.ui.vm.start"));
		assertTrue(inventory.enabled("org.hostdeck.ui.vm.makeVm"));
		bot.waitUntil("Clone... enabled", () -> inventory.enabled(CLONE));
		assertTrue(inventory.contextMenu().contains("Clone..."), inventory.contextMenu().toString());
		inventory.run(CLONE);
		Shell dialog = bot.shell("Clone VM");
		Text name = bot.widgetById(Text.class, "clone.name");
		assertEquals("gold-ui-clone", name.getText());
		bot.typeText(name, "gold-ui");
		assertFalse(bot.button(dialog, "Clone").isEnabled(), "a name the host has");
		bot.typeText(name, "thin-ui");
		Button linked = bot.widgetById(Button.class, "clone.linked");
		linked.setSelection(true);
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "clone-dialog.png"));
		bot.click(bot.button(dialog, "Clone"));
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(60));
		bot.waitUntil("the clone in the inventory", () -> vm(eastHost, "thin-ui") != null, Duration.ofSeconds(30));
		assertTrue(Files.exists(east.images().resolve("thin-ui.qcow2")), "the overlay in the pool");
		assertTrue(Files.size(east.images().resolve("thin-ui.qcow2")) < 2 << 20, "an overlay, not a copy");
		assertFalse(inventory.service().query(i -> org.hostdeck.core.operations.VmTemplates.isTemplate(vm(eastHost, "thin-ui"))),
				"a VM made from a template is a VM");

		VmEditor editor = (VmEditor) inventory.view().openEditor(vm(eastHost, "thin-ui"));
		editor.setActivePage(SnapshotsPage.ID);
		bot.flush();
		SnapshotsPage page = editor.snapshotsPage();
		Table table = bot.widgetById(Table.class, "vmEditor.snapshots");
		takeSnapshot("first");
		bot.waitUntil("one snapshot listed", () -> table.getItemCount() == 1, Duration.ofSeconds(30));
		takeSnapshot("second");
		bot.waitUntil("two snapshots listed", () -> table.getItemCount() == 2, Duration.ofSeconds(30));
		assertEquals("first", table.getItem(0).getText(0));
		assertEquals("  \u2514 second (current)", table.getItem(1).getText(0), "under its parent, the current one marked");
		assertEquals("disks", table.getItem(1).getText(2));
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "vm-editor-snapshots.png"));

		select(table, "first");
		bot.whenShellOpens("Revert to Snapshot", shell -> bot.click(bot.button(shell, "Revert")));
		bot.click(bot.widgetById(Button.class, "vmEditor.revertSnapshot"));
		bot.waitUntil("reverted to first", () -> page.snapshots().stream().anyMatch(s -> s.current() && s.name().equals("first")),
				Duration.ofSeconds(30));

		select(table, "second");
		bot.whenShellOpens("Delete Snapshot", shell -> bot.click(bot.button(shell, "Delete")));
		bot.click(bot.widgetById(Button.class, "vmEditor.deleteSnapshot"));
		bot.waitUntil("second deleted", () -> page.snapshots().stream().map(SnapshotInfo::name).toList().equals(List.of("first")),
				Duration.ofSeconds(30));
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(30));
		assertTrue(inventory.service().query(i -> i.getTasks().stream().anyMatch(t -> t.getOperation().equals("Revert thin-ui to snapshot first"))));

		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
	}

	private void spin(String id, int value) {
		org.eclipse.swt.widgets.Spinner spinner = bot.widgetById(org.eclipse.swt.widgets.Spinner.class, id);
		spinner.setSelection(value);
		spinner.notifyListeners(SWT.Modify, new Event());
		bot.flush();
	}

	@Test
	void aNewVmFromATemplateIsShapedWithTheInstallWizardsPages() throws Exception {
		east.defineNetwork("lab", "hdlab5");
		inventory.service().session(eastHost).refresh(new org.eclipse.core.runtime.NullProgressMonitor());
		VirtualMachine gold = defineOnEast("tpl-ui");
		assertEquals(null, org.hostdeck.core.operations.VmTemplates.mark(inventory.service(), gold, true));
		inventory.select(List.of());
		inventory.selectPath(eastHost, gold);
		bot.waitUntil("New VM from Template... enabled", () -> inventory.enabled("org.hostdeck.ui.vm.newFromTemplate"));
		assertTrue(inventory.contextMenu().contains("New VM from Template..."), inventory.contextMenu().toString());
		inventory.run("org.hostdeck.ui.vm.newFromTemplate");
		Shell wizard = bot.shell(Messages.CloneWizard_title);
		Text name = bot.widgetById(Text.class, InstallPage.NAME_ID);
		assertEquals("tpl-ui-1", name.getText());
		bot.typeText(name, "tpl-ui");
		assertFalse(bot.button(wizard, "Next >").isEnabled(), "a name the host has");
		bot.typeText(name, "web-ui");
		bot.typeText(bot.widgetById(Text.class, InstallPage.DESCRIPTION_ID), "Front end");
		bot.typeText(bot.widgetById(Text.class, CloneNamePage.HOSTNAME_ID), "web01");
		bot.click(bot.button(wizard, "Next >"));
		// the install wizard's pages
		spin(InstallPage.VCPUS_ID, 2);
		spin(InstallPage.MEMORY_ID, 96);
		bot.click(bot.button(wizard, "Next >"));
		String note = bot.widgetById(org.eclipse.swt.widgets.Label.class, InstallPage.STORAGE_NOTE_ID).getText();
		assertTrue(note.startsWith("The disks of tpl-ui are copied: web-ui.qcow2 ("), note);
		bot.click(bot.widgetById(Button.class, InstallPage.ADD_DISK_ID));
		Table disks = bot.widgetById(Table.class, InstallPage.DISKS_ID);
		assertEquals("web-ui-2.qcow2", disks.getItem(0).getText(0), "numbered after the copied disk");
		assertEquals("1 GiB", disks.getItem(0).getText(1));
		bot.click(bot.button(wizard, "Next >"));
		bot.click(bot.widgetById(Button.class, InstallPage.ADD_NIC_ID));
		bot.click(bot.widgetById(Button.class, InstallPage.ADD_NIC_ID));
		assertEquals(2, bot.widgetById(Table.class, InstallPage.NICS_ID).getItemCount());
		bot.click(bot.button(wizard, "Next >"));
		bot.waitUntil("the checks pass", () -> bot.button(wizard, "Finish").isEnabled(), Duration.ofSeconds(30));
		String summary = bot.widgetById(Text.class, InstallPage.SUMMARY_ID).getText();
		assertTrue(summary.startsWith("web-ui on qemu-east, a full copy of tpl-ui\n2 vCPU, 96 MiB memory"), summary);
		assertTrue(summary.contains("New disk web-ui-2.qcow2: 1 GiB in pool images\nNIC 1 on network lab\nNIC 2 on network lab"), summary);
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "new-vm-from-template.png"));
		bot.click(bot.button(wizard, "Finish"));
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(60));
		VirtualMachine web = waitForVm(eastHost, "web-ui");
		bot.waitUntil("web-ui with its shape", () -> inventory.service().query(i -> web.getDisks().size() == 2 && web.getNics().size() == 2),
				Duration.ofSeconds(30));
		assertEquals(2, inventory.service().query(i -> web.getVcpus()));
		assertEquals(96L << 20, inventory.service().query(i -> web.getMemory()));
		assertEquals("Front end\nHostname: web01", inventory.service().query(i -> web.getDescription()));
		assertTrue(Files.exists(east.images().resolve("web-ui.qcow2")) && Files.exists(east.images().resolve("web-ui-2.qcow2")));
		assertTrue(inventory.service().query(i -> i.getTasks().stream().anyMatch(t -> t.getOperation().equals("Clone tpl-ui as web-ui")
				&& t.getOutcome() == org.hostdeck.model.TaskOutcome.SUCCEEDED)), "recorded in the task history");
	}
}
