package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Inventory view in the real workbench, started on the embedded demo (real libvirt test hosts). */
class InventoryViewTest {

	private final UiBot bot = new UiBot();
	private InventoryService service;
	private Tree tree;

	@BeforeEach
	void demoIsConnected() throws Exception {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		page().showView(InventoryView.ID);
		service = InventoryHolder.get();
		bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
		bot.waitUntil("demo hosts connected", () -> service.query(i -> i.getHosts().size() == 3
				&& i.getHosts().stream().allMatch(h -> h.getState() == HostState.CONNECTED)));
		tree = bot.widgetById(Tree.class, InventoryView.TREE_ID);
	}

	private IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	private TreeItem hostItem(String name) {
		bot.waitUntil("host " + name + " in the tree",
				() -> Arrays.stream(tree.getItems()).anyMatch(i -> i.getText().startsWith(name + " ")));
		return Arrays.stream(tree.getItems()).filter(i -> i.getText().startsWith(name + " ")).findFirst().get();
	}

	@Test
	void perspectiveShowsInventoryAndProperties() {
		IWorkbenchPage page = page();
		page.resetPerspective();
		assertNotNull(page.findView(InventoryView.ID));
		assertNotNull(page.findView(IPageLayout.ID_PROP_SHEET));
	}

	@Test
	void demoHostsAreListedWithTheirVmsStorageAndNetworks() {
		InventoryView view = (InventoryView) page().findView(InventoryView.ID);
		assertSame(view.getViewer().getTree(), tree);
		assertSame(view.getViewer(), view.getSite().getSelectionProvider());
		List<String> hosts = Arrays.stream(tree.getItems()).map(i -> i.getText().split(" ")[0]).sorted().toList();
		assertEquals(List.of("hv-brno", "hv-lab", "hv-prague"), hosts);

		TreeItem prague = hostItem("hv-prague");
		assertTrue(prague.getText().contains("24 VMs") && prague.getText().contains("64 CPUs")
				&& prague.getText().contains("512 GiB"), prague.getText());
		view.getViewer().expandToLevel(service.query(i -> i.getHosts().stream()
				.filter(h -> h.getName().equals("hv-prague")).findFirst().get()), 1);
		bot.flush();
		List<String> children = Arrays.stream(prague.getItems()).map(TreeItem::getText).toList();
		assertEquals(24 + 2, children.size(), children.toString());
		assertTrue(children.stream().anyMatch(t -> t.startsWith("db-01") && t.contains("running")), children.toString());
		assertTrue(children.stream().anyMatch(t -> t.startsWith("win-build") && t.contains("shut off")), children.toString());
		assertEquals("Storage", children.get(24));
		assertEquals("Networks", children.get(25));
	}

	@Test
	void filtersByTextAndPowerState() {
		org.eclipse.swt.widgets.Text search = bot.widgetById(org.eclipse.swt.widgets.Text.class, InventoryView.FILTER_TEXT_ID);
		org.eclipse.swt.widgets.Combo state = bot.widgetById(org.eclipse.swt.widgets.Combo.class, InventoryView.FILTER_STATE_ID);
		try {
			bot.typeText(search, "DB-");
			bot.waitUntil("only hosts with db VMs", () -> tree.getItemCount() == 2);
			List<String> vms = new java.util.ArrayList<>();
			for (TreeItem host : tree.getItems()) {
				for (TreeItem vm : host.getItems()) {
					vms.add(vm.getText().split(" ")[0]);
				}
			}
			assertEquals(List.of("db-replica-01", "db-replica-02", "db-01", "db-02", "db-03"), vms);

			bot.typeText(search, "");
			state.select(2); // shut off
			state.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
			bot.flush();
			for (TreeItem host : tree.getItems()) {
				for (TreeItem vm : host.getItems()) {
					assertTrue(vm.getText().contains("shut off"), vm.getText());
				}
			}
		} finally {
			bot.typeText(search, "");
			state.select(0);
			state.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
			bot.flush();
		}
		assertEquals(3, tree.getItemCount(), "clearing the filter shows every host again");
	}

	@Test
	void aPowerChangeOnTheHostShowsInTheTree() {
		Host lab = service.query(i -> i.getHosts().stream().filter(h -> h.getName().equals("hv-lab")).findFirst().get());
		VirtualMachine scratch = service.query(i -> lab.getVms().stream()
				.filter(v -> v.getName().equals("scratch")).findFirst().get());
		InventoryView view = (InventoryView) page().findView(InventoryView.ID);
		view.getViewer().expandToLevel(lab, 1);
		TreeItem labItem = hostItem("hv-lab");
		// the virtual tree binds the rows as GTK asks for them: waited for, not assumed after one flush
		TreeItem[] found = new TreeItem[1];
		bot.waitUntil("scratch under hv-lab", () -> {
			found[0] = Arrays.stream(labItem.getItems()).filter(i -> i.getText().startsWith("scratch ")).findFirst().orElse(null);
			return found[0] != null;
		});
		TreeItem item = found[0];
		assertTrue(item.getText().contains("shut off"), item.getText());

		// the job a user's "Power on" runs; here off the UI thread, as the UI runs it
		IStatus[] result = new IStatus[1];
		Thread worker = new Thread(() -> result[0] = new VmPowerOperation(service, scratch, PowerAction.START)
				.execute(new NullProgressMonitor()));
		worker.start();
		bot.waitUntil("power on to finish", () -> !worker.isAlive());
		assertTrue(result[0].isOK(), result[0].getMessage());
		bot.waitUntil("the tree to show scratch running", () -> item.getText().contains("running"));

		new Thread(() -> new VmPowerOperation(service, scratch, PowerAction.FORCE_OFF).execute(new NullProgressMonitor())).start();
		bot.waitUntil("the tree to show scratch shut off", () -> item.getText().contains("shut off"));
	}
}
