package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.model.Host;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.internal.Tables;

/**
 * Virtual disks: add and remove disks; the selected one's size, pool (with its free space) and
 * format (qcow2, thin; raw, allocated in full).
 */
final class InstallStoragePage extends InstallPage {

	private static final long GIB = 1L << 30;
	private static final String[] FORMATS = { "qcow2", "raw" }; //$NON-NLS-1$ //$NON-NLS-2$

	private TableViewer disks;
	private Spinner size;
	private Combo pool;
	private Combo format;
	private Button remove;
	private org.eclipse.swt.widgets.Label note;
	private final List<String> pools = new ArrayList<>();
	private boolean filling;

	InstallStoragePage(InstallWizard wizard) {
		super(wizard, "storage", Messages.Install_storageTitle, Messages.Install_storageDescription); //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
		if (wizard.storageNote() != null) {
			note = id(label(page, "", 3), STORAGE_NOTE_ID); //$NON-NLS-1$
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(480, SWT.DEFAULT).applyTo(note);
		}
		disks = new TableViewer(page, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		id(disks.getTable(), DISKS_ID);
		disks.getTable().setHeaderVisible(true);
		Tables.<Integer>column(disks, Messages.Install_colDisk, 170, d -> wizard.diskName(d, disk(d).format()));
		Tables.<Integer>column(disks, Messages.Install_colSize, 90, d -> Sizes.format(disk(d).capacity()));
		Tables.<Integer>column(disks, Messages.Install_colPool, 140, d -> String.valueOf(disk(d).pool()));
		Tables.<Integer>column(disks, Messages.Install_colFormat, 70, d -> disk(d).format());
		disks.setContentProvider(ArrayContentProvider.getInstance());
		GridDataFactory.fillDefaults().span(2, 3).grab(true, true).hint(480, 120).applyTo(disks.getTable());
		Button add = button(page, SWT.PUSH, Messages.Install_add, ADD_DISK_ID);
		GridDataFactory.fillDefaults().applyTo(add);
		remove = button(page, SWT.PUSH, Messages.Install_remove, REMOVE_DISK_ID);
		GridDataFactory.fillDefaults().applyTo(remove);
		label(page, "", 1); //$NON-NLS-1$
		label(page, Messages.Install_diskSize, 1);
		size = spinner(page, DISK_SIZE_ID, 1, 64 * 1024);
		label(page, "", 1); //$NON-NLS-1$
		label(page, Messages.Install_diskPool, 1);
		pool = combo(page, DISK_POOL_ID);
		label(page, "", 1); //$NON-NLS-1$
		label(page, Messages.Install_diskFormat, 1);
		format = combo(page, DISK_FORMAT_ID);
		format.setItems(FORMATS);
		label(page, "", 1); //$NON-NLS-1$

		add.addListener(SWT.Selection, e -> {
			List<NewDisk> list = wizard.request().disks();
			list.add(new NewDisk(wizard.mainPool(), list.isEmpty() && wizard.storageNote() == null ? 10 * GIB : GIB, "qcow2")); //$NON-NLS-1$
			refresh(list.size() - 1);
		});
		remove.addListener(SWT.Selection, e -> {
			int d = selected();
			if (d >= 0) {
				wizard.request().disks().remove(d);
				refresh(Math.min(d, wizard.request().disks().size() - 1));
			}
		});
		disks.addSelectionChangedListener(e -> edit());
		size.addListener(SWT.Modify, e -> write());
		pool.addListener(SWT.Selection, e -> write());
		format.addListener(SWT.Selection, e -> write());
		setControl(page);
	}

	private NewDisk disk(int index) {
		return wizard.request().disks().get(index);
	}

	private int selected() {
		Object d = disks.getStructuredSelection().getFirstElement();
		return d == null ? -1 : (Integer) d;
	}

	@Override
	void show() {
		pools.clear();
		pool.removeAll();
		Host host = wizard.host();
		if (host != null) {
			for (StoragePool p : wizard.service.query(i -> host.getStoragePools().stream().filter(StoragePool::isActive)
					.sorted(Comparator.comparingLong(StoragePool::getAvailable).reversed()).toList())) {
				pools.add(wizard.service.query(i -> p.getName()));
				pool.add(wizard.service.query(i -> NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable()))));
			}
		}
		if (note != null) {
			note.setText(wizard.storageNote());
			note.getParent().layout(true);
		}
		refresh(wizard.request().disks().isEmpty() ? -1 : 0);
	}

	private void refresh(int select) {
		List<Integer> rows = new ArrayList<>();
		for (int d = 0; d < wizard.request().disks().size(); d++) {
			rows.add(d);
		}
		disks.setInput(rows);
		disks.setSelection(select < 0 ? StructuredSelection.EMPTY : new StructuredSelection(select), true);
		edit();
	}

	/** Shows the selected disk in the editing fields. */
	private void edit() {
		int d = selected();
		remove.setEnabled(d >= 0);
		size.setEnabled(d >= 0);
		pool.setEnabled(d >= 0);
		format.setEnabled(d >= 0);
		if (d < 0) {
			return;
		}
		filling = true;
		try {
			NewDisk disk = disk(d);
			size.setSelection((int) Math.max(1, disk.capacity() / GIB));
			pool.select(pools.indexOf(disk.pool()));
			format.select(Math.max(0, java.util.Arrays.asList(FORMATS).indexOf(disk.format())));
		} finally {
			filling = false;
		}
	}

	private void write() {
		int d = selected();
		if (filling || d < 0) {
			return;
		}
		NewDisk old = disk(d);
		// sizes under a GiB (a template's small disk) stay as they are until the spinner moves
		long capacity = old.capacity() / GIB == size.getSelection() ? old.capacity() : size.getSelection() * GIB;
		String chosenPool = pool.getSelectionIndex() < 0 ? old.pool() : pools.get(pool.getSelectionIndex());
		wizard.request().disks().set(d, new NewDisk(chosenPool, capacity, FORMATS[Math.max(0, format.getSelectionIndex())]));
		disks.refresh();
	}
}
