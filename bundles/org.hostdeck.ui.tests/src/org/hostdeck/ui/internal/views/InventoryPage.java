package org.hostdeck.ui.internal.views;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.Command;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Page object of the Inventory view: what a user does there (select VMs, run a command from the
 * context menu or a key), with the waiting kept here so tests read like the user's steps.
 */
public final class InventoryPage {

	private final UiBot bot;
	private final InventoryView view;
	private final InventoryService service = InventoryHolder.get();

	public InventoryPage(UiBot bot) throws Exception {
		this.bot = bot;
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		this.view = (InventoryView) page.showView(InventoryView.ID);
		// an earlier test may have maximized another view: the tree must be on screen to select in it
		page.setPartState(page.getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
		bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
		bot.waitUntil("demo hosts connected", () -> service.query(i -> i.getHosts().size() == 3
				&& i.getHosts().stream().allMatch(h -> h.getState() == HostState.CONNECTED)));
	}

	public InventoryService service() {
		return service;
	}

	public InventoryView view() {
		return view;
	}

	public Host host(String name) {
		return service.query(i -> i.getHosts().stream().filter(h -> h.getName().equals(name)).findFirst().orElseThrow());
	}

	/** The first {@code count} VMs of {@code host} in {@code state}, by name. */
	public List<VirtualMachine> vms(String host, PowerState state, int count) {
		Host h = host(host);
		List<VirtualMachine> found = service.query(i -> h.getVms().stream().filter(v -> v.getPowerState() == state)
				.sorted((a, b) -> a.getName().compareTo(b.getName())).limit(count).toList());
		if (found.size() < count) {
			throw new AssertionError("the demo host " + host + " has fewer than " + count + " VMs " + state);
		}
		return found;
	}

	public PowerState state(VirtualMachine vm) {
		return service.query(i -> vm.getPowerState());
	}

	/** Activates the view and selects the row at {@code path} (e.g. host, VM): exact where an object shows twice. */
	public void selectPath(Object... path) {
		TreePath wanted = new TreePath(path);
		select(List.of(wanted), "the selection of " + path[path.length - 1],
				() -> Arrays.asList(view.getViewer().getStructuredSelection().getPaths()).equals(List.of(wanted)));
	}

	/** Activates the view, selects {@code objects} in the tree (revealing them) and gives the tree the focus. */
	public void select(List<?> objects) {
		if (objects.stream().anyMatch(java.util.Objects::isNull)) {
			throw new AssertionError("nothing to select among " + objects); //$NON-NLS-1$
		}
		// by tree path (host, VM): the rows under their hosts, found without asking the lazy tree for parents
		List<TreePath> paths = service.query(i -> objects.stream().map(o -> o instanceof VirtualMachine vm && vm.getHost() != null
				? new TreePath(new Object[] { vm.getHost(), vm })
				: new TreePath(new Object[] { o })).toList());
		select(paths, "the selection of " + objects.size() + " objects",
				() -> new java.util.HashSet<>(view.getViewer().getStructuredSelection().toList()).equals(new java.util.HashSet<>(objects)));
	}

	/**
	 * Selects until the tree shows the selection: first as a program does (the viewer's
	 * setSelection), then, when the lazy tree did not take it, as a user does (the rows opened and
	 * clicked). Rows of objects the model just got appear with the view's next (asynchronous)
	 * refresh, so both are tried again until then. A time-out says what the tree showed.
	 */
	private void select(List<TreePath> paths, String what, BooleanSupplier shown) {
		view.getSite().getPage().activate(view);
		RuntimeException[] thrown = new RuntimeException[1];
		try {
			bot.waitUntil(what, () -> {
				if (!shown.getAsBoolean()) {
					try {
						view.getViewer().setSelection(new TreeSelection(paths.toArray(TreePath[]::new)), true);
					} catch (RuntimeException e) {
						// a selected row the last refresh emptied (virtual, its data not bound yet) can make
						// JFace's comparison with the old selection throw
						thrown[0] = e;
						view.getViewer().getTree().deselectAll();
					}
					bot.flush();
				}
				if (!shown.getAsBoolean()) {
					click(paths);
					bot.flush();
				}
				return shown.getAsBoolean();
			});
		} catch (AssertionError e) {
			AssertionError described = new AssertionError(e.getMessage() + "; the tree showed " + rows(paths), thrown[0]);
			throw described;
		}
		view.getViewer().getTree().setFocus();
		bot.flush();
	}

	/** What a user's click does: the rows on {@code paths} opened, bound, selected, and the selection announced. */
	private void click(List<TreePath> paths) {
		if (paths.isEmpty()) {
			view.getViewer().setSelection(org.eclipse.jface.viewers.StructuredSelection.EMPTY);
			return;
		}
		Tree tree = view.getViewer().getTree();
		List<TreeItem> rows = new ArrayList<>();
		for (TreePath path : paths) {
			TreeItem row = row(path);
			if (row == null) {
				return;
			}
			rows.add(row);
		}
		tree.setSelection(rows.toArray(TreeItem[]::new));
		Event click = new Event();
		click.item = rows.get(0);
		tree.notifyListeners(SWT.Selection, click);
	}

	/** The row showing {@code path}, its parents opened on the way; null when there is none (yet). */
	private TreeItem row(TreePath path) {
		TreeItem[] siblings = view.getViewer().getTree().getItems();
		for (int segment = 0; segment < path.getSegmentCount(); segment++) {
			TreeItem found = null;
			for (TreeItem sibling : siblings) {
				sibling.getText(); // a virtual row binds its element when it is asked for its text, as GTK asks when it draws
				if (sibling.getData() == path.getSegment(segment)) {
					found = sibling;
					break;
				}
			}
			if (found == null) {
				return null;
			}
			if (segment < path.getSegmentCount() - 1) {
				if (!found.getExpanded()) {
					Object[] opened = new Object[segment + 1];
					for (int i = 0; i <= segment; i++) {
						opened[i] = path.getSegment(i);
					}
					view.getViewer().expandToLevel(new TreePath(opened), 1);
				}
				siblings = found.getItems();
			} else {
				return found;
			}
		}
		return null;
	}

	/** For a time-out's message: how far each path was found in the tree, and what is selected. */
	private String rows(List<TreePath> paths) {
		StringBuilder text = new StringBuilder();
		Tree tree = view.getViewer().getTree();
		for (TreePath path : paths) {
			text.append('[');
			TreeItem[] siblings = tree.getItems();
			for (int segment = 0; segment < path.getSegmentCount(); segment++) {
				Object wanted = path.getSegment(segment);
				TreeItem found = Arrays.stream(siblings).filter(s -> s.getData() == wanted).findFirst().orElse(null);
				text.append(segment == 0 ? "" : " > ").append(found == null ? "missing among " + siblings.length + " rows ("
						+ Arrays.stream(siblings).filter(s -> s.getData() == null).count() + " unbound)"
						: found.getText() + (found.getExpanded() ? " (open, " : " (closed, ") + found.getItemCount() + " rows)");
				if (found == null) {
					break;
				}
				siblings = found.getItems();
			}
			text.append("] ");
		}
		text.append("selected: ").append(Arrays.stream(tree.getSelection()).map(i -> i.getData() == null ? "an unbound row" : i.getText()).toList());
		return text.toString();
	}

	public boolean enabled(String commandId) {
		Command command = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(commandId);
		return command.isEnabled();
	}

	/** Runs a command the way a menu item does, then waits for the VM jobs it started. */
	public void run(String commandId) throws Exception {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class).executeCommand(commandId,
				null);
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(60));
	}

	/** Runs a command that asks first, answering its dialog titled {@code title} with {@code button}. */
	public void runAnswering(String commandId, String title, String button) throws Exception {
		bot.whenShellOpens(title, shell -> bot.click(bot.button(shell, button)));
		run(commandId);
	}

	public void waitForState(List<VirtualMachine> vms, PowerState state) {
		bot.waitUntil(vms.size() + " VMs " + state, () -> vms.stream().allMatch(vm -> state(vm) == state));
		bot.waitUntil("the tree to show them " + state, () -> vms.stream().allMatch(vm -> {
			var item = view.getViewer().testFindItem(vm);
			return item instanceof org.eclipse.swt.widgets.TreeItem t && t.getImage() != null
					&& t.getText().startsWith(vm.getName() + " ");
		}));
	}

	/** The labels of the tree's context menu as it shows for the current selection. */
	public List<String> contextMenu() {
		Menu menu = view.getViewer().getTree().getMenu();
		menu.notifyListeners(SWT.Show, new Event());
		try {
			return Arrays.stream(menu.getItems()).filter(i -> (i.getStyle() & SWT.SEPARATOR) == 0).filter(MenuItem::isEnabled)
					.map(i -> i.getText().replace("&", "").split("\t")[0]).toList();
		} finally {
			menu.notifyListeners(SWT.Hide, new Event());
		}
	}
}
