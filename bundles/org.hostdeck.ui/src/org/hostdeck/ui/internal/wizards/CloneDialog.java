package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.inventory.Pools;
import org.hostdeck.core.operations.CloneVmOperation;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Clone... of a shut-off VM: the clone's name, full or linked, and the pool its disks go to. The
 * clone runs as a recorded job (progress, cancel from the Progress view); its pre-checks run there
 * too and a refusal is reported, with nothing made.
 */
public class CloneDialog extends TitleAreaDialog {

	static final String NAME_ID = "clone.name"; //$NON-NLS-1$
	static final String LINKED_ID = "clone.linked"; //$NON-NLS-1$
	static final String POOL_ID = "clone.pool"; //$NON-NLS-1$

	private final InventoryService service = InventoryHolder.get();
	private final VirtualMachine vm;
	private final List<String> pools = new ArrayList<>();
	private Text name;
	private Button linked;
	private Combo pool;

	public CloneDialog(Shell parent, VirtualMachine vm) {
		super(parent);
		this.vm = vm;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Clone_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		String vmName = service.query(i -> vm.getName());
		setTitle(NLS.bind(Messages.Clone_heading, vmName));
		setMessage(Messages.Clone_message);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.Clone_name);
		name = new Text(body, SWT.BORDER);
		name.setData(WidgetIds.KEY, NAME_ID);
		name.setText(freeName(vmName + "-clone")); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(name);
		new Label(body, SWT.NONE).setText(Messages.Clone_pool);
		pool = new Combo(body, SWT.READ_ONLY);
		pool.setData(WidgetIds.KEY, POOL_ID);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(pool);
		String best = service.query(i -> vm.getHost() == null ? null : Pools.best(vm.getHost()));
		for (StoragePool p : service.query(i -> vm.getHost() == null ? List.<StoragePool>of()
				: vm.getHost().getStoragePools().stream().filter(StoragePool::isActive).toList())) {
			pools.add(service.query(i -> p.getName()));
			pool.add(service.query(i -> NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable()))));
		}
		pool.select(Math.max(0, pools.indexOf(best)));
		new Label(body, SWT.NONE);
		linked = new Button(body, SWT.CHECK);
		linked.setData(WidgetIds.KEY, LINKED_ID);
		linked.setText(Messages.Clone_linked);
		Label note = new Label(body, SWT.WRAP);
		note.setText(Messages.Clone_linkedNote);
		GridDataFactory.fillDefaults().span(2, 1).hint(440, SWT.DEFAULT).applyTo(note);
		name.addModifyListener(e -> validate());
		return area;
	}

	/** {@code wanted}, or with a number after it when the host has a VM of that name. */
	private String freeName(String wanted) {
		return service.query(i -> {
			String candidate = wanted;
			for (int n = 2; vm.getHost() != null && taken(candidate); n++) {
				candidate = wanted + "-" + n; //$NON-NLS-1$
			}
			return candidate;
		});
	}

	private boolean taken(String candidate) {
		return vm.getHost().getVms().stream().anyMatch(v -> candidate.equals(v.getName()));
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		getButton(IDialogConstants.OK_ID).setText(Messages.Clone_ok);
		validate();
	}

	private void validate() {
		String wanted = name.getText().trim();
		String problem = CloneVmOperation.nameProblem(service, vm, wanted);
		if (problem == null && pools.isEmpty()) {
			problem = Messages.Clone_noPool;
		}
		setErrorMessage(problem);
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	@Override
	protected void okPressed() {
		String chosen = name.getText().trim();
		CloneVmOperation op = new CloneVmOperation(service, vm, chosen, pools.get(pool.getSelectionIndex()), linked.getSelection());
		String target = service.query(i -> chosen + (vm.getHost() == null ? "" : " @ " + vm.getHost().getName())); //$NON-NLS-1$ //$NON-NLS-2$
		VmJobs.scheduleRecorded(op.label(), target, op::uuid, op::execute);
		super.okPressed();
	}
}
