package org.hostdeck.ui.internal.editors;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.editor.FormEditor;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmConfigOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.ModelRefresher;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * The VM editor: Overview and Resources pages. Edits stay in the editor (dirty, revertable) until
 * saved; saving applies them to the hypervisor in a job and the editor keeps them if the
 * hypervisor refuses. A disconnected host makes the editor read-only with a banner; a deleted VM
 * closes it.
 */
public class VmEditor extends FormEditor {

	public static final String ID = "org.hostdeck.ui.editors.vm"; //$NON-NLS-1$

	private VirtualMachine vm;
	private InventoryService service;
	private ResourcesPage resources;
	private OverviewPage overview;
	private boolean saving;
	private ModelRefresher refresher;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof VmEditorInput vmInput)) {
			throw new PartInitException("Not a VM: " + input); //$NON-NLS-1$
		}
		super.init(site, input);
		vm = vmInput.vm();
		service = InventoryHolder.get();
		setPartName(vm.getName());
		setTitleToolTip(input.getToolTipText());
	}

	@Override
	protected void addPages() {
		try {
			overview = new OverviewPage(this);
			resources = new ResourcesPage(this);
			addPage(overview);
			addPage(resources);
		} catch (PartInitException e) {
			throw new IllegalStateException(e);
		}
		// the host too: its connection state makes the editor read-only
		refresher = new ModelRefresher(getContainer(), n -> true, this::modelChanged);
		refresher.attach(service, service.query(i -> vm.getHost() != null ? vm.getHost() : vm));
	}

	VirtualMachine vm() {
		return vm;
	}

	InventoryService service() {
		return service;
	}

	/** Editing is possible while the VM's host is connected and no save is running. */
	boolean editable() {
		Host host = vm.getHost();
		return !saving && host != null && host.getState() == HostState.CONNECTED;
	}

	private void modelChanged() {
		if (overview == null || overview.getPartControl() == null || overview.getPartControl().isDisposed()) {
			return;
		}
		if (vm.eContainer() == null) {
			// the VM was deleted: nothing left to edit
			getSite().getPage().closeEditor(this, false);
			return;
		}
		overview.refresh();
		resources.refresh();
	}

	void dirtyChanged() {
		editorDirtyStateChanged();
	}

	@Override
	public boolean isDirty() {
		return resources != null && resources.isDirty();
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		String problem = resources.problem();
		if (problem != null) {
			resources.showMessage(problem, IStatus.ERROR);
			setActivePage(resources.getId());
			return;
		}
		VmConfig config = resources.changes();
		saving = true;
		resources.refresh();
		Display display = getSite().getShell().getDisplay();
		VmJobs.schedule(new VmConfigOperation(service, vm, config).label(), List.of(vm), v -> {
			VmConfigOperation op = new VmConfigOperation(service, v, config);
			return new VmJobs.Work(op.label(), m -> {
				IStatus status = op.execute(m);
				display.asyncExec(() -> saved(status));
				return status;
			});
		});
	}

	private void saved(IStatus status) {
		saving = false;
		if (resources.getPartControl() == null || resources.getPartControl().isDisposed()) {
			return;
		}
		if (status.getSeverity() == IStatus.ERROR) {
			resources.showMessage(status.getMessage(), IStatus.ERROR); // the edits stay for the user to fix
			resources.refresh();
		} else {
			resources.revert();
			resources.showMessage(status.isOK() ? null : status.getMessage(), status.getSeverity());
		}
		editorDirtyStateChanged();
	}

	/** Throws away unsaved edits. */
	public void revert() {
		resources.revert();
		editorDirtyStateChanged();
	}

	public ResourcesPage resourcesPage() {
		return resources;
	}

	@Override
	public void doSaveAs() {
		// not applicable
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}

	@Override
	public void dispose() {
		if (refresher != null) {
			refresher.detach();
		}
		super.dispose();
	}
}
