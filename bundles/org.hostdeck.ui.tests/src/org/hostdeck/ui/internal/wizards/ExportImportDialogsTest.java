package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.archive.ArchiveVerifier;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and Import in the workbench with two real QEMU hosts: two VMs exported in one go (a
 * job each, recorded), then one imported as a copy on the other host through the Import dialog,
 * whose pre-checks gate the Import button.
 */
class ExportImportDialogsTest extends TwoQemuHostsInWorkbench {

	@TempDir
	Path work;

	@Override
	protected List<String> windows() {
		return List.of(Messages.Export_title, Messages.Import_title);
	}

	private VirtualMachine shutOffOnEast(String name) throws Exception {
		Path disk = east.spinningDisk(name);
		east.virsh("pool-refresh", "images");
		inventory.service().session(eastHost).connection().define(QemuSessionHost.domainXml(name, disk));
		return waitForVm(eastHost, name);
	}

	@Test
	void twoVmsExportedInOneGoThenOneImportedAsACopyOnTheOtherHost() throws Exception {
		VirtualMachine web = shutOffOnEast("web-ui");
		VirtualMachine db = shutOffOnEast("db-ui");
		inventory.select(List.of(web, db));
		bot.waitUntil("Export... enabled", () -> inventory.enabled("org.hostdeck.ui.vm.export"));
		assertTrue(inventory.contextMenu().contains("Export..."), inventory.contextMenu().toString());
		inventory.run("org.hostdeck.ui.vm.export");
		Shell export = bot.shell(Messages.Export_title);
		bot.typeText(bot.widgetById(Text.class, ExportDialog.FOLDER_ID), work.toString());
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "export-dialog.png"));
		bot.click(bot.button(export, "Export"));
		bot.waitUntil("the dialog closed", export::isDisposed);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
		for (String name : List.of("web-ui", "db-ui")) {
			assertEquals("disk-0.zst", ArchiveVerifier.verify(work.resolve(name), new NullProgressMonitor()).files().get(1).name());
		}
		bot.waitUntil("both exports recorded as done", () -> inventory.service().query(i -> i.getTasks().stream()
				.filter(t -> (t.getOperation().startsWith("Export web-ui ") || t.getOperation().startsWith("Export db-ui "))
						&& t.getOutcome() == TaskOutcome.SUCCEEDED).count()) >= 2);
		assertTrue(inventory.service().query(i -> i.getTasks().stream()
				.filter(t -> t.getOperation().startsWith("Export web-ui ") || t.getOperation().startsWith("Export db-ui "))
				.allMatch(t -> t.getMessage().endsWith(", verified"))), "Verify after export is on by default");

		inventory.run("org.hostdeck.ui.vm.import");
		Shell dialog = bot.shell(Messages.Import_title);
		bot.typeText(bot.widgetById(Text.class, ImportDialog.FOLDER_ID), work.resolve("web-ui").toString());
		Combo host = bot.widgetById(Combo.class, ImportDialog.HOST_ID);
		host.select(List.of(host.getItems()).indexOf("qemu-west"));
		host.notifyListeners(SWT.Selection, new Event());
		bot.waitUntil("the pre-checks pass", () -> bot.widgetById(Text.class, ImportDialog.CHECKS_ID).getText().equals("All pre-checks passed."),
				Duration.ofSeconds(30));
		assertEquals("web-ui-copy", bot.widgetById(Text.class, ImportDialog.NAME_ID).getText(), "a copy by default, named after it");
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "import-dialog.png"));
		bot.click(bot.button(dialog, "Import"));
		bot.waitUntil("the dialog closed", dialog::isDisposed);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
		bot.waitUntil("the copy on qemu-west", () -> vm(westHost, "web-ui-copy") != null, Duration.ofSeconds(30));
		assertTrue(Files.exists(west.images().resolve("web-ui-copy.qcow2")));
	}

	@Test
	void aVmExportedAsOvaAndTheOvaImportedOnTheOtherHost() throws Exception {
		VirtualMachine app = shutOffOnEast("app-ova");
		inventory.select(List.of(app));
		bot.waitUntil("Export... enabled", () -> inventory.enabled("org.hostdeck.ui.vm.export"));
		inventory.run("org.hostdeck.ui.vm.export");
		Shell export = bot.shell(Messages.Export_title);
		bot.typeText(bot.widgetById(Text.class, ExportDialog.FOLDER_ID), work.toString());
		Button ova = bot.widgetById(Button.class, ExportDialog.OVA_ID);
		bot.click(ova);
		bot.waitUntil("OVA chosen", ova::getSelection);
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "export-ova-dialog.png"));
		bot.click(bot.button(export, "Export"));
		bot.waitUntil("the dialog closed", export::isDisposed);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
		Path package_ = work.resolve("app-ova.ova");
		bot.waitUntil("the OVA written", () -> Files.exists(package_), Duration.ofSeconds(30));

		inventory.run("org.hostdeck.ui.vm.import");
		Shell dialog = bot.shell(Messages.Import_title);
		bot.typeText(bot.widgetById(Text.class, ImportDialog.FOLDER_ID), package_.toString());
		Combo host = bot.widgetById(Combo.class, ImportDialog.HOST_ID);
		host.select(List.of(host.getItems()).indexOf("qemu-west"));
		host.notifyListeners(SWT.Selection, new Event());
		assertFalse(bot.widgetById(Button.class, ImportDialog.KEEP_ID).isEnabled(), "an OVA is always a new VM");
		bot.typeText(bot.widgetById(Text.class, ImportDialog.NAME_ID), "app-from-ova");
		bot.waitUntil("the pre-checks pass", () -> bot.widgetById(Text.class, ImportDialog.CHECKS_ID).getText().equals("All pre-checks passed."),
				Duration.ofSeconds(30));
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "import-ova-dialog.png"));
		bot.click(bot.button(dialog, "Import"));
		bot.waitUntil("the dialog closed", dialog::isDisposed);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
		bot.waitUntil("the VM on qemu-west", () -> vm(westHost, "app-from-ova") != null, Duration.ofSeconds(30));
		assertTrue(inventory.service().query(i -> i.getTasks().stream().anyMatch(t -> t.getOperation().equals("Import app-ova.ova to qemu-west")
				&& t.getOutcome() == TaskOutcome.SUCCEEDED && t.getMessage().endsWith("everything mapped."))));
	}
}
