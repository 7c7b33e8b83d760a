package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.placement.Plan;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.placement.internal.PlacementView;
import org.junit.jupiter.api.Test;

/** The Placement view on the demo inventory: the current placement explained, then a plan in each mode. */
class PlacementViewTest {

	private final UiBot bot = new UiBot();

	@org.junit.jupiter.api.AfterEach
	void restoreTheLayout() {
		var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		var placement = page.findViewReference(PlacementView.ID);
		if (placement != null) {
			page.setPartState(placement, org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
		}
		bot.flush();
	}

	private static Set<String> hostsInUse(Plan plan) {
		return plan.assignment().values().stream().filter(h -> h != null).collect(Collectors.toSet());
	}

	@Test
	void showsTheCurrentPlacementAndPlansInBothModes() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		PlacementView view = (PlacementView) page.showView(PlacementView.ID);
		page.setPartState(page.getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED); // as a double-click on its tab does
		bot.waitUntil("the current placement", () -> view.current() != null);
		Table hosts = bot.widgetById(Table.class, PlacementView.HOSTS_ID);
		Table violations = bot.widgetById(Table.class, PlacementView.VIOLATIONS_ID);
		Table moves = bot.widgetById(Table.class, PlacementView.MOVES_ID);
		assertEquals(3, hosts.getItemCount(), "one row per demo host");
		assertEquals(view.current().violations().size(), violations.getItemCount());
		assertEquals(inventory.service().query(i -> i.getHosts().stream().mapToLong(h -> h.getVms().stream()
				.filter(vm -> vm.getPowerState() != org.hostdeck.model.PowerState.SHUT_OFF).count()).sum()),
				(long) view.current().assignment().size(), "every VM that runs is placed");

		// measured VMs have a day: the heat map shows hour by hour how busy each host is
		org.hostdeck.core.inventory.PerformanceSampler sampler = org.hostdeck.ui.internal.InventoryHolder.sampler();
		Duration interval = sampler.interval();
		sampler.setInterval(Duration.ofMillis(250));
		org.hostdeck.model.VirtualMachine running = inventory.vms("hv-prague", org.hostdeck.model.PowerState.RUNNING, 1).get(0);
		bot.waitUntil("an hourly sample", () -> !sampler.samples(running, org.hostdeck.core.inventory.PerformanceArchive.Resolution.HOURS).isEmpty(),
				Duration.ofSeconds(30));
		try {
			bot.click(bot.widgetById(Button.class, PlacementView.REFRESH_ID));
			bot.waitUntil("a day in the heat map", () -> !Double.isNaN(view.heat(0, 0)));
		} finally {
			sampler.setInterval(interval); // (a new interval starts the archives afresh)
		}
		assertEquals(24, view.current().loads().values().iterator().next()[0].length, "24 hours of load per host");
		int hour = java.time.LocalTime.now().getHour();
		assertTrue(java.util.stream.IntStream.range(0, 3).anyMatch(row -> view.heat(row, hour) > 0), "the hosts are busy this hour");

		bot.click(bot.widgetById(Button.class, PlacementView.PLAN_ID));
		bot.waitUntil("a plan", () -> view.planned() != null, Duration.ofSeconds(60));
		bot.waitForJobs(PlacementView.FAMILY, Duration.ofSeconds(60));
		Plan balanced = view.planned();
		assertTrue(balanced.hard() <= view.current().hard() + 1e-6, "a plan breaks no more rules than now: " + balanced.hard() + " vs " + view.current().hard() + " " + balanced.violations());
		assertEquals(balanced.moves().size(), moves.getItemCount());
		assertEquals(balanced.violations().size(), violations.getItemCount());
		assertTrue(hosts.getItem(0).getText(1).contains("\u2192"), "now and planned load: " + hosts.getItem(0).getText(1));
		assertTrue(bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "placement-view.png")) > 20);

		// what if a VM of hv-lab ran on hv-prague (as when one is dragged there from the Inventory)?
		org.hostdeck.model.VirtualMachine lab = inventory.vms("hv-lab", org.hostdeck.model.PowerState.RUNNING, 1).get(0);
		org.hostdeck.placement.PlacementHost prague = java.util.Arrays.stream(hosts.getItems())
				.map(item -> (org.hostdeck.placement.PlacementHost) item.getData()).filter(h -> h.name().equals("hv-prague")).findFirst().get();
		assertTrue(view.whatIf(java.util.List.of(lab), prague));
		assertEquals(1, view.planned().moves().size());
		assertEquals(prague.id(), view.planned().moves().get(0).to());
		assertEquals(prague.id(), view.planned().assignment().get(lab.getUuid()));
		assertEquals(1, moves.getItemCount());

		view.setMode(1);
		bot.click(bot.widgetById(Button.class, PlacementView.PLAN_ID));
		Plan whatIf = view.planned();
		bot.waitUntil("a density plan", () -> view.planned() != null && view.planned() != whatIf, Duration.ofSeconds(60));
		assertTrue(hostsInUse(view.planned()).size() <= hostsInUse(view.current()).size(),
				"density uses no more hosts than now: " + hostsInUse(view.planned()));
	}

	@Test
	void physicalServersFromCsvArePlannedOntoTheHosts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		new InventoryPage(bot);
		var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		PlacementView view = (PlacementView) page.showView(PlacementView.ID);
		bot.waitUntil("the current placement", () -> view.current() != null);

		java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.csv"), "name,processors,mhz,utilization,memory,network,disk\nmail,four,1000,40,12,80,15\n");
		assertEquals("bad.csv cannot be read: Line 2: 'four' in column processors is not a whole number. Write digits, with a dot for decimals, e.g. 4.",
				view.importServers(bad));

		java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("servers.csv"),
				"name,processors,mhz,utilization,memory,network,disk\nold-mail,4,1000,40,4,80,15\nold-files,2,2400,10,2,300,60\n");
		view.setOvercommit(8.0); // the demo's VMs were never measured: they count all their vCPUs
		assertEquals(null, view.importServers(csv));
		assertEquals(2, view.current().violations().stream().filter(v -> v.message().endsWith("has no host: no host has room for it.")
				|| v.rule().equals("unplaced")).count(), view.current().violations().toString());

		view.setMode(1);
		bot.click(bot.widgetById(Button.class, PlacementView.PLAN_ID));
		bot.waitUntil("a plan", () -> view.planned() != null, Duration.ofSeconds(60));
		bot.waitForJobs(PlacementView.FAMILY, Duration.ofSeconds(60));
		assertTrue(view.planned().assignment().get("server:old-mail") != null && view.planned().assignment().get("server:old-files") != null,
				"both servers get a host: " + view.planned().moves());
		assertTrue(view.planned().moves().stream().anyMatch(m -> m.vm().equals("server:old-mail") && m.from() == null));
		view.setOvercommit(1.0);
		view.setMode(0);
	}
}
