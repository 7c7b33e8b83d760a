package org.hostdeck.ui.internal.editors;

import java.text.DateFormat;
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
import org.hostdeck.core.inventory.TaskHistory;
import org.hostdeck.core.operations.VmConfigOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.ModelRefresher;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * The VM editor: Overview, Resources, Storage, Network, Snapshots, Console, Serial Console and History pages. Resource edits
 * stay in the editor (dirty, revertable) until saved; saving applies them to the hypervisor in a
 * job and the editor keeps them if the hypervisor refuses. Disk and NIC changes apply at once,
 * each as a job in the task history. A disconnected host makes the editor read-only with a banner; a deleted VM
 * closes it.
 */
public class VmEditor extends FormEditor {

	public static final String ID = "org.hostdeck.ui.editors.vm"; //$NON-NLS-1$

	private VirtualMachine vm;
	private InventoryService service;
	private ResourcesPage resources;
	private OverviewPage overview;
	private StoragePage storage;
	private NetworkPage network;
	private ConsolePage console;
	private SerialConsolePage serial;
	private SnapshotsPage snapshots;
	private TablePage<TaskRecord> history;
	private ModelRefresher historyRefresher;
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
			storage = new StoragePage(this);
			network = new NetworkPage(this);
			console = new ConsolePage(this);
			serial = new SerialConsolePage(this);
			snapshots = new SnapshotsPage(this);
			history = new TablePage<>(this, "history", Messages.VmEditor_history, "vmEditor.history", this::tasks, List.of( //$NON-NLS-1$ //$NON-NLS-2$
					new TablePage.Column<TaskRecord>(Messages.VmEditor_operation, 260, TaskRecord::getOperation),
					new TablePage.Column<TaskRecord>(Messages.VmEditor_started, 150,
							t -> t.getStart() == null ? "" : DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.MEDIUM).format(t.getStart())), //$NON-NLS-1$
					new TablePage.Column<TaskRecord>(Messages.VmEditor_outcome, 90, t -> t.getOutcome().getLiteral().toLowerCase()),
					new TablePage.Column<TaskRecord>(Messages.VmEditor_message, 400, TaskRecord::getMessage)));
			addPage(overview);
			addPage(resources);
			addPage(storage);
			addPage(network);
			addPage(snapshots);
			addPage(console);
			addPage(serial);
			addPage(history);
		} catch (PartInitException e) {
			throw new IllegalStateException(e);
		}
		// the host too: its connection state makes the editor read-only
		refresher = new ModelRefresher(getContainer(), n -> true, this::modelChanged);
		refresher.attach(service, service.query(i -> vm.getHost() != null ? vm.getHost() : vm));
		historyRefresher = new ModelRefresher(getContainer(), n -> n.getNotifier() instanceof TaskRecord, history::refresh);
		historyRefresher.attach(service, service.inventory());
	}

	/** The task history of this VM, newest first, also from before a rename or a migration. */
	private List<TaskRecord> tasks() {
		String target = VmJobs.target(vm);
		List<TaskRecord> result = new java.util.ArrayList<>();
		var all = service.inventory().getTasks();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (TaskHistory.isAbout(all.get(i), vm.getUuid(), target)) {
				result.add(all.get(i));
			}
		}
		return result;
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
		storage.refresh();
		network.refresh();
		console.refresh();
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

	public StoragePage storagePage() {
		return storage;
	}

	public NetworkPage networkPage() {
		return network;
	}

	public SnapshotsPage snapshotsPage() {
		return snapshots;
	}

	public SerialConsolePage serialPage() {
		return serial;
	}

	public ConsolePage consolePage() {
		return console;
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
		if (historyRefresher != null) {
			historyRefresher.detach();
		}
		super.dispose();
	}
}
