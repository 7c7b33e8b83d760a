package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two real QEMU hosts ({@code qemu-east}, {@code qemu-west}, each with a pool {@code images}) in
 * the workbench's inventory, connected; the windows titled {@link #windows()} are closed and the
 * hosts removed and stopped after each test. Skipped where the machine cannot run them.
 */
public abstract class TwoQemuHostsInWorkbench {

	protected final UiBot bot = new UiBot();
	protected InventoryPage inventory;
	protected QemuSessionHost east;
	protected QemuSessionHost west;
	protected Host eastHost;
	protected Host westHost;

	/** Titles of the windows the test may leave open. */
	protected abstract List<String> windows();

	@BeforeEach
	protected void startHosts() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		inventory = new InventoryPage(bot);
		east = QemuSessionHost.start(5);
		west = QemuSessionHost.start(6);
		east.startImagesPool();
		west.startImagesPool();
		eastHost = inventory.service().addHost("qemu-east", east.uri());
		westHost = inventory.service().addHost("qemu-west", west.uri());
		assertTrue(inventory.service().connect(eastHost, new NullProgressMonitor()).isOK());
		assertTrue(inventory.service().connect(westHost, new NullProgressMonitor()).isOK());
	}

	@AfterEach
	protected void stopHosts() throws Exception {
		for (Shell shell : bot.display().getShells()) {
			if (!shell.isDisposed() && windows().contains(shell.getText())) {
				shell.close();
			}
		}
		for (Host host : new Host[] { eastHost, westHost }) {
			if (host != null) {
				inventory.service().removeHost(host);
			}
		}
		for (QemuSessionHost q : new QemuSessionHost[] { east, west }) {
			if (q != null) {
				q.close();
			}
		}
	}

	/** Waits for VM {@code name} on {@code host} in the model and answers the one found then. */
	protected VirtualMachine waitForVm(Host host, String name) {
		VirtualMachine[] found = new VirtualMachine[1];
		bot.waitUntil(name + " in the model", () -> (found[0] = vm(host, name)) != null, java.time.Duration.ofSeconds(30));
		return found[0];
	}

	protected VirtualMachine vm(Host host, String name) {
		return inventory.service().query(i -> host.getVms().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null));
	}
}
