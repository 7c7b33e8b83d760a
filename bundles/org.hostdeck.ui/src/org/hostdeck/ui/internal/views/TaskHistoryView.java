package org.hostdeck.ui.internal.views;

import java.text.DateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.OwnerDrawLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.ModelRefresher;

/**
 * Every operation HostDeck ran, newest first: progress while it runs, then outcome, duration and
 * the error a failure reported. Running tasks can be cancelled from here. Kept across restarts.
 */
public class TaskHistoryView extends ViewPart {

	public static final String ID = "org.hostdeck.ui.views.tasks"; //$NON-NLS-1$
	public static final String TABLE_ID = "tasks.table"; //$NON-NLS-1$

	private TableViewer viewer;
	private InventoryService service;
	private Action cancel;
	private ModelRefresher refresher;

	@Override
	public void createPartControl(Composite parent) {
		viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		viewer.getTable().setData(WidgetIds.KEY, TABLE_ID);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		column(Messages.Tasks_operation, 220, TaskRecord::getOperation);
		column(Messages.Tasks_target, 160, TaskRecord::getTarget);
		TableViewerColumn progress = new TableViewerColumn(viewer, SWT.NONE);
		progress.getColumn().setText(Messages.Tasks_progress);
		progress.getColumn().setWidth(110);
		progress.setLabelProvider(new ProgressBarLabelProvider());
		column(Messages.Tasks_outcome, 90, t -> outcome(t.getOutcome()));
		column(Messages.Tasks_started, 140, t -> t.getStart() == null ? "" : DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.MEDIUM).format(t.getStart())); //$NON-NLS-1$
		column(Messages.Tasks_duration, 70, TaskHistoryView::duration);
		column(Messages.Tasks_message, 400, t -> t.getMessage() == null ? "" : t.getMessage()); //$NON-NLS-1$

		cancel = new Action(Messages.Tasks_cancel) {
			@Override
			public void run() {
				for (Object o : viewer.getStructuredSelection()) {
					Job job = InventoryHolder.jobOf((TaskRecord) o);
					if (job != null) {
						job.cancel();
					}
				}
			}
		};
		cancel.setToolTipText(Messages.Tasks_cancelTooltip);
		cancel.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ELCL_STOP));
		cancel.setEnabled(false);
		viewer.addSelectionChangedListener(e -> updateCancel());
		getViewSite().getActionBars().getToolBarManager().add(cancel);
		MenuManager menu = new MenuManager();
		menu.add(cancel);
		viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));

		service = InventoryHolder.get();
		refresher = new ModelRefresher(viewer.getControl(), n -> n.getNotifier() instanceof TaskRecord
				|| n.getFeature() == org.hostdeck.model.InventoryPackage.Literals.INVENTORY__TASKS, this::refresh);
		refresher.attach(service, service.inventory());
		refresh();
	}

	private void column(String title, int width, java.util.function.Function<TaskRecord, String> text) {
		org.hostdeck.ui.internal.Tables.column(viewer, title, width, text);
	}

	static String outcome(TaskOutcome outcome) {
		return switch (outcome) {
		case RUNNING -> Messages.Tasks_running;
		case SUCCEEDED -> Messages.Tasks_succeeded;
		case FAILED -> Messages.Tasks_failed;
		case CANCELLED -> Messages.Tasks_cancelled;
		};
	}

	static String duration(TaskRecord task) {
		if (task.getStart() == null) {
			return ""; //$NON-NLS-1$
		}
		long millis = (task.getEnd() == null ? new Date() : task.getEnd()).getTime() - task.getStart().getTime();
		long seconds = millis / 1000;
		return seconds < 60 ? NLS.bind(Messages.Tasks_seconds, String.format("%.1f", millis / 1000.0)) //$NON-NLS-1$
				: NLS.bind(Messages.Tasks_minutes, seconds / 60, seconds % 60);
	}

	private void updateCancel() {
		IStructuredSelection selection = viewer.getStructuredSelection();
		cancel.setEnabled(!selection.isEmpty() && selection.stream()
				.allMatch(o -> ((TaskRecord) o).getOutcome() == TaskOutcome.RUNNING && InventoryHolder.jobOf((TaskRecord) o) != null));
	}

	private void refresh() {
		List<TaskRecord> newestFirst = service.query(i -> new ArrayList<>(i.getTasks()));
		Collections.reverse(newestFirst);
		viewer.setInput(newestFirst);
		updateCancel();
	}

	public TableViewer getViewer() {
		return viewer;
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Override
	public void dispose() {
		if (refresher != null) {
			refresher.detach();
		}
		super.dispose();
	}

	/** A bar for running tasks, the percentage in text either way. */
	private static final class ProgressBarLabelProvider extends OwnerDrawLabelProvider {
		@Override
		protected void measure(Event event, Object element) {
			// the column width rules
		}

		@Override
		protected void paint(Event event, Object element) {
			TaskRecord task = (TaskRecord) element;
			Rectangle bounds = ((org.eclipse.swt.widgets.TableItem) event.item).getBounds(event.index);
			int width = Math.max(0, (bounds.width - 6) * task.getProgress() / 100);
			Color fill = event.display.getSystemColor(task.getOutcome() == TaskOutcome.FAILED ? SWT.COLOR_RED
					: task.getOutcome() == TaskOutcome.CANCELLED ? SWT.COLOR_GRAY : SWT.COLOR_LIST_SELECTION);
			event.gc.setBackground(fill);
			event.gc.fillRectangle(bounds.x + 3, bounds.y + 3, width, bounds.height - 6);
			event.gc.setForeground(event.display.getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
			String text = task.getProgress() + "%"; //$NON-NLS-1$
			int x = bounds.x + (bounds.width - event.gc.textExtent(text).x) / 2;
			event.gc.drawText(text, x, bounds.y + (bounds.height - event.gc.getFontMetrics().getHeight()) / 2, true);
		}
	}
}
