package org.hostdeck.ui.internal.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
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
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.archive.ArchiveException;
import org.hostdeck.core.archive.ExportedVm;
import org.hostdeck.core.archive.ImportVmOperation;
import org.hostdeck.core.archive.OvaImportOperation;
import org.hostdeck.core.archive.ova.Ovf;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Import: an export folder (or an OVA file: always a new VM, what it could not map said before
 * and after) onto a connected host, into one of its pools, as the same VM (moving
 * it: same UUID and MACs) or as a copy (new identity and name), each exported network mapped to
 * one of the host's. The import's pre-checks run in the background as the choices change; Import
 * is enabled when they pass. The import verifies every checksum before it creates anything.
 */
public class ImportDialog extends TitleAreaDialog {

	static final String FOLDER_ID = "import.folder"; //$NON-NLS-1$
	static final String HOST_ID = "import.host"; //$NON-NLS-1$
	static final String POOL_ID = "import.pool"; //$NON-NLS-1$
	static final String KEEP_ID = "import.keep"; //$NON-NLS-1$
	static final String COPY_ID = "import.copy"; //$NON-NLS-1$
	static final String NAME_ID = "import.name"; //$NON-NLS-1$
	static final String CHECKS_ID = "import.checks"; //$NON-NLS-1$
	static final String NETWORK_ID_PREFIX = "import.network."; //$NON-NLS-1$

	private final InventoryService service = InventoryHolder.get();
	private final List<Host> hosts = new ArrayList<>();
	private final List<String> pools = new ArrayList<>();
	private final Map<String, Combo> networkCombos = new LinkedHashMap<>();
	private final AtomicInteger generation = new AtomicInteger();
	private Text folder;
	private Label about;
	private Combo host;
	private Combo pool;
	private Button keep;
	private Button copy;
	private Text name;
	private Group networks;
	private Text checks;
	private ExportedVm exported;
	private OvaImportOperation.Package ova;

	/** The import chosen: of an export folder or of an OVA file. */
	private record Chosen(String label, Supplier<List<String>> precheck, Function<IProgressMonitor, IStatus> execute,
			Supplier<String> uuid) {
	}

	public ImportDialog(Shell parent) {
		super(parent);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Import_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(Messages.Import_heading);
		setMessage(Messages.Import_message);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(3).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.Import_source);
		folder = text(body, FOLDER_ID);
		Button browse = new Button(body, SWT.PUSH);
		browse.setText(Messages.Install_browse);
		browse.addListener(SWT.Selection, e -> {
			String chosen = new DirectoryDialog(getShell()).open();
			if (chosen != null) {
				folder.setText(chosen);
			}
		});
		new Label(body, SWT.NONE);
		new Label(body, SWT.NONE);
		Button ovaFile = new Button(body, SWT.PUSH);
		ovaFile.setText(Messages.Import_ovaFile);
		ovaFile.addListener(SWT.Selection, e -> {
			FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
			dialog.setFilterExtensions(new String[] { "*.ova", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
			String chosen = dialog.open();
			if (chosen != null) {
				folder.setText(chosen);
			}
		});
		about = new Label(body, SWT.WRAP);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(about);
		new Label(body, SWT.NONE).setText(Messages.Import_host);
		host = combo(body, HOST_ID);
		new Label(body, SWT.NONE).setText(Messages.Import_pool);
		pool = combo(body, POOL_ID);
		keep = new Button(body, SWT.RADIO);
		keep.setData(WidgetIds.KEY, KEEP_ID);
		keep.setText(Messages.Import_keep);
		GridDataFactory.fillDefaults().span(3, 1).applyTo(keep);
		copy = new Button(body, SWT.RADIO);
		copy.setData(WidgetIds.KEY, COPY_ID);
		copy.setText(Messages.Import_copy);
		copy.setSelection(true);
		name = text(body, NAME_ID);
		networks = new Group(body, SWT.NONE);
		networks.setText(Messages.Import_networks);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(networks);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(networks);
		new Label(body, SWT.NONE).setText(Messages.Import_checks);
		checks = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
		checks.setData(WidgetIds.KEY, CHECKS_ID);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(520, 80).applyTo(checks);

		hosts.addAll(service.query(i -> i.getHosts().stream().filter(h -> h.getState() == org.hostdeck.model.HostState.CONNECTED)
				.sorted(java.util.Comparator.comparing(Host::getName)).toList()));
		hosts.forEach(h -> host.add(service.query(i -> h.getName())));
		folder.addModifyListener(e -> readExport());
		host.addListener(SWT.Selection, e -> hostChanged());
		pool.addListener(SWT.Selection, e -> check());
		keep.addListener(SWT.Selection, e -> check());
		copy.addListener(SWT.Selection, e -> check());
		name.addModifyListener(e -> check());
		return area;
	}

	private static Text text(Composite parent, String id) {
		Text text = new Text(parent, SWT.BORDER);
		text.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().grab(true, false).span(id.equals(FOLDER_ID) ? 1 : 2, 1).hint(360, SWT.DEFAULT).applyTo(text);
		return text;
	}

	private static Combo combo(Composite parent, String id) {
		Combo combo = new Combo(parent, SWT.READ_ONLY);
		combo.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(combo);
		return combo;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		getButton(IDialogConstants.OK_ID).setText(Messages.Import_ok);
		getButton(IDialogConstants.OK_ID).setEnabled(false);
	}

	private void readExport() {
		exported = null;
		ova = null;
		String chosenPath = folder.getText().trim();
		try {
			if (chosenPath.toLowerCase(java.util.Locale.ROOT).endsWith(".ova") && Files.isRegularFile(Path.of(chosenPath))) { //$NON-NLS-1$
				readOva(Path.of(chosenPath));
				return;
			}
			keep.setEnabled(true);
			exported = ExportedVm.read(Path.of(chosenPath));
			long size = exported.disks().stream().mapToLong(ExportedVm.Disk::size).sum();
			about.setText(NLS.bind(Messages.Import_about, new Object[] { exported.name(), exported.sourceHost(), exported.disks().size(),
					Sizes.format(size) }));
			if (name.getText().isBlank()) {
				name.setText(exported.name() + "-copy"); //$NON-NLS-1$
			}
		} catch (ArchiveException | RuntimeException e) {
			about.setText(e.getMessage());
		}
		if (host.getSelectionIndex() < 0 && !hosts.isEmpty()) {
			host.select(0);
		}
		hostChanged();
	}

	/** An OVA: always a new VM (it carries no identity HostDeck could keep), named as the package says. */
	private void readOva(Path file) {
		try {
			ova = OvaImportOperation.read(file);
			Ovf.Vm vm = ova.vm();
			about.setText(NLS.bind(Messages.Import_aboutOva,
					new Object[] { vm.name(), vm.vcpus(), Sizes.format(vm.memory()), vm.disks().size(),
							Sizes.format(vm.disks().stream().mapToLong(Ovf.Disk::capacity).sum()), vm.nics().size(),
							vm.notMapped().isEmpty() ? "" : NLS.bind(Messages.Import_notMapped, String.join(", ", vm.notMapped())) })); //$NON-NLS-1$ //$NON-NLS-2$
			if (name.getText().isBlank()) {
				name.setText(vm.name());
			}
		} catch (ArchiveException | RuntimeException e) {
			about.setText(e.getMessage());
		}
		keep.setSelection(false);
		copy.setSelection(true);
		keep.setEnabled(false);
		if (host.getSelectionIndex() < 0 && !hosts.isEmpty()) {
			host.select(0);
		}
		hostChanged();
	}

	/** The networks the chosen export or package uses. */
	private List<String> usedNetworks() {
		if (exported != null) {
			return exported.networks();
		}
		return ova == null ? List.of() : ova.vm().nics().stream().map(Ovf.Nic::network).distinct().toList();
	}

	private void hostChanged() {
		pools.clear();
		pool.removeAll();
		for (Control c : networks.getChildren()) {
			c.dispose();
		}
		networkCombos.clear();
		Host chosen = host.getSelectionIndex() < 0 ? null : hosts.get(host.getSelectionIndex());
		if (chosen != null) {
			String best = service.query(i -> InstallWizard.bestPool(chosen));
			for (StoragePool p : service.query(i -> chosen.getStoragePools().stream().filter(StoragePool::isActive).toList())) {
				pools.add(service.query(i -> p.getName()));
				pool.add(service.query(i -> NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable()))));
			}
			pool.select(Math.max(0, pools.indexOf(best)));
			List<String> offered = service.query(i -> chosen.getNetworks().stream().map(Network::getName).sorted().toList());
			for (String used : usedNetworks()) {
				new Label(networks, SWT.NONE).setText(NLS.bind(Messages.Migrate_networkRow, used));
				Combo combo = new Combo(networks, SWT.READ_ONLY);
				combo.setData(WidgetIds.KEY, NETWORK_ID_PREFIX + used);
				offered.forEach(combo::add);
				combo.select(Math.max(0, offered.indexOf(used)));
				combo.addListener(SWT.Selection, e -> check());
				networkCombos.put(used, combo);
			}
		}
		if (networkCombos.isEmpty()) {
			new Label(networks, SWT.NONE).setText(Messages.Migrate_noNetworks);
		}
		networks.getParent().layout(true, true);
		check();
	}

	private Chosen operation() {
		Map<String, String> map = new LinkedHashMap<>();
		networkCombos.forEach((from, combo) -> {
			if (combo.getSelectionIndex() >= 0) {
				map.put(from, combo.getItem(combo.getSelectionIndex()));
			}
		});
		String chosenPool = pool.getSelectionIndex() < 0 ? "" : pools.get(pool.getSelectionIndex()); //$NON-NLS-1$
		boolean same = keep.getSelection();
		name.setEnabled(!same);
		Path chosenPath = Path.of(folder.getText().trim());
		Host target = hosts.get(host.getSelectionIndex());
		if (ova != null) {
			OvaImportOperation op = new OvaImportOperation(service, chosenPath, target, new OvaImportOperation.Options(chosenPool, name.getText(), map));
			return new Chosen(op.label(), op::precheck, op::execute, op::uuid);
		}
		ImportVmOperation op = new ImportVmOperation(service, chosenPath, target,
				new ImportVmOperation.Options(chosenPool, same ? null : name.getText(), same, map));
		return new Chosen(op.label(), op::precheck, op::execute, op::uuid);
	}

	/** Runs the import's pre-checks in the background; Import waits for them. */
	private void check() {
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(false);
		}
		if (exported == null && ova == null || host.getSelectionIndex() < 0) {
			checks.setText(exported == null && ova == null ? Messages.Import_chooseFolder : Messages.Install_noHost);
			return;
		}
		int mine = generation.incrementAndGet();
		Chosen op = operation();
		checks.setText(Messages.Install_checking);
		HostTable.background(Messages.Install_checking, checks, () -> {
			List<String> problems = op.precheck().get();
			return () -> {
				if (mine != generation.get()) {
					return;
				}
				checks.setText(problems.isEmpty() ? Messages.Install_allPassed : String.join("\n", problems)); //$NON-NLS-1$
				Button button = getButton(IDialogConstants.OK_ID);
				if (button != null) {
					button.setEnabled(problems.isEmpty());
				}
			};
		});
	}

	@Override
	protected void okPressed() {
		Chosen op = operation();
		Host chosen = hosts.get(host.getSelectionIndex());
		String target = service.query(i -> chosen.getName());
		VmJobs.scheduleRecorded(op.label(), target, op.uuid(), op.execute());
		super.okPressed();
	}
}
