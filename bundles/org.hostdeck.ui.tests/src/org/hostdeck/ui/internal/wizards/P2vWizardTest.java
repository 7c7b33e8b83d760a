package org.hostdeck.ui.internal.wizards;

import static org.hostdeck.tests.support.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The P2V wizard in the workbench: a real sshd on loopback in front of this machine, whose disk
 * to convert is a loop device the test makes; the host key is asked about and trusted, discovery
 * shows the disk, the plan puts the VM on qemu-east, the pre-checks pass, and the VM appears.
 */
class P2vWizardTest extends TwoQemuHostsInWorkbench {

	@TempDir
	Path work;

	@Override
	protected List<String> windows() {
		return List.of(Messages.P2v_title, Messages.P2v_hostKeyTitle);
	}

	@Test
	void aServerIsDiscoveredPlannedAndConvertedOntoAHost() throws Exception {
		assumeTrue(SshServer.available(), "needs openssh-server");
		Path image = serverDisk(work.resolve("server.img"));
		String loop = run("losetup", "-f", "--show", image.toString()).trim();
		Path oldKnownHosts = P2vWizard.knownHosts;
		P2vWizard.knownHosts = work.resolve("known_hosts");
		try (SshServer server = SshServer.start()) {
			Shell wizard = discover(server, loop, "p2v-ui");
			Table target = bot.widgetById(Table.class, P2vWizard.TARGET_ID);
			int eastRow = -1;
			for (int row = 0; row < target.getItemCount(); row++) {
				if ("qemu-east".equals(target.getItem(row).getText(0))) {
					eastRow = row;
				}
			}
			target.setSelection(eastRow);
			target.notifyListeners(SWT.Selection, new Event());
			// the hosts rated for the VM-to-be by the load discovery measured: stars, or 0 with what a host lacks
			P2vWizard.PlanPage planPage = (P2vWizard.PlanPage) ((org.eclipse.jface.wizard.WizardDialog) wizard.getData()).getCurrentPage();
			bot.waitUntil("star ratings for the server", () -> !planPage.rating(eastHost).isEmpty(), Duration.ofSeconds(30));
			assertTrue(planPage.rating(eastHost).matches("\u2605+\u2606* \\d\\.\\d") || planPage.rating(eastHost).startsWith("0: "),
					planPage.rating(eastHost));
			bot.waitUntil("the rating in the table", () -> planPage.rating(eastHost).equals(target.getItem(target.getSelectionIndex()).getText(1)),
					Duration.ofSeconds(10));
			bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "p2v-plan.png"));
			bot.click(bot.button(wizard, "Next >"));
			Text checks = bot.widgetById(Text.class, P2vWizard.CHECKS_ID);
			bot.waitUntil("the pre-checks done", () -> !checks.getText().equals(Messages.Install_checking), Duration.ofSeconds(30));
			assertTrue(checks.getText().startsWith("All pre-checks passed"), checks.getText());
			bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "p2v-summary.png"));
			bot.click(bot.button(wizard, "Finish"));
			bot.waitUntil("the wizard closed", wizard::isDisposed);
			bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
			bot.waitUntil("the VM on qemu-east", () -> vm(eastHost, "p2v-ui") != null, Duration.ofSeconds(30));
			assertTrue(inventory.service().query(i -> i.getTasks().stream().anyMatch(t -> t.getOperation().startsWith("Convert ")
					&& t.getOperation().endsWith(" to VM p2v-ui on qemu-east") && t.getOutcome() == TaskOutcome.SUCCEEDED)));
			assertEquals(Files.size(image), Files.size(east.images().resolve("p2v-ui.img")));
		} finally {
			P2vWizard.knownHosts = oldKnownHosts;
			run("losetup", "-d", loop);
		}
	}

	@Test
	void aServerIsConvertedIntoAFolderForALaterImport() throws Exception {
		assumeTrue(SshServer.available(), "needs openssh-server");
		String loop = run("losetup", "-f", "--show", serverDisk(work.resolve("folder-server.img")).toString()).trim();
		Path oldKnownHosts = P2vWizard.knownHosts;
		P2vWizard.knownHosts = work.resolve("known_hosts_2");
		Path export = work.resolve("share/p2v-export");
		try (SshServer server = SshServer.start()) {
			Shell wizard = discover(server, loop, "p2v-folder");
			Text folder = bot.widgetById(Text.class, P2vWizard.FOLDER_ID);
			assertFalse(folder.isEnabled(), "the folder only counts once chosen");
			bot.click(bot.widgetById(org.eclipse.swt.widgets.Button.class, P2vWizard.TO_FOLDER_ID));
			assertFalse(bot.widgetById(Table.class, P2vWizard.TARGET_ID).isEnabled(), "no host for an export");
			bot.typeText(folder, export.toString());
			bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "p2v-folder.png"));
			bot.click(bot.button(wizard, "Next >"));
			Text checks = bot.widgetById(Text.class, P2vWizard.CHECKS_ID);
			bot.waitUntil("the pre-checks done", () -> !checks.getText().equals(Messages.Install_checking), Duration.ofSeconds(30));
			assertTrue(checks.getText().startsWith("All pre-checks passed: Convert ") && checks.getText().contains(" in folder " + export),
					checks.getText());
			bot.click(bot.button(wizard, "Finish"));
			bot.waitUntil("the wizard closed", wizard::isDisposed);
			bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(120));
			assertTrue(inventory.service().query(i -> i.getTasks().stream().anyMatch(t -> t.getOperation().endsWith(" to VM p2v-folder in folder " + export)
					&& t.getOutcome() == TaskOutcome.SUCCEEDED)));
			org.hostdeck.core.archive.ArchiveVerifier.verify(export, new org.eclipse.core.runtime.NullProgressMonitor());
			assertTrue(Files.readString(export.resolve("vm.xml")).contains("name=\"p2v-folder\""));
		} finally {
			P2vWizard.knownHosts = oldKnownHosts;
			run("losetup", "-d", loop);
		}
	}

	/** 16 MiB: a boot sector at the start, zeros after it. */
	private static Path serverDisk(Path image) throws java.io.IOException {
		try (var file = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
				java.nio.file.StandardOpenOption.WRITE)) {
			file.write(ByteBuffer.wrap(QemuSessionHost.bootSector()), 0);
			file.truncate(16L << 20);
			file.write(ByteBuffer.wrap(new byte[1]), (16L << 20) - 1);
		}
		return image;
	}

	/**
	 * Opens the wizard, discovers {@code server} (trusting its key when asked), and fills the
	 * plan page's name, memory and disk ({@code loop} only); returns the wizard on its plan page.
	 */
	private Shell discover(SshServer server, String loop, String name) throws Exception {
		server.authorizeClientKey();
		inventory.run("org.hostdeck.ui.vm.p2v");
		Shell wizard = bot.shell(Messages.P2v_title);
		bot.typeText(bot.widgetById(Text.class, P2vWizard.HOST_ID), "127.0.0.1");
		Spinner port = bot.widgetById(Spinner.class, P2vWizard.PORT_ID);
		port.setSelection(server.port());
		bot.typeText(bot.widgetById(Text.class, P2vWizard.KEY_ID), server.clientKey().toString());
		String[] question = new String[1];
		bot.whenShellOpens(Messages.P2v_hostKeyTitle, shell -> {
			question[0] = bot.widget(org.eclipse.swt.widgets.Label.class, "the question", l -> l.getShell() == shell && l.getText().contains("SHA256:"))
					.getText();
			bot.click(bot.button(shell, "Trust"));
		});
		bot.click(bot.widgetById(org.eclipse.swt.widgets.Button.class, P2vWizard.DISCOVER_ID));
		Text facts = bot.widgetById(Text.class, P2vWizard.FACTS_ID);
		bot.waitUntil("the server discovered", () -> facts.getText().contains("Disk " + loop + ": 16 MiB"), Duration.ofSeconds(60));
		assertTrue(question[0] != null && question[0].contains(server.hostKeyFingerprint()), String.valueOf(question[0]));
		assertTrue(Files.readString(P2vWizard.knownHosts).startsWith("[127.0.0.1]:" + server.port() + " "), "the key is remembered");
		bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "p2v-source.png"));

		bot.click(bot.button(wizard, "Next >"));
		bot.typeText(bot.widgetById(Text.class, P2vWizard.NAME_ID), name);
		bot.widgetById(Spinner.class, P2vWizard.MEMORY_ID).setSelection(64); // the server's own memory is this whole machine's
		Table disks = bot.widgetById(Table.class, P2vWizard.DISKS_ID);
		for (TableItem item : disks.getItems()) {
			item.setChecked(loop.equals(item.getData())); // only the test's disk, never this machine's own
		}
		return wizard;
	}
}
