package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceSampler;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.charts.PerformanceCharts;
import org.hostdeck.ui.internal.charts.PerformanceCharts.Kind;
import org.hostdeck.ui.internal.editors.HostEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Performance view and the host editor's Utilization page on the demo's test-driver hosts. */
class PerformanceViewTest {

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;
	private final PerformanceSampler sampler = InventoryHolder.sampler();
	private Duration interval;

	@BeforeEach
	void fastSamples() throws Exception {
		inventory = new InventoryPage(bot);
		interval = sampler.interval();
		sampler.setInterval(Duration.ofMillis(250)); // the 5 s default would make the test wait half a minute
	}

	@AfterEach
	void restore() {
		sampler.setInterval(interval);
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
	}

	@Test
	void followsTheInventorySelectionAndDrawsTheSelectedVmsGraphs() throws Exception {
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		PerformanceView view = (PerformanceView) page.showView(PerformanceView.ID);
		VirtualMachine vm = inventory.vms("hv-prague", PowerState.RUNNING, 1).get(0);
		page.activate(inventory.view());
		inventory.select(List.of(vm));
		PerformanceCharts charts = view.charts();
		bot.waitUntil("the view to follow the selection", () -> charts.target() == vm);
		assertTrue(charts.heading().contains(vm.getName()), charts.heading());

		bot.waitUntil("three CPU points", () -> charts.pointCount(Kind.CPU) >= 3, Duration.ofSeconds(30));
		assertTrue(charts.latest(Kind.CPU).matches("\\d+\\.\\d %"), charts.latest(Kind.CPU));
		long memory = inventory.service().query(i -> vm.getMemory());
		assertEquals(org.hostdeck.model.util.Sizes.format(memory), charts.latest(Kind.MEMORY),
				"the guest's memory as libvirt reports it");
		assertTrue(charts.latest(Kind.DISK).startsWith("Read "), charts.latest(Kind.DISK));
		assertTrue(charts.latest(Kind.NETWORK).contains("Sent "), charts.latest(Kind.NETWORK));

		Combo resolution = bot.widgetById(Combo.class, "performance.resolution");
		assertEquals(List.of("Last 10 minutes", "Last 2 hours", "Last week", "Last year"), List.of(resolution.getItems()));
		charts.setResolution(Resolution.MINUTES);
		assertTrue(charts.pointCount(Kind.CPU) >= 1, "the minute now filling averages the samples so far");
		assertTrue(charts.pointCount(Kind.CPU) <= 2, "a minute of samples is one or two points");
		charts.setResolution(Resolution.RECENT);

		page.activate(view);
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
		bot.waitUntil("ten CPU points", () -> charts.pointCount(Kind.CPU) >= 10, Duration.ofSeconds(30));
		bot.flush();
		assertTrue(bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "performance-view.png")) > 20);
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);

		// a disk of another VM shows that VM; a shut-off VM has nothing to draw
		VirtualMachine off = inventory.vms("hv-prague", PowerState.SHUT_OFF, 1).get(0);
		page.activate(inventory.view());
		inventory.select(List.of(off));
		bot.waitUntil("the view to show the shut-off VM", () -> charts.target() == off);
		assertEquals(0, charts.pointCount(Kind.CPU));
	}

	@Test
	void theHostEditorsUtilizationPageAddsUpTheHostsVms() throws Exception {
		Host host = inventory.host("hv-brno");
		HostEditor editor = (HostEditor) inventory.view().openEditor(host);
		editor.setActivePage("utilization");
		PerformanceCharts charts = editor.utilization();
		assertTrue(charts.heading().contains("hv-brno"), charts.heading());
		bot.waitUntil("host samples", () -> charts.pointCount(Kind.MEMORY) >= 2, Duration.ofSeconds(30));
		long running = inventory.service().query(i -> host.getVms().stream()
				.filter(v -> v.getPowerState() == PowerState.RUNNING || v.getPowerState() == PowerState.PAUSED)
				.mapToLong(VirtualMachine::getMemory).sum());
		long sampled = sampler.samples(host).get(sampler.samples(host).size() - 1).memory();
		assertEquals(running, sampled, "the host's memory line is the sum of its running VMs");
		assertTrue(bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "host-utilization.png")) > 20);
	}
}
