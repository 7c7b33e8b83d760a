package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.InventoryHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's navigator figures: a libvirt host with 10,000 VMs in the Inventory view of the real
 * workbench, against a plain SWT virtual Tree holding the same 10,000 names, same size, same run.
 * Each figure is the median of 7 runs after 3 warm-ups; a run ends when the tree has painted.
 */
class NavigatorBenchmark {

	private static final int VMS = 10_000;
	private static final int WARMUP = Integer.getInteger("hostdeck.benchmark.warmup", 3); //$NON-NLS-1$
	private static final int RUNS = Integer.getInteger("hostdeck.benchmark.runs", 7); //$NON-NLS-1$
	private static final String FILTER = "vm-09"; //$NON-NLS-1$

	@TempDir
	Path dir;

	private final UiBot bot = new UiBot();
	private final Display display = Display.getCurrent();

	@Test
	void expandingAndFilteringAHostOf10000Vms() throws Exception {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		InventoryView view = (InventoryView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
				.showView(InventoryView.ID);
		InventoryService service = InventoryHolder.get();
		TestHostFile file = new TestHostFile("bench").vms("vm", VMS); //$NON-NLS-1$ //$NON-NLS-2$
		String uri = file.writeTo(dir);
		Host host = service.addHost("bench-10k", uri); //$NON-NLS-1$
		IStatus[] connected = new IStatus[1];
		Thread connect = new Thread(() -> connected[0] = service.connect(host, new NullProgressMonitor()));
		connect.start();
		bot.waitUntil("10,000 VMs synced", () -> !connect.isAlive(), Duration.ofMinutes(3));
		assertTrue(connected[0].isOK(), connected[0].getMessage());
		assertTrue(service.query(i -> host.getState() == HostState.CONNECTED && host.getVms().size() == VMS));
		bot.flush();

		Tree tree = view.getViewer().getTree();
		Text search = bot.widgetById(Text.class, InventoryView.FILTER_TEXT_ID);
		int width = tree.getSize().x;
		int height = tree.getSize().y;

		// the peer: a plain virtual Tree, same names, same size, an image per row like ours
		List<String> names = service.query(i -> host.getVms().stream().map(v -> v.getName()).sorted().toList());
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		Tree plain = new Tree(shell, SWT.VIRTUAL | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		Image image = new Image(display, 16, 16);
		List<String>[] shown = new List[] { names };
		plain.addListener(SWT.SetData, e -> {
			TreeItem item = (TreeItem) e.item;
			if (item.getParentItem() == null) {
				item.setText("bench-10k"); //$NON-NLS-1$
				item.setImage(image);
				item.setItemCount(shown[0].size());
			} else {
				int index = item.getParentItem().indexOf(item);
				item.setText(shown[0].get(index) + "  running \u00b7 1 vCPU \u00b7 256 MiB"); //$NON-NLS-1$
				item.setImage(image);
			}
		});
		plain.setItemCount(1);
		shell.setSize(width + shell.getSize().x - shell.getClientArea().width, height + shell.getSize().y - shell.getClientArea().height);
		shell.open();
		settle(plain);
		TreeItem root = plain.getItem(0);

		double ourExpand = median(() -> {
			view.getViewer().collapseAll();
			settle(tree);
			search.setText("x"); // a fresh tree, as after a refresh: the host's rows are not there yet //$NON-NLS-1$
			search.setText(""); //$NON-NLS-1$
			settle(tree);
			TreeItem item = hostItem(tree);
			long t0 = System.nanoTime();
			expand(item);
			painted(tree);
			return System.nanoTime() - t0;
		});
		double plainExpand = median(() -> {
			root.setExpanded(false);
			root.setItemCount(0);
			settle(plain);
			long t0 = System.nanoTime();
			root.setItemCount(shown[0].size()); // an Expand listener's work
			root.setExpanded(true);
			painted(plain);
			return System.nanoTime() - t0;
		});
		double ourFilter = median(() -> {
			search.setText(""); //$NON-NLS-1$
			view.getViewer().collapseAll();
			settle(tree);
			long t0 = System.nanoTime();
			search.setText(FILTER);
			painted(tree);
			return System.nanoTime() - t0;
		});
		int ourMatches = tree.getItemCount() == 0 ? 0 : matches(tree);
		double plainFilter = median(() -> {
			shown[0] = names;
			root.setItemCount(names.size());
			root.clearAll(true);
			settle(plain);
			long t0 = System.nanoTime();
			List<String> kept = new ArrayList<>();
			for (String name : names) {
				if (name.toLowerCase(Locale.ROOT).contains(FILTER)) {
					kept.add(name);
				}
			}
			shown[0] = kept;
			root.setItemCount(kept.size());
			root.clearAll(true);
			root.setExpanded(true);
			painted(plain);
			return System.nanoTime() - t0;
		});
		search.setText(""); //$NON-NLS-1$
		shell.dispose();
		image.dispose();
		service.removeHost(host);

		System.out.println();
		System.out.println("Navigator, one host of " + VMS + " VMs (median of " + RUNS + ", ms)      HostDeck   plain virtual Tree   ratio"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		System.out.printf(Locale.ROOT, "  expand the host                                     %8.1f   %18.1f   %5.2f%n", ourExpand, plainExpand, //$NON-NLS-1$
				ourExpand / plainExpand);
		System.out.printf(Locale.ROOT, "  filter by text '%s' (%d VMs match)             %8.1f   %18.1f   %5.2f%n", FILTER, ourMatches, //$NON-NLS-1$
				ourFilter, plainFilter, ourFilter / plainFilter);
		System.out.println();
		assertTrue(ourMatches == 100, "the filter keeps vm-0900 to vm-0999: " + ourMatches);
		assertTrue(ourExpand <= 2 * plainExpand, "expand within 2x of a plain virtual tree");
		assertTrue(ourFilter <= 2 * plainFilter, "filter within 2x of a plain virtual tree");
	}

	/** What a click on a row's arrow does: the Expand event, then the row opens. */
	private static void expand(TreeItem item) {
		org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
		event.item = item;
		item.getParent().notifyListeners(SWT.Expand, event);
		item.setExpanded(true);
	}

	private static TreeItem hostItem(Tree tree) {
		for (TreeItem item : tree.getItems()) {
			if (item.getText().startsWith("bench-10k")) { //$NON-NLS-1$
				return item;
			}
		}
		throw new AssertionError("no bench-10k row"); //$NON-NLS-1$
	}

	private static int matches(Tree tree) {
		for (TreeItem item : tree.getItems()) {
			if (item.getText().startsWith("bench-10k")) { //$NON-NLS-1$
				return item.getItemCount();
			}
		}
		return 0;
	}

	/** Runs the event loop dry: what is pending before a measurement is not part of it. */
	private void settle(Tree tree) {
		tree.update();
		while (display.readAndDispatch()) {
			// drain
		}
	}

	/**
	 * Ends a measurement: the tree paints what the user sees now. GTK measures the rows below the
	 * window later, in idle time, for either tree; that is not what the user waits for.
	 */
	private static void painted(Tree tree) {
		tree.update();
	}

	private static double median(Supplier<Long> run) {
		for (int i = 0; i < WARMUP; i++) {
			run.get();
		}
		double[] ms = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			ms[i] = run.get() / 1e6;
		}
		Arrays.sort(ms);
		return ms[RUNS / 2];
	}
}
