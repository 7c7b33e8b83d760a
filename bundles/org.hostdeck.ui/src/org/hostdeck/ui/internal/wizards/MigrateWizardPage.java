package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.MigrationOptions.Mode;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Network;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;

/**
 * The Migrate wizard's page: target host (with its free memory and CPUs), where the disks go
 * (copied to a pool there, or already on storage both hosts share), a target network for each
 * network the VMs use, the live-migration options, and the pre-checks' verdict, re-run in the
 * background whenever a choice changes. Finish is enabled only when every check passes.
 */
final class MigrateWizardPage extends WizardPage {

	static final String HOSTS_ID = "migrate.hosts"; //$NON-NLS-1$
	static final String COPY_ID = "migrate.copy"; //$NON-NLS-1$
	static final String SHARED_ID = "migrate.shared"; //$NON-NLS-1$
	static final String POOL_ID = "migrate.pool"; //$NON-NLS-1$
	static final String DOWNTIME_ID = "migrate.downtime"; //$NON-NLS-1$
	static final String BANDWIDTH_ID = "migrate.bandwidth"; //$NON-NLS-1$
	static final String AUTO_CONVERGE_ID = "migrate.autoConverge"; //$NON-NLS-1$
	static final String POST_COPY_ID = "migrate.postCopy"; //$NON-NLS-1$
	static final String KEEP_SOURCE_ID = "migrate.keepSource"; //$NON-NLS-1$
	static final String CHECKS_ID = "migrate.checks"; //$NON-NLS-1$
	/** Followed by the source network's name: the combo choosing its target network. */
	static final String NETWORK_ID_PREFIX = "migrate.network."; //$NON-NLS-1$

	/** Family of the background pre-check jobs (tests wait on it). */
	static final Object CHECK_FAMILY = HostTable.FAMILY;

	private final InventoryService service;
	private final List<VirtualMachine> vms;
	private final Host preselected;
	private final AtomicInteger generation = new AtomicInteger();
	private final Map<String, Combo> networkCombos = new LinkedHashMap<>();
	private final List<String> poolNames = new ArrayList<>();

	private HostTable hostTable;
	private TableViewer hosts;
	private Button copy;
	private Button shared;
	private Combo pool;
	private Group networks;
	private Spinner downtime;
	private Spinner bandwidth;
	private Button autoConverge;
	private Button postCopy;
	private Button keepSource;
	private Text checks;
	private volatile Host target;

	MigrateWizardPage(InventoryService service, List<VirtualMachine> vms, Host preselected) {
		super("migrate"); //$NON-NLS-1$
		this.service = service;
		this.vms = vms;
		this.preselected = preselected;
		setTitle(NLS.bind(Messages.Migrate_title, MigrateWizard.names(vms)));
		setDescription(Messages.Migrate_description);
		setPageComplete(false);
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);

		label(page, Messages.Migrate_target, 2);
		hostTable = new HostTable(page, service, HOSTS_ID, candidates());
		hosts = hostTable.viewer();
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(SWT.DEFAULT, 110).applyTo(hosts.getTable());
		hosts.addSelectionChangedListener(e -> {
			target = (Host) hosts.getStructuredSelection().getFirstElement();
			targetChanged();
		});

		Group disks = new Group(page, SWT.NONE);
		disks.setText(Messages.Migrate_disks);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(disks);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(disks);
		copy = new Button(disks, SWT.RADIO);
		copy.setText(Messages.Migrate_copyDisks);
		copy.setData(WidgetIds.KEY, COPY_ID);
		copy.setSelection(true);
		pool = new Combo(disks, SWT.READ_ONLY);
		pool.setData(WidgetIds.KEY, POOL_ID);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(pool);
		shared = new Button(disks, SWT.RADIO);
		shared.setText(Messages.Migrate_sharedDisks);
		shared.setData(WidgetIds.KEY, SHARED_ID);
		GridDataFactory.fillDefaults().span(2, 1).applyTo(shared);
		label(disks, Messages.Migrate_offlineNote, 2);
		copy.addListener(SWT.Selection, e -> changed());
		shared.addListener(SWT.Selection, e -> changed());
		pool.addListener(SWT.Selection, e -> changed());

		networks = new Group(page, SWT.NONE);
		networks.setText(Messages.Migrate_networks);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(networks);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(networks);

		Group options = new Group(page, SWT.NONE);
		options.setText(Messages.Migrate_options);
		GridLayoutFactory.swtDefaults().numColumns(4).applyTo(options);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(options);
		downtime = spinner(options, Messages.Migrate_maxDowntime, DOWNTIME_ID, 60_000);
		bandwidth = spinner(options, Messages.Migrate_bandwidth, BANDWIDTH_ID, 100_000);
		autoConverge = check(options, Messages.Migrate_autoConverge, AUTO_CONVERGE_ID);
		postCopy = check(options, Messages.Migrate_postCopy, POST_COPY_ID);
		keepSource = check(options, Messages.Migrate_keepSource, KEEP_SOURCE_ID);

		label(page, Messages.Migrate_checks, 2);
		checks = new Text(page, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
		checks.setData(WidgetIds.KEY, CHECKS_ID);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(560, 90).applyTo(checks);

		setControl(page);
		hostTable.rate(vms);
		if (preselected != null && candidates().contains(preselected)) {
			hosts.setSelection(new StructuredSelection(preselected), true);
		} else {
			checks.setText(Messages.Migrate_chooseHost);
		}
		hosts.getTable().setFocus();
	}

	/** The rating text shown for {@code host} (empty until rated). */
	String rating(Host host) {
		return hostTable.rating(host);
	}

	private void background(String name, java.util.function.Supplier<Runnable> work) {
		HostTable.background(name, checks, work);
	}

	/** Connected hosts other than the one every VM is on. */
	private List<Host> candidates() {
		return service.query(i -> i.getHosts().stream().filter(h -> h.getState() == HostState.CONNECTED)
				.filter(h -> vms.stream().anyMatch(vm -> vm.getHost() != h)).sorted(Comparator.comparing(Host::getName)).toList());
	}

	private static Label label(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().span(span, 1).applyTo(label);
		return label;
	}

	private Spinner spinner(Composite parent, String text, String id, int max) {
		new Label(parent, SWT.NONE).setText(text);
		Spinner spinner = new Spinner(parent, SWT.BORDER);
		spinner.setData(WidgetIds.KEY, id);
		spinner.setValues(0, 0, max, 0, 1, 100);
		spinner.addListener(SWT.Modify, e -> changed());
		return spinner;
	}

	private Button check(Composite parent, String text, String id) {
		Button button = new Button(parent, SWT.CHECK);
		button.setText(text);
		button.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().span(4, 1).applyTo(button);
		button.addListener(SWT.Selection, e -> changed());
		return button;
	}

	/** A new target: its pools (most room first) and a row per network the VMs use. */
	private void targetChanged() {
		poolNames.clear();
		pool.removeAll();
		for (Control c : networks.getChildren()) {
			c.dispose();
		}
		networkCombos.clear();
		if (target != null) {
			List<StoragePool> pools = service.query(i -> target.getStoragePools().stream().filter(StoragePool::isActive)
					.sorted(Comparator.comparingLong(StoragePool::getAvailable).reversed()).toList());
			for (StoragePool p : pools) {
				poolNames.add(p.getName());
				pool.add(NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable())));
			}
			if (!poolNames.isEmpty()) {
				pool.select(0);
			}
			List<String> offered = service.query(i -> target.getNetworks().stream().map(Network::getName).sorted().toList());
			for (String used : usedNetworks()) {
				label(networks, NLS.bind(Messages.Migrate_networkRow, used), 1);
				Combo combo = new Combo(networks, SWT.READ_ONLY);
				combo.setData(WidgetIds.KEY, NETWORK_ID_PREFIX + used);
				offered.forEach(combo::add);
				combo.select(Math.max(0, offered.indexOf(used)));
				combo.addListener(SWT.Selection, e -> changed());
				GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
				networkCombos.put(used, combo);
			}
		}
		if (networkCombos.isEmpty()) {
			label(networks, Messages.Migrate_noNetworks, 2);
		}
		networks.getParent().layout(true, true);
		changed();
	}

	/** The libvirt networks (of their own hosts) the VMs' NICs are on. */
	private List<String> usedNetworks() {
		return service.query(i -> {
			TreeSet<String> used = new TreeSet<>();
			for (VirtualMachine vm : vms) {
				List<String> own = vm.getHost() == null ? List.of() : vm.getHost().getNetworks().stream().map(Network::getName).toList();
				for (NetworkInterface nic : vm.getNics()) {
					if (own.contains(nic.getNetworkName())) {
						used.add(nic.getNetworkName());
					}
				}
			}
			return new ArrayList<>(used);
		});
	}

	Host target() {
		return target;
	}

	/** The options for {@code vm} as the page reads now (call on the UI thread). */
	MigrationOptions optionsFor(VirtualMachine vm) {
		PowerState state = service.query(i -> vm.getPowerState());
		Mode mode = MigrateVmOperation.defaultMode(state, shared.getSelection());
		Map<String, String> map = new LinkedHashMap<>();
		networkCombos.forEach((from, combo) -> {
			if (combo.getSelectionIndex() >= 0) {
				map.put(from, combo.getItem(combo.getSelectionIndex()));
			}
		});
		String chosenPool = pool.getSelectionIndex() < 0 ? null : poolNames.get(pool.getSelectionIndex());
		String uri = target == null ? "" : service.query(i -> target.getUri()); //$NON-NLS-1$
		return MigrationOptions.live().withMode(mode).withListenAddress(MigrateVmOperation.listenAddressFor(uri))
				.withTargetPool(mode == Mode.LIVE_SHARED_STORAGE ? null : chosenPool).withNetworkMap(map)
				.withMaxDowntime(downtime.getSelection()).withBandwidth(bandwidth.getSelection())
				.withAutoConverge(autoConverge.getSelection()).withPostCopy(postCopy.getSelection())
				.withKeepSource(keepSource.getSelection());
	}

	/** Something changed: re-run the pre-checks in the background; Finish waits for their verdict. */
	private void changed() {
		pool.setEnabled(copy.getSelection() || service.query(i -> vms.stream().anyMatch(vm -> vm.getPowerState() == PowerState.SHUT_OFF)));
		setPageComplete(false);
		int mine = generation.incrementAndGet();
		Host chosen = target;
		if (chosen == null) {
			return;
		}
		Map<VirtualMachine, MigrationOptions> plan = new LinkedHashMap<>();
		vms.forEach(vm -> plan.put(vm, optionsFor(vm)));
		checks.setText(Messages.Migrate_checking);
		setErrorMessage(null);
		background(Messages.Migrate_checking, () -> {
			List<String> problems = new ArrayList<>();
			plan.forEach((vm, options) -> problems.addAll(new MigrateVmOperation(service, vm, chosen, options).precheck()));
			return () -> show(mine, problems);
		});
	}

	private void show(int mine, List<String> problems) {
		if (mine != generation.get()) {
			return; // a newer check is on its way
		}
		if (problems.isEmpty()) {
			checks.setText(NLS.bind(Messages.Migrate_allPassed, vms.size()));
			setErrorMessage(null);
			setPageComplete(true);
		} else {
			checks.setText(String.join("\n", problems)); //$NON-NLS-1$
			setErrorMessage(NLS.bind(Messages.Migrate_refused, problems.size()));
			setPageComplete(false);
		}
	}
}
