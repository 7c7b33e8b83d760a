package org.hostdeck.ui.internal.editors;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;

/** Pool, size, format and bus of a new disk, checked as the user types. */
public class AddDiskDialog extends TitleAreaDialog {

	static final String[] BUSES = { "virtio", "sata", "scsi", "ide" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	private static final DiskFormat[] FORMATS = { DiskFormat.QCOW2, DiskFormat.RAW };

	private final String vmName;
	private final List<StoragePool> pools;
	private final StoragePool preferred;
	private Combo pool;
	private Text size;
	private Combo format;
	private Combo bus;

	private String poolName;
	private long capacity;
	private DiskFormat diskFormat;
	private String diskBus;

	/**
	 * @param pools     the host's active pools (read on the UI thread)
	 * @param preferred the pool selected at first (where the VM's disks are), or {@code null}
	 */
	public AddDiskDialog(Shell parent, String vmName, List<StoragePool> pools, StoragePool preferred) {
		super(parent);
		this.vmName = vmName;
		this.pools = pools;
		this.preferred = preferred;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.AddDisk_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(NLS.bind(Messages.AddDisk_heading, vmName));
		setMessage(Messages.AddDisk_message);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.AddDisk_pool);
		pool = new Combo(body, SWT.READ_ONLY);
		pool.setData(WidgetIds.KEY, "addDisk.pool"); //$NON-NLS-1$
		for (StoragePool p : pools) {
			pool.add(NLS.bind(Messages.AddDisk_poolItem, p.getName(), Sizes.format(p.getAvailable())));
		}
		GridDataFactory.fillDefaults().grab(true, false).applyTo(pool);
		new Label(body, SWT.NONE).setText(Messages.AddDisk_size);
		size = new Text(body, SWT.BORDER);
		size.setData(WidgetIds.KEY, "addDisk.sizeGiB"); //$NON-NLS-1$
		size.setText("20"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(size);
		new Label(body, SWT.NONE).setText(Messages.AddDisk_format);
		format = new Combo(body, SWT.READ_ONLY);
		format.setData(WidgetIds.KEY, "addDisk.format"); //$NON-NLS-1$
		format.setItems(Messages.AddDisk_qcow2, Messages.AddDisk_raw);
		format.select(0);
		new Label(body, SWT.NONE).setText(Messages.AddDisk_bus);
		bus = new Combo(body, SWT.READ_ONLY);
		bus.setData(WidgetIds.KEY, "addDisk.bus"); //$NON-NLS-1$
		bus.setItems(BUSES);
		bus.select(0);
		if (!pools.isEmpty()) {
			pool.select(Math.max(0, pools.indexOf(preferred)));
		}
		pool.addListener(SWT.Selection, e -> validate());
		size.addListener(SWT.Modify, e -> validate());
		format.addListener(SWT.Selection, e -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, Messages.AddDisk_add, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		validate();
	}

	private void validate() {
		String problem = problem();
		setErrorMessage(problem);
		if (getButton(IDialogConstants.OK_ID) != null) {
			getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
		}
	}

	private String problem() {
		if (pools.isEmpty()) {
			return Messages.AddDisk_noPools;
		}
		double gib;
		try {
			gib = gib(size.getText());
		} catch (NumberFormatException e) {
			return NLS.bind(Messages.AddDisk_notANumber, size.getText().trim());
		}
		if (!(gib >= 0.001) || gib > 1024 * 1024) {
			return Messages.AddDisk_range;
		}
		StoragePool p = pools.get(pool.getSelectionIndex());
		long bytes = bytes(gib);
		if (FORMATS[format.getSelectionIndex()] == DiskFormat.RAW && bytes > p.getAvailable()) {
			return NLS.bind(Messages.AddDisk_noRoom, p.getName(), Sizes.format(p.getAvailable()));
		}
		return null;
	}

	@Override
	protected void okPressed() {
		poolName = pools.get(pool.getSelectionIndex()).getName();
		capacity = bytes(gib(size.getText()));
		diskFormat = FORMATS[format.getSelectionIndex()];
		diskBus = bus.getItem(bus.getSelectionIndex()).toLowerCase(Locale.ROOT);
		super.okPressed();
	}

	/** A size typed in GiB ({@code 20}, {@code 0.5}, {@code 0,5}); throws NumberFormatException. */
	static double gib(String text) {
		return Double.parseDouble(text.trim().replace(',', '.'));
	}

	/** {@code gib} in bytes, whole MiB. */
	static long bytes(double gib) {
		return (long) (gib * Sizes.GIB) / Sizes.MIB * Sizes.MIB;
	}

	public String pool() {
		return poolName;
	}

	public long capacity() {
		return capacity;
	}

	public DiskFormat format() {
		return diskFormat;
	}

	public String bus() {
		return diskBus;
	}
}
