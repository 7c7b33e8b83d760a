package org.hostdeck.ui.placement.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ViewerDropAdapter;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceSampler;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.placement.Plan;
import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.ServerMeasurements;
import org.hostdeck.placement.Resource;
import org.hostdeck.placement.extensions.ContributedRules;
import org.hostdeck.placement.inventory.InventoryPlacement;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Workload placement for the whole inventory: each host's load per resource as bars (now, and
 * planned once a plan is made), the broken rules and hot spots with explanations, and a plan in
 * the chosen mode with the moves it proposes and the load each host would have. Planning runs
 * in a job with progress and cancel; the rules contributed by other bundles take part.
 */
public class PlacementView extends ViewPart {

	public static final String ID = "org.hostdeck.ui.placement.view"; //$NON-NLS-1$
	public static final String MODE_ID = "placement.mode"; //$NON-NLS-1$
	public static final String PLAN_ID = "placement.plan"; //$NON-NLS-1$
	public static final String OVERCOMMIT_ID = "placement.cpuOvercommit"; //$NON-NLS-1$
	public static final String IMPORT_ID = "placement.import"; //$NON-NLS-1$
	public static final String REFRESH_ID = "placement.refresh"; //$NON-NLS-1$
	public static final String APPLY_ID = "placement.apply"; //$NON-NLS-1$
	public static final String HOSTS_ID = "placement.hosts"; //$NON-NLS-1$
	public static final String VIOLATIONS_ID = "placement.violations"; //$NON-NLS-1$
	public static final String MOVES_ID = "placement.moves"; //$NON-NLS-1$
	public static final String HEAT_MAP_ID = "placement.heatMap"; //$NON-NLS-1$
	/** Job family of planning: tests and the UI wait on it. */
	public static final Object FAMILY = PlacementView.class;

	private static final Duration BUDGET = Duration.ofSeconds(5);
	private static final Resource[] SHOWN = { Resource.CPU, Resource.MEMORY, Resource.NETWORK };

	private final InventoryService service = InventoryHolder.get();
	private Combo mode;
	private Spinner overcommit;
	private Button plan;
	private Button apply;
	private Label status;
	private TableViewer hosts;
	private TableViewer violations;
	private TableViewer moves;
	private HeatMap heatMap;
	private PlacementProblem problem;
	private Plan now;
	private Plan planned;
	/** Physical servers imported from CSV: planned with the VMs, not yet on any host. */
	private List<PlacementVm> imported = List.of();

	@Override
	public void createPartControl(Composite parent) {
		Composite body = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(body);
		Composite bar = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		new Label(bar, SWT.NONE).setText(Messages.Placement_mode);
		mode = new Combo(bar, SWT.READ_ONLY);
		mode.setItems(Messages.Placement_balance, Messages.Placement_density);
		mode.select(0);
		mode.setData(WidgetIds.KEY, MODE_ID);
		new Label(bar, SWT.NONE).setText(Messages.Placement_overcommit);
		overcommit = new Spinner(bar, SWT.BORDER);
		overcommit.setDigits(1);
		overcommit.setValues(10, 10, 80, 1, 5, 10);
		overcommit.setToolTipText(Messages.Placement_overcommitTip);
		overcommit.setData(WidgetIds.KEY, OVERCOMMIT_ID);
		plan = new Button(bar, SWT.PUSH);
		plan.setText(Messages.Placement_plan);
		plan.setData(WidgetIds.KEY, PLAN_ID);
		plan.addListener(SWT.Selection, e -> plan());
		apply = new Button(bar, SWT.PUSH);
		apply.setText(Messages.Placement_apply);
		apply.setToolTipText(Messages.Placement_applyTip);
		apply.setData(WidgetIds.KEY, APPLY_ID);
		apply.setEnabled(false);
		apply.addListener(SWT.Selection, e -> {
			List<Plan.Move> real = applicable();
			if (!real.isEmpty() && MessageDialog.openConfirm(getSite().getShell(), Messages.Placement_applyTitle,
					NLS.bind(Messages.Placement_applyQuestion, real.size()))) {
				apply(real);
			}
		});
		Button refresh = new Button(bar, SWT.PUSH);
		refresh.setText(Messages.Placement_refresh);
		refresh.setData(WidgetIds.KEY, REFRESH_ID);
		refresh.addListener(SWT.Selection, e -> evaluate());
		Button servers = new Button(bar, SWT.PUSH);
		servers.setText(Messages.Placement_import);
		servers.setToolTipText(Messages.Placement_importTip);
		servers.setData(WidgetIds.KEY, IMPORT_ID);
		servers.addListener(SWT.Selection, e -> {
			FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
			dialog.setFilterExtensions(new String[] { "*.csv", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
			String file = dialog.open();
			if (file != null) {
				String problem = importServers(Path.of(file));
				if (problem != null) {
					MessageDialog.openError(getSite().getShell(), Messages.Placement_importTitle, problem);
				}
			}
		});
		status = new Label(body, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

		SashForm sash = new SashForm(body, SWT.VERTICAL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
		hosts = table(sash, HOSTS_ID);
		column(hosts, Messages.Placement_host, 140, o -> ((PlacementHost) o).name());
		for (Resource r : SHOWN) {
			TableViewerColumn c = column(hosts, label(r), 215, o -> loadText((PlacementHost) o, r));
			c.getColumn().setData(r);
		}
		column(hosts, Messages.Placement_vms, 90, o -> vmCount((PlacementHost) o));
		paintBars();
		acceptVmsDroppedOnHosts();
		violations = table(sash, VIOLATIONS_ID);
		column(violations, Messages.Placement_kind, 70, o -> ((Plan.Violation) o).hard() ? Messages.Placement_hard : Messages.Placement_soft);
		column(violations, Messages.Placement_what, 640, o -> ((Plan.Violation) o).message());
		heatMap = new HeatMap(sash);
		heatMap.setData(WidgetIds.KEY, HEAT_MAP_ID);
		moves = table(sash, MOVES_ID);
		column(moves, Messages.Placement_vm, 180, o -> vmName(((Plan.Move) o).vm()));
		column(moves, Messages.Placement_from, 160, o -> hostName(((Plan.Move) o).from()));
		column(moves, Messages.Placement_to, 160, o -> hostName(((Plan.Move) o).to()));
		sash.setWeights(35, 25, 20, 20);
		evaluate();
	}

	private static TableViewer table(Composite parent, String id) {
		TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		viewer.getTable().setData(WidgetIds.KEY, id);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		return viewer;
	}

	private interface Text {
		String of(Object element);
	}

	private static TableViewerColumn column(TableViewer viewer, String title, int width, Text text) {
		return org.hostdeck.ui.internal.Tables.column(viewer, title, width, text::of);
	}

	static String label(Resource r) {
		return switch (r) {
		case CPU -> Messages.Placement_cpu;
		case MEMORY -> Messages.Placement_memory;
		case NETWORK -> Messages.Placement_network;
		case DISK -> Messages.Placement_disk;
		};
	}

	private String vmName(String id) {
		return problem.vms().stream().filter(v -> v.id().equals(id)).map(PlacementVm::name).findFirst().orElse(id);
	}

	private String hostName(String id) {
		if (id == null || problem == null) {
			return Messages.Placement_nowhere;
		}
		return problem.hosts().stream().filter(h -> h.id().equals(id)).map(PlacementHost::name).findFirst().orElse(id);
	}

	private String vmCount(PlacementHost host) {
		long before = now == null ? 0 : now.assignment().values().stream().filter(host.id()::equals).count();
		if (planned == null) {
			return Long.toString(before);
		}
		long after = planned.assignment().values().stream().filter(host.id()::equals).count();
		return before + " \u2192 " + after; //$NON-NLS-1$
	}

	/** Peak utilization of {@code r} on {@code host} in {@code plan}, 0..n (1 = full). */
	private static double peak(Plan plan, PlacementHost host, Resource r) {
		if (plan == null || host.capacity(r) <= 0) {
			return Double.NaN;
		}
		double[][] load = plan.loads().get(host.id());
		double max = 0;
		for (double x : load[r.ordinal()]) {
			max = Math.max(max, x);
		}
		return max / host.capacity(r);
	}

	private String loadText(PlacementHost host, Resource r) {
		double before = peak(now, host, r);
		if (Double.isNaN(before)) {
			return Messages.Placement_unknown;
		}
		String text = String.format(Locale.ROOT, "%.0f %%", 100 * before); //$NON-NLS-1$
		if (planned != null) {
			text += String.format(Locale.ROOT, " \u2192 %.0f %%", 100 * peak(planned, host, r)); //$NON-NLS-1$
		}
		return text;
	}

	/** Draws each resource cell as a bar: now on top, planned below; red past capacity. */
	private void paintBars() {
		var table = hosts.getTable();
		Display display = table.getDisplay();
		Color used = new Color(display, 90, 140, 200);
		Color after = new Color(display, 90, 180, 110);
		Color over = new Color(display, 205, 60, 50);
		Color track = new Color(display, 225, 228, 232);
		table.addListener(SWT.EraseItem, e -> {
			if (resourceOf(table, e.index) != null) {
				e.detail &= ~SWT.FOREGROUND; // the bar and its text are drawn in PaintItem
			}
		});
		table.addListener(SWT.PaintItem, e -> {
			Resource r = resourceOf(table, e.index);
			if (r == null) {
				return;
			}
			PlacementHost host = (PlacementHost) ((TableItem) e.item).getData();
			Rectangle cell = ((TableItem) e.item).getBounds(e.index);
			GC gc = e.gc;
			int width = Math.max(10, cell.width - 100);
			int height = planned == null ? cell.height - 6 : (cell.height - 7) / 2;
			bar(gc, cell.x + 2, cell.y + 3, width, height, peak(now, host, r), used, over, track);
			if (planned != null) {
				bar(gc, cell.x + 2, cell.y + 4 + height, width, height, peak(planned, host, r), after, over, track);
			}
			String text = loadText(host, r);
			gc.setForeground(display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
			int textY = cell.y + (cell.height - gc.textExtent(text).y) / 2;
			gc.drawText(text, cell.x + width + 6, textY, true);
		});
		table.addListener(SWT.Dispose, e -> {
			used.dispose();
			after.dispose();
			over.dispose();
			track.dispose();
		});
	}

	private static Resource resourceOf(org.eclipse.swt.widgets.Table table, int column) {
		return column >= 0 && column < table.getColumnCount() && table.getColumn(column).getData() instanceof Resource r ? r : null;
	}

	private static void bar(GC gc, int x, int y, int width, int height, double share, Color fill, Color over, Color track) {
		gc.setBackground(track);
		gc.fillRectangle(x, y, width, height);
		if (Double.isNaN(share)) {
			return;
		}
		gc.setBackground(share > 1 + 1e-9 ? over : fill);
		gc.fillRectangle(x, y, (int) Math.round(width * Math.min(1, share)), height);
	}

	private PlacementSettings settings() {
		PlacementSettings base = mode.getSelectionIndex() == 1 ? PlacementSettings.DENSITY : PlacementSettings.BALANCE;
		return new PlacementSettings(base.mode(), overcommit.getSelection() / 10.0, base.memoryOvercommit(), base.maxNics(),
				base.migrationPenalty());
	}

	/** Reads the inventory as it is now (on its owner thread). */
	private PlacementProblem read(PlacementSettings settings) {
		PerformanceSampler sampler = InventoryHolder.sampler();
		PlacementProblem inventory = service.query(i -> {
			return InventoryPlacement.problem(i, vm -> sampler.samples(vm, Resolution.HOURS), settings);
		});
		if (imported.isEmpty()) {
			return inventory;
		}
		List<PlacementVm> all = new ArrayList<>(inventory.vms());
		for (PlacementVm server : imported) {
			all.add(server);
		}
		return new PlacementProblem(inventory.hosts(), all, settings);
	}

	/** VMs dragged from the Inventory view onto a host row: what if they ran there? */
	private void acceptVmsDroppedOnHosts() {
		hosts.addDropSupport(DND.DROP_MOVE | DND.DROP_COPY | DND.DROP_LINK, new Transfer[] { LocalSelectionTransfer.getTransfer() },
				new ViewerDropAdapter(hosts) {
					@Override
					public boolean validateDrop(Object target, int operation, TransferData type) {
						return target instanceof PlacementHost && LocalSelectionTransfer.getTransfer().isSupportedType(type)
								&& vmsOf(LocalSelectionTransfer.getTransfer().getSelection()).size() > 0;
					}

					@Override
					public boolean performDrop(Object data) {
						List<VirtualMachine> vms = vmsOf(LocalSelectionTransfer.getTransfer().getSelection());
						return getCurrentTarget() instanceof PlacementHost host && whatIf(vms, host);
					}
				});
	}

	private static List<VirtualMachine> vmsOf(ISelection selection) {
		return selection instanceof IStructuredSelection s ? s.stream().filter(VirtualMachine.class::isInstance)
				.map(VirtualMachine.class::cast).toList() : List.of();
	}

	/**
	 * Shows the placement as it would be with {@code vms} on {@code host}: loads, broken rules and
	 * the moves, as a plan that has not been searched for.
	 *
	 * @return whether any of them is in the placement
	 */
	public boolean whatIf(List<VirtualMachine> vms, PlacementHost host) {
		PlacementEngine engine = engine();
		problem = read(settings());
		now = engine.evaluate(problem);
		java.util.Set<String> ids = new java.util.HashSet<>(service.query(i -> vms.stream()
				.map(vm -> vm.getUuid() != null ? vm.getUuid() : vm.getName()).toList()));
		List<PlacementVm> moved = new ArrayList<>();
		boolean any = false;
		for (PlacementVm vm : problem.vms()) {
			boolean hit = ids.contains(vm.id());
			any |= hit;
			moved.add(hit ? vm.withCurrentHost(host.id()) : vm);
		}
		if (!any) {
			return false;
		}
		Plan after = engine.evaluate(new PlacementProblem(problem.hosts(), moved, problem.settings()));
		List<Plan.Move> moves = new ArrayList<>();
		for (PlacementVm vm : problem.vms()) {
			if (ids.contains(vm.id()) && !host.id().equals(vm.currentHost())) {
				moves.add(new Plan.Move(vm.id(), vm.currentHost(), host.id()));
			}
		}
		planned = new Plan(after.assignment(), after.loads(), moves, after.violations(), after.hard(), after.soft(), after.disabled());
		show(planned, NLS.bind(Messages.Placement_whatIf, host.name()));
		return true;
	}

	/**
	 * Adds the physical servers measured in a CSV file to what is planned (a consolidation
	 * before P2V): they show as VMs without a host until a plan places them.
	 *
	 * @return what is wrong with the file, naming the line and the fix, or {@code null}
	 */
	public String importServers(Path file) {
		List<PlacementVm> servers;
		try (Reader in = Files.newBufferedReader(file)) {
			servers = ServerMeasurements.read(in);
		} catch (ServerMeasurements.FormatException e) {
			return NLS.bind(Messages.Placement_importBad, file.getFileName(), e.getMessage());
		} catch (IOException e) {
			return NLS.bind(Messages.Placement_importBad, file.getFileName(), e.getMessage());
		}
		imported = List.of();
		java.util.Set<String> taken = new java.util.HashSet<>(read(settings()).vms().stream().map(PlacementVm::id).toList());
		List<PlacementVm> renamed = new ArrayList<>();
		for (PlacementVm server : servers) {
			String id = "server:" + server.name(); //$NON-NLS-1$
			if (!taken.add(id)) {
				continue;
			}
			renamed.add(new PlacementVm(id, server.name(), server.demand(), server.profile(), server.networks(), null, null, null, null));
		}
		imported = List.copyOf(renamed);
		evaluate();
		return null;
	}

	/** Shows the current placement, its broken rules and hot spots; forgets an earlier plan. */
	void evaluate() {
		problem = read(settings());
		now = engine().evaluate(problem);
		planned = null;
		show(now, Messages.Placement_current);
	}

	/** An engine with the rules contributed now (read per action: bundles may come and go). */
	private static PlacementEngine engine() {
		return new PlacementEngine(ContributedRules.read().rules());
	}

	/** Plans in a job (progress, cancel); shows the plan when it ends. */
	void plan() {
		PlacementSettings settings = settings();
		PlacementEngine engine = engine();
		problem = read(settings);
		now = engine.evaluate(problem);
		PlacementProblem toPlan = problem;
		plan.setEnabled(false);
		status.setText(Messages.Placement_planning);
		Job job = new Job(NLS.bind(Messages.Placement_job, mode.getText())) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				SubMonitor progress = SubMonitor.convert(monitor, 1000);
				int[] done = { 0 };
				Plan result = engine.plan(toPlan, PlacementEngine.Options.of(BUDGET).withCancel(monitor::isCanceled, p -> {
					int target = (int) (p * 1000);
					if (target > done[0]) {
						progress.worked(target - done[0]);
						done[0] = target;
					}
				}));
				Display.getDefault().asyncExec(() -> {
					if (!plan.isDisposed()) {
						plan.setEnabled(true);
						planned = result;
						show(result, monitor.isCanceled() ? Messages.Placement_cancelled : Messages.Placement_planned);
					}
				});
				return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		job.setUser(true);
		job.schedule();
	}

	/** The planned moves of VMs that are on a host now (imported servers have none to leave). */
	private List<Plan.Move> applicable() {
		return planned == null ? List.of()
				: planned.moves().stream().filter(m -> m.from() != null && m.to() != null && !m.from().equals(m.to())).toList();
	}

	/**
	 * Carries {@code real} out in the plan's order (each move lands where the earlier ones made
	 * room), one migration after another, each recorded in the task history with its pre-checks
	 * and figures. Stops at the first move that fails or is refused; cancel stops between moves
	 * and aborts the one running. The view re-reads the inventory afterwards.
	 */
	Job apply(List<Plan.Move> real) {
		apply.setEnabled(false);
		plan.setEnabled(false);
		Job job = new Job(NLS.bind(Messages.Placement_applyJob, real.size())) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				SubMonitor progress = SubMonitor.convert(monitor, real.size());
				IStatus outcome = Status.OK_STATUS;
				for (int k = 0; k < real.size(); k++) {
					Plan.Move move = real.get(k);
					IStatus status = applyOne(move, progress.split(1), this);
					if (status.getSeverity() == IStatus.CANCEL || status.getSeverity() == IStatus.ERROR) {
						outcome = status.getSeverity() == IStatus.CANCEL ? status
								: Status.error(NLS.bind(Messages.Placement_applyFailed, new Object[] { k, real.size(), status.getMessage() }));
						break;
					}
				}
				Display.getDefault().asyncExec(() -> {
					if (!plan.isDisposed()) {
						plan.setEnabled(true);
						evaluate();
					}
				});
				return outcome;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		job.setUser(true);
		job.schedule();
		return job;
	}

	private IStatus applyOne(Plan.Move move, IProgressMonitor monitor, Job job) {
		MigrateVmOperation op;
		try {
			op = MigrateVmOperation.planned(service, move.vm(), move.from(), move.to());
		} catch (DriverException e) {
			return Status.error(e.getMessage(), e);
		}
		if (op == null) {
			return Status.error(NLS.bind(Messages.Placement_applyGone, vmName(move.vm()), hostName(move.to())));
		}
		return VmJobs.recorded(op.label(), service.query(i -> VmJobs.target(op.vm())), move::vm, job, monitor, op::execute);
	}

	private void show(Plan shown, String what) {
		apply.setEnabled(!applicable().isEmpty());
		hosts.setInput(problem.hosts());
		heatMap.show(problem.hosts(), shown);
		violations.setInput(shown.violations());
		moves.setInput(planned == null ? List.of() : planned.moves());
		long hard = shown.violations().stream().filter(Plan.Violation::hard).count();
		List<String> parts = new ArrayList<>();
		parts.add(what);
		parts.add(NLS.bind(Messages.Placement_summary, new Object[] { hard, shown.violations().size() - hard,
				planned == null ? 0 : planned.moves().size() }));
		if (!imported.isEmpty()) {
			parts.add(NLS.bind(Messages.Placement_imported, imported.size()));
		}
		if (!shown.disabled().isEmpty()) {
			parts.add(NLS.bind(Messages.Placement_disabled, shown.disabled().size()));
		}
		status.setText(String.join(" \u00b7 ", parts)); //$NON-NLS-1$
		status.setToolTipText(shown.disabled().isEmpty() ? null : String.join("\n", shown.disabled())); //$NON-NLS-1$
		status.getParent().layout(true, true);
		hosts.refresh();
	}

	/** For tests: the plan shown, or {@code null} before one is made. */
	public Plan planned() {
		return planned;
	}

	/** For tests: the current placement as evaluated. */
	public Plan current() {
		return now;
	}

	/** For tests: the day's heat map. */
	public Object heatMap() {
		return heatMap;
	}

	/** For tests: the busiest resource of host row {@code row} at {@code hour}, or NaN without a day. */
	public double heat(int row, int hour) {
		return heatMap.hasHours() ? heatMap.share(row, hour) : Double.NaN;
	}

	/** For tests: sets the CPU overcommit, e.g. 4.0. */
	public void setOvercommit(double ratio) {
		overcommit.setSelection((int) Math.round(ratio * 10));
	}

	/** For tests: picks balance (0) or density (1). */
	public void setMode(int index) {
		mode.select(index);
	}

	@Override
	public void setFocus() {
		plan.setFocus();
	}
}
