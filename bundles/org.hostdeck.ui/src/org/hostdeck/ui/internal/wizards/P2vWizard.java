package org.hostdeck.ui.internal.wizards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.p2v.Discovery;
import org.hostdeck.p2v.P2vException;
import org.hostdeck.p2v.P2vOperation;
import org.hostdeck.p2v.SourceMachine;
import org.hostdeck.p2v.SshSource;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * Convert a physical server (P2V): Source (address and login over SSH, the host key asked about
 * once, a password kept in Secure Storage when asked to; Discover connects and measures the
 * server in the background), Plan (name, description, vCPUs, memory, which disks, target host
 * and pool, a network per NIC), Summary (the conversion's pre-checks in the background; Finish
 * when they pass). The conversion runs as a user job recorded in the task history.
 */
public class P2vWizard extends Wizard {

	static final String HOST_ID = "p2v.host"; //$NON-NLS-1$
	static final String PORT_ID = "p2v.port"; //$NON-NLS-1$
	static final String USER_ID = "p2v.user"; //$NON-NLS-1$
	static final String PASSWORD_ID = "p2v.password"; //$NON-NLS-1$
	static final String KEY_ID = "p2v.key"; //$NON-NLS-1$
	static final String DISCOVER_ID = "p2v.discover"; //$NON-NLS-1$
	static final String FACTS_ID = "p2v.facts"; //$NON-NLS-1$
	static final String NAME_ID = "p2v.name"; //$NON-NLS-1$
	static final String DISKS_ID = "p2v.disks"; //$NON-NLS-1$
	static final String MEMORY_ID = "p2v.memory"; //$NON-NLS-1$
	static final String TARGET_ID = "p2v.target"; //$NON-NLS-1$
	static final String POOL_ID = "p2v.pool"; //$NON-NLS-1$
	static final String TO_FOLDER_ID = "p2v.toFolder"; //$NON-NLS-1$
	static final String FOLDER_ID = "p2v.folder"; //$NON-NLS-1$
	static final String NIC_ID_PREFIX = "p2v.nic."; //$NON-NLS-1$
	static final String CHECKS_ID = "p2v.checks"; //$NON-NLS-1$

	/** Where server keys are checked and remembered: OpenSSH's own file, so ssh and HostDeck agree (tests use their own). */
	static volatile Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private final InventoryService service = InventoryHolder.get();
	private final SourcePage sourcePage = new SourcePage();
	private final PlanPage planPage = new PlanPage();
	private final SummaryPage summaryPage = new SummaryPage();
	private volatile SshSource source;
	private volatile SourceMachine machine;
	private boolean handedOver;

	public P2vWizard() {
		setWindowTitle(Messages.P2v_title);
		setNeedsProgressMonitor(false);
	}

	public static WizardDialog open(Shell shell, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new P2vWizard());
		dialog.setPageSize(640, 680); // the plan page grows once the server's disks and NICs are known
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	@Override
	public void addPages() {
		addPage(sourcePage);
		addPage(planPage);
		addPage(summaryPage);
	}

	@Override
	public boolean canFinish() {
		return getContainer() != null && getContainer().getCurrentPage() == summaryPage && summaryPage.isPageComplete();
	}

	@Override
	public boolean performFinish() {
		P2vOperation op = planPage.operation();
		SshSource owned = source;
		handedOver = true; // the job closes the connection when the conversion ends
		VmJobs.scheduleRecorded(op.label(), planPage.targetName(), op::uuid, monitor -> {
			try {
				return op.execute(monitor);
			} finally {
				owned.close();
			}
		});
		return true;
	}

	@Override
	public void dispose() {
		if (!handedOver && source != null) {
			source.close();
		}
		super.dispose();
	}

	private static Text text(Composite parent, String id, int style) {
		Text text = new Text(parent, SWT.BORDER | style);
		text.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(text);
		return text;
	}

	/** Address, login, Discover. */
	private final class SourcePage extends WizardPage {
		private Text host;
		private Spinner port;
		private Text user;
		private Text password;
		private Button remember;
		private Text key;
		private Text facts;
		private Button discover;

		SourcePage() {
			super("source"); //$NON-NLS-1$
			setTitle(Messages.P2v_sourceTitle);
			setDescription(Messages.P2v_sourceDescription);
			setPageComplete(false);
		}

		@Override
		public void createControl(Composite parent) {
			Composite body = new Composite(parent, SWT.NONE);
			GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);
			new Label(body, SWT.NONE).setText(Messages.P2v_host);
			host = text(body, HOST_ID, SWT.NONE);
			new Label(body, SWT.NONE).setText(Messages.P2v_port);
			port = new Spinner(body, SWT.BORDER);
			port.setData(WidgetIds.KEY, PORT_ID);
			port.setValues(22, 1, 65535, 0, 1, 10);
			new Label(body, SWT.NONE);
			new Label(body, SWT.NONE).setText(Messages.P2v_user);
			user = text(body, USER_ID, SWT.NONE);
			user.setText("root"); //$NON-NLS-1$
			new Label(body, SWT.NONE).setText(Messages.P2v_password);
			password = text(body, PASSWORD_ID, SWT.PASSWORD);
			new Label(body, SWT.NONE);
			remember = new Button(body, SWT.CHECK);
			remember.setText(Messages.P2v_remember);
			GridDataFactory.fillDefaults().span(2, 1).applyTo(remember);
			new Label(body, SWT.NONE).setText(Messages.P2v_key);
			key = new Text(body, SWT.BORDER);
			key.setData(WidgetIds.KEY, KEY_ID);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(key);
			Button browse = new Button(body, SWT.PUSH);
			browse.setText(Messages.Install_browse);
			browse.addListener(SWT.Selection, e -> {
				String chosen = new FileDialog(getShell(), SWT.OPEN).open();
				if (chosen != null) {
					key.setText(chosen);
				}
			});
			discover = new Button(body, SWT.PUSH);
			discover.setData(WidgetIds.KEY, DISCOVER_ID);
			discover.setText(Messages.P2v_discover);
			GridDataFactory.fillDefaults().span(3, 1).applyTo(discover);
			facts = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
			facts.setData(WidgetIds.KEY, FACTS_ID);
			GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(560, 160).applyTo(facts);
			discover.addListener(SWT.Selection, e -> discover());
			host.addModifyListener(e -> forget());
			user.addModifyListener(e -> forget());
			setControl(body);
		}

		/** A changed address or login makes what was discovered stale. */
		private void forget() {
			machine = null;
			setPageComplete(false);
		}

		private String storageKey() {
			return "ssh://" + user.getText().trim() + "@" + host.getText().trim() + ":" + port.getSelection(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}

		/** Connects, asks about the host key when it is new, and measures the server, off the UI thread. */
		private void discover() {
			SshSource.Target target = new SshSource.Target(host.getText().trim(), port.getSelection(), user.getText().trim());
			String typed = password.getText();
			if (typed.isEmpty() && key.getText().isBlank()) {
				Credentials stored = InventoryHolder.credentials().credentialsFor(storageKey());
				typed = stored == null || stored.password() == null ? "" : new String(stored.password()); //$NON-NLS-1$
			}
			SshSource.Credentials credentials = key.getText().isBlank() ? new SshSource.Credentials.Password(typed)
					: new SshSource.Credentials.Key(Path.of(key.getText().trim()), typed);
			boolean keep = remember.getSelection() && key.getText().isBlank() && !typed.isEmpty();
			String storage = storageKey();
			String secret = typed;
			Display display = getShell().getDisplay();
			discover.setEnabled(false);
			facts.setText(NLS.bind(Messages.P2v_discovering, target));
			HostTable.background(Messages.P2v_discovering, facts, () -> {
				SshSource old = source;
				if (old != null) {
					old.close();
				}
				try {
					SshSource opened = SshSource.connect(target, credentials, knownHosts,
							(t, algorithm, fingerprint) -> ask(display, t, algorithm, fingerprint));
					SourceMachine found = Discovery.discover(opened, 3);
					source = opened;
					machine = found;
					if (keep) {
						InventoryHolder.credentials().save(storage, new Credentials(target.user(), secret.toCharArray()));
					}
					return () -> {
						discover.setEnabled(true);
						facts.setText(describe(found));
						setErrorMessage(null);
						setPageComplete(true);
						planPage.fill(found);
					};
				} catch (P2vException | org.eclipse.equinox.security.storage.StorageException e) {
					return () -> {
						discover.setEnabled(true);
						facts.setText(""); //$NON-NLS-1$
						setErrorMessage(e.getMessage());
						setPageComplete(false);
					};
				}
			});
		}
	}

	/** The host-key question, on the UI thread, Cancel by default. */
	private static boolean ask(Display display, SshSource.Target target, String algorithm, String fingerprint) {
		boolean[] trusted = { false };
		display.syncExec(() -> trusted[0] = new MessageDialog(display.getActiveShell(), Messages.P2v_hostKeyTitle, null,
				NLS.bind(Messages.P2v_hostKeyMessage, new Object[] { target.host() + ":" + target.port(), algorithm, fingerprint }), //$NON-NLS-1$
				MessageDialog.WARNING, 1, Messages.P2v_trust, IDialogConstants.CANCEL_LABEL).open() == 0);
		return trusted[0];
	}

	/** What discovery found, as the Source page shows it. */
	static String describe(SourceMachine m) {
		StringBuilder b = new StringBuilder();
		b.append(NLS.bind(Messages.P2v_factsMachine, new Object[] { m.hostname(), m.os(), m.cpus(), m.cpuModel(),
				String.format(java.util.Locale.ROOT, "%.0f", m.mhz()), Sizes.format(m.memory()), Sizes.format(m.memoryUsed()) })).append('\n'); //$NON-NLS-1$
		for (SourceMachine.Disk d : m.disks()) {
			b.append(NLS.bind(Messages.P2v_factsDisk, new Object[] { d.path(), Sizes.format(d.size()), d.root() ? Messages.P2v_root : "", //$NON-NLS-1$
					String.join(", ", d.partitions().stream().map(p -> p.name() + (p.fsType() == null ? "" : " " + p.fsType()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ (p.mountPoint() == null ? "" : " on " + p.mountPoint())).toList()) })).append('\n'); //$NON-NLS-1$ //$NON-NLS-2$
		}
		for (SourceMachine.Nic n : m.nics()) {
			b.append(NLS.bind(Messages.P2v_factsNic, new Object[] { n.name(), n.mac(), String.join(", ", n.addresses()) })).append('\n'); //$NON-NLS-1$
		}
		if (m.utilization() != null) {
			b.append(NLS.bind(Messages.P2v_factsUse, new Object[] { Math.round(m.utilization().cpu() * 100), Math.round(m.consumedMhz()),
					Sizes.format((long) m.utilization().networkBps()), Sizes.format((long) m.utilization().diskBps()) }));
		}
		return b.toString();
	}

	/** Name, shape, disks, target, networks. */
	final class PlanPage extends WizardPage {
		private Text name;
		private Text description;
		private Spinner vcpus;
		private Spinner memory;
		private Table disks;
		private Button toHost;
		private Button toFolder;
		private Text folder;
		private Button browse;
		private HostTable target;
		private Combo pool;
		private Group networks;
		private Button compress;
		private final List<Host> hosts = new ArrayList<>();
		private final List<String> pools = new ArrayList<>();
		private final Map<String, Combo> nicCombos = new LinkedHashMap<>();

		PlanPage() {
			super("plan"); //$NON-NLS-1$
			setTitle(Messages.P2v_planTitle);
			setDescription(Messages.P2v_planDescription);
		}

		@Override
		public void createControl(Composite parent) {
			Composite body = new Composite(parent, SWT.NONE);
			GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
			new Label(body, SWT.NONE).setText(Messages.P2v_name);
			name = new Text(body, SWT.BORDER);
			name.setData(WidgetIds.KEY, NAME_ID);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
			new Label(body, SWT.NONE).setText(Messages.P2v_description);
			description = new Text(body, SWT.BORDER);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(description);
			new Label(body, SWT.NONE).setText(Messages.P2v_vcpus);
			vcpus = new Spinner(body, SWT.BORDER);
			vcpus.setValues(1, 1, 512, 0, 1, 4);
			new Label(body, SWT.NONE).setText(Messages.P2v_memory);
			memory = new Spinner(body, SWT.BORDER);
			memory.setData(WidgetIds.KEY, MEMORY_ID);
			memory.setValues(1024, 16, 16 << 20, 0, 256, 1024);
			Label disksLabel = new Label(body, SWT.NONE);
			disksLabel.setText(Messages.P2v_disks);
			GridDataFactory.fillDefaults().span(2, 1).applyTo(disksLabel);
			disks = new Table(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION);
			disks.setData(WidgetIds.KEY, DISKS_ID);
			GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, 64).applyTo(disks);
			toHost = new Button(body, SWT.RADIO);
			toHost.setText(Messages.P2v_toHost);
			toHost.setSelection(true);
			GridDataFactory.fillDefaults().span(2, 1).applyTo(toHost);
			hosts.addAll(service.query(i -> i.getHosts().stream().filter(h -> h.getState() == HostState.CONNECTED)
					.sorted(java.util.Comparator.comparing(Host::getName)).toList()));
			target = new HostTable(body, service, TARGET_ID, hosts);
			GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(520, 140).applyTo(target.viewer().getTable());
			new Label(body, SWT.NONE).setText(Messages.Import_pool);
			pool = new Combo(body, SWT.READ_ONLY);
			pool.setData(WidgetIds.KEY, POOL_ID);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(pool);
			toFolder = new Button(body, SWT.RADIO);
			toFolder.setData(WidgetIds.KEY, TO_FOLDER_ID);
			toFolder.setText(Messages.P2v_toFolder);
			GridDataFactory.fillDefaults().span(2, 1).applyTo(toFolder);
			new Label(body, SWT.NONE).setText(Messages.P2v_folder);
			Composite folderRow = new Composite(body, SWT.NONE);
			GridLayoutFactory.fillDefaults().numColumns(2).applyTo(folderRow);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(folderRow);
			folder = new Text(folderRow, SWT.BORDER);
			folder.setData(WidgetIds.KEY, FOLDER_ID);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(folder);
			browse = new Button(folderRow, SWT.PUSH);
			browse.setText(Messages.Install_browse);
			browse.addListener(SWT.Selection, e -> {
				org.eclipse.swt.widgets.DirectoryDialog dialog = new org.eclipse.swt.widgets.DirectoryDialog(getShell());
				dialog.setMessage(Messages.P2v_folderDialog);
				String chosen = dialog.open();
				if (chosen != null) {
					folder.setText(chosen);
				}
			});
			toFolder.addListener(SWT.Selection, e -> targetChanged());
			networks = new Group(body, SWT.NONE);
			networks.setText(Messages.Import_networks);
			GridLayoutFactory.swtDefaults().numColumns(2).applyTo(networks);
			GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(networks);
			compress = new Button(body, SWT.CHECK);
			compress.setText(Messages.P2v_compress);
			compress.setSelection(true);
			GridDataFactory.fillDefaults().span(2, 1).applyTo(compress);
			target.viewer().addSelectionChangedListener(e -> targetChanged());
			if (!hosts.isEmpty()) {
				target.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(hosts.get(0)), true);
			}
			vcpus.addListener(SWT.Modify, e -> rate());
			memory.addListener(SWT.Modify, e -> rate());
			setControl(body);
			targetChanged();
		}

		/** Defaults from the server just discovered. */
		void fill(SourceMachine m) {
			if (name == null) {
				return;
			}
			name.setText(m.hostname().replaceAll("[^A-Za-z0-9._-]", "-")); //$NON-NLS-1$ //$NON-NLS-2$
			vcpus.setSelection(Math.max(1, m.cpus()));
			memory.setSelection((int) Math.max(16, m.memory() >> 20));
			disks.removeAll();
			for (SourceMachine.Disk d : m.disks()) {
				TableItem item = new TableItem(disks, SWT.NONE);
				item.setText(d.path() + "  " + Sizes.format(d.size()) + (d.root() ? "  " + Messages.P2v_root : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				item.setData(d.path());
				item.setChecked(d.root());
			}
			targetChanged();
			rate();
		}

		/** Rates every host for the VM-to-be: its vCPUs, memory and the load discovery measured. */
		private void rate() {
			SourceMachine m = machine;
			if (target == null || m == null) {
				return;
			}
			VirtualMachine sketch = InventoryFactory.eINSTANCE.createVirtualMachine();
			sketch.setName(name.getText().isBlank() ? m.hostname() : name.getText().trim());
			sketch.setVcpus(vcpus.getSelection());
			sketch.setMemory((long) memory.getSelection() << 20);
			sketch.setMaxMemory(sketch.getMemory());
			sketch.setWorkload(P2vOperation.workload(m));
			target.rate(List.of(sketch));
		}

		/** The star rating shown for {@code host} (empty until rated). */
		String rating(Host host) {
			return target.rating(host);
		}

		private Host chosenHost() {
			return target == null || intoFolder() ? null : (Host) target.viewer().getStructuredSelection().getFirstElement();
		}

		private boolean intoFolder() {
			return toFolder != null && toFolder.getSelection();
		}

		String targetName() {
			if (intoFolder()) {
				return folder.getText().trim();
			}
			Host h = chosenHost();
			return h == null ? "" : service.query(i -> h.getName()); //$NON-NLS-1$
		}

		private void targetChanged() {
			if (pool == null) {
				return;
			}
			pools.clear();
			pool.removeAll();
			for (Control c : networks.getChildren()) {
				c.dispose();
			}
			nicCombos.clear();
			boolean intoFolder = intoFolder();
			target.viewer().getTable().setEnabled(!intoFolder);
			pool.setEnabled(!intoFolder);
			folder.setEnabled(intoFolder);
			browse.setEnabled(intoFolder);
			Host h = chosenHost();
			if (intoFolder) {
				// the import maps these names to the networks of the host it goes to
				java.util.SortedSet<String> names = new java.util.TreeSet<>(service.query(i -> i.getHosts().stream()
						.flatMap(x -> x.getNetworks().stream()).map(Network::getName).toList()));
				names.add("default"); //$NON-NLS-1$
				nics(new ArrayList<>(names), SWT.DROP_DOWN, "default"); //$NON-NLS-1$
			} else if (h != null) {
				String best = service.query(i -> InstallWizard.bestPool(h));
				for (StoragePool p : service.query(i -> h.getStoragePools().stream().filter(StoragePool::isActive).toList())) {
					pools.add(service.query(i -> p.getName()));
					pool.add(service.query(i -> NLS.bind(Messages.Migrate_poolItem, p.getName(), Sizes.format(p.getAvailable()))));
				}
				pool.select(Math.max(0, pools.indexOf(best)));
				List<String> offered = service.query(i -> h.getNetworks().stream().map(Network::getName).sorted().toList());
				nics(offered, SWT.READ_ONLY, offered.isEmpty() ? null : offered.get(0));
			}
			if (nicCombos.isEmpty()) {
				new Label(networks, SWT.NONE).setText(Messages.Migrate_noNetworks);
			}
			networks.getParent().layout(true, true);
		}

		/** A network choice per NIC of the server (loopback aside): "leave out" or one of {@code offered}. */
		private void nics(List<String> offered, int style, String preselected) {
			SourceMachine m = machine;
			for (SourceMachine.Nic n : m == null ? List.<SourceMachine.Nic>of() : m.nics()) {
				if (n.name().equals("lo")) { //$NON-NLS-1$
					continue;
				}
				new Label(networks, SWT.NONE).setText(n.name() + " (" + n.mac() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
				Combo combo = new Combo(networks, style);
				combo.setData(WidgetIds.KEY, NIC_ID_PREFIX + n.name());
				combo.add(Messages.P2v_leaveOut);
				offered.forEach(combo::add);
				combo.select(preselected == null ? 0 : 1 + offered.indexOf(preselected));
				GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
				nicCombos.put(n.name(), combo);
			}
		}

		P2vOperation operation() {
			List<String> chosen = new ArrayList<>();
			for (TableItem item : disks.getItems()) {
				if (item.getChecked()) {
					chosen.add((String) item.getData());
				}
			}
			Map<String, String> map = new LinkedHashMap<>();
			nicCombos.forEach((nic, combo) -> {
				String network = combo.getText().trim(); // typed, in a folder's editable choice
				if (!network.isEmpty() && !network.equals(Messages.P2v_leaveOut)) {
					map.put(nic, network);
				}
			});
			String chosenPool = pool.getSelectionIndex() < 0 ? "" : pools.get(pool.getSelectionIndex()); //$NON-NLS-1$
			P2vOperation.Plan plan = new P2vOperation.Plan(name.getText().trim(), description.getText(), vcpus.getSelection(),
					(long) memory.getSelection() << 20, chosenPool, chosen, map, compress.getSelection());
			if (intoFolder()) {
				return new P2vOperation(source, machine, plan, java.nio.file.Path.of(folder.getText().trim()));
			}
			return new P2vOperation(service, chosenHost(), source, machine, plan);
		}
	}

	/** The pre-checks, in the background; Finish waits for them. */
	private final class SummaryPage extends WizardPage {
		private Text checks;
		private final AtomicInteger generation = new AtomicInteger();

		SummaryPage() {
			super("summary"); //$NON-NLS-1$
			setTitle(Messages.P2v_summaryTitle);
			setDescription(Messages.P2v_summaryDescription);
			setPageComplete(false);
		}

		@Override
		public void createControl(Composite parent) {
			Composite body = new Composite(parent, SWT.NONE);
			GridLayoutFactory.swtDefaults().applyTo(body);
			checks = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
			checks.setData(WidgetIds.KEY, CHECKS_ID);
			GridDataFactory.fillDefaults().grab(true, true).hint(560, 160).applyTo(checks);
			setControl(body);
		}

		@Override
		public void setVisible(boolean visible) {
			super.setVisible(visible);
			if (visible) {
				setPageComplete(false);
				int mine = generation.incrementAndGet();
				P2vOperation op = planPage.operation();
				checks.setText(Messages.Install_checking);
				HostTable.background(Messages.Install_checking, checks, () -> {
					List<String> problems = op.precheck();
					return () -> {
						if (mine != generation.get()) {
							return;
						}
						checks.setText(problems.isEmpty() ? NLS.bind(Messages.P2v_ready, op.label()) : String.join("\n", problems)); //$NON-NLS-1$
						setPageComplete(problems.isEmpty());
					};
				});
			}
		}
	}
}
