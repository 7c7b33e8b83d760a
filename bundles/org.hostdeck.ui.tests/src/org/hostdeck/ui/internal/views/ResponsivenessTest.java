package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;

import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.junit.jupiter.api.Test;

/**
 * The UI thread never waits for a hypervisor: with a real host whose daemon is frozen (SIGSTOP),
 * connecting to it hangs in a job while the display loop keeps answering within 100 ms.
 */
class ResponsivenessTest {

	private final UiBot bot = new UiBot();

	@Test
	void aFrozenHostDoesNotFreezeTheWorkbench() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86 and root");
		InventoryPage inventory = new InventoryPage(bot);
		try (QemuSessionHost qemu = QemuSessionHost.start(5)) {
			qemu.freeze();
			new ConnectHostsJob(inventory.service(), List.of(qemu.uri())).schedule();
			bot.waitUntil("the frozen host in the inventory", () -> inventory.service()
					.query(i -> i.getHosts().stream().anyMatch(h -> qemu.uri().equals(h.getUri()))));
			Host frozen = inventory.service().query(i -> i.getHosts().stream()
					.filter(h -> qemu.uri().equals(h.getUri())).findFirst().get());

			long worst = java.util.Collections.max(bot.eventLoopLateness(Duration.ofSeconds(3), () -> {
			}));
			assertEquals(HostState.CONNECTING, inventory.service().query(i -> frozen.getState()), "still waiting for the host");
			assertTrue(worst < 100, "the display loop answered within " + worst + " ms at worst");

			qemu.thaw();
			bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
			assertEquals(HostState.CONNECTED, inventory.service().query(i -> frozen.getState()));
			inventory.service().removeHost(frozen);
		}
	}
}
