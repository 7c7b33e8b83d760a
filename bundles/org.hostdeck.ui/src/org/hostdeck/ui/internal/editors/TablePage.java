package org.hostdeck.ui.internal.editors;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.hostdeck.ui.WidgetIds;

/** A form page with one read-only table (a host's pools, networks, VMs; a VM's history), refreshed from the model. */
class TablePage<T> extends FormPage {

	/** A column: its title, width and how to show an object in it. */
	record Column<T>(String title, int width, Function<T, String> text) {
	}

	private final Supplier<List<T>> rows;
	private final List<Column<T>> columns;
	private final String tableId;
	private TableViewer viewer;

	TablePage(FormEditor editor, String id, String title, Supplier<List<T>> rows, List<Column<T>> columns) {
		this(editor, id, title, "hostEditor." + id, rows, columns); //$NON-NLS-1$
	}

	TablePage(FormEditor editor, String id, String title, String tableId, Supplier<List<T>> rows, List<Column<T>> columns) {
		super(editor, id, title);
		this.rows = rows;
		this.columns = columns;
		this.tableId = tableId;
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		form.setText(getTitle());
		managedForm.getToolkit().decorateFormHeading(form.getForm());
		form.getBody().setLayout(new FillLayout());
		viewer = new TableViewer(form.getBody(), SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		viewer.getTable().setData(WidgetIds.KEY, tableId);
		addColumns(viewer, columns);
		refresh();
	}

	/** Gives {@code viewer} an array content provider and {@code columns}. */
	static <T> void addColumns(TableViewer viewer, List<Column<T>> columns) {
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		for (Column<T> column : columns) {
			TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
			c.getColumn().setText(column.title());
			c.getColumn().setWidth(column.width());
			c.setLabelProvider(new ColumnLabelProvider() {
				@SuppressWarnings("unchecked")
				@Override
				public String getText(Object element) {
					String text = column.text().apply((T) element);
					return text == null ? "" : text; //$NON-NLS-1$
				}
			});
		}
	}

	void refresh() {
		if (viewer != null && !viewer.getControl().isDisposed()) {
			viewer.setInput(rows.get());
		}
	}
}
