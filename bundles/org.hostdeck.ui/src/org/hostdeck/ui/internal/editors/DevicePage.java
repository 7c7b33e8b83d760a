package org.hostdeck.ui.internal.editors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * A VM editor page listing devices (disks, NICs) with buttons that change them at once: each
 * change runs as a job in the task history and its outcome shows in the page header. The buttons
 * are disabled while the host is away or a change runs.
 */
abstract class DevicePage<T> extends FormPage {

	private final String tableId;
	private final List<TablePage.Column<T>> columns;
	private final List<Button> buttons = new ArrayList<>();
	private final List<Boolean> needsSelection = new ArrayList<>();
	private TableViewer viewer;
	private boolean running;

	DevicePage(VmEditor editor, String id, String title, String tableId, List<TablePage.Column<T>> columns) {
		super(editor, id, title);
		this.tableId = tableId;
		this.columns = columns;
	}

	VmEditor vmEditor() {
		return (VmEditor) getEditor();
	}

	VirtualMachine vm() {
		return vmEditor().vm();
	}

	/** The rows, read on the UI thread from the model. */
	abstract List<T> rows();

	/** Adds the page's buttons with {@link #button}. */
	abstract void createButtons(Composite parent, FormToolkit toolkit);

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		FormToolkit toolkit = managedForm.getToolkit();
		form.setText(getTitle() + " \u2014 " + vm().getName()); //$NON-NLS-1$
		toolkit.decorateFormHeading(form.getForm());
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form.getBody());
		viewer = new TableViewer(form.getBody(), SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.SINGLE);
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		viewer.getTable().setData(WidgetIds.KEY, tableId);
		GridDataFactory.fillDefaults().grab(true, true).hint(500, 200).applyTo(viewer.getTable());
		TablePage.addColumns(viewer, columns);
		Composite side = toolkit.createComposite(form.getBody());
		GridLayoutFactory.fillDefaults().applyTo(side);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(side);
		createButtons(side, toolkit);
		viewer.addSelectionChangedListener(e -> updateButtons());
		refresh();
	}

	/** A button; {@code onSelection} ones act on the selected row and need one. */
	void button(Composite parent, FormToolkit toolkit, String label, String id, boolean onSelection, Consumer<T> action) {
		Button b = toolkit.createButton(parent, label, SWT.PUSH);
		b.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().applyTo(b);
		b.addListener(SWT.Selection, e -> action.accept(selected()));
		buttons.add(b);
		needsSelection.add(onSelection);
	}

	@SuppressWarnings("unchecked")
	T selected() {
		IStructuredSelection s = viewer.getStructuredSelection();
		return s.isEmpty() ? null : (T) s.getFirstElement();
	}

	void refresh() {
		if (viewer == null || viewer.getControl().isDisposed()) {
			return;
		}
		viewer.setInput(rows());
		updateButtons();
	}

	private void updateButtons() {
		boolean editable = vmEditor().editable() && !running;
		for (int i = 0; i < buttons.size(); i++) {
			buttons.get(i).setEnabled(editable && (!needsSelection.get(i) || selected() != null));
		}
	}

	/** Runs a change as a job; its outcome shows in the header when it ends. */
	void run(VmDeviceOperation operation) {
		run(operation.label(), operation::execute);
	}

	/** Runs the change {@code label} as a job; its outcome shows in the header when it ends. */
	void run(String label, java.util.function.Function<org.eclipse.core.runtime.IProgressMonitor, IStatus> operation) {
		running = true;
		updateButtons();
		showMessage(label + "\u2026", IStatus.INFO); //$NON-NLS-1$
		Display display = getSite().getShell().getDisplay();
		VmJobs.schedule(label, List.of(vm()), v -> new VmJobs.Work(label, m -> {
			IStatus status = operation.apply(m);
			display.asyncExec(() -> {
				running = false;
				if (viewer != null && !viewer.getControl().isDisposed()) {
					showMessage(status.isOK() ? null : status.getMessage(), status.getSeverity());
					refresh();
				}
			});
			return status;
		}), false);
	}

	void showMessage(String message, int severity) {
		FormMessages.show(getManagedForm(), message, severity);
	}

	/** For tests and accessibility tools: the page header's message. */
	public String message() {
		return getManagedForm().getForm().getMessage();
	}

	/** True while a change started here runs. */
	public boolean busy() {
		return running;
	}
}
