package org.hostdeck.ui.internal.editors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.hostdeck.model.Host;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.ModelRefresher;
import org.hostdeck.ui.internal.charts.PerformanceCharts;

/** A host at a glance: Overview, Storage pools, Networks, VMs; follows the model while open. */
public class HostEditor extends FormEditor {

	public static final String ID = "org.hostdeck.ui.editors.host"; //$NON-NLS-1$

	private Host host;
	private final List<Runnable> refreshers = new ArrayList<>();
	private ModelRefresher refresher;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof HostEditorInput hostInput)) {
			throw new PartInitException("Not a host: " + input); //$NON-NLS-1$
		}
		super.init(site, input);
		host = hostInput.host();
		setPartName(host.getName());
		setTitleToolTip(input.getToolTipText());
	}

	@Override
	protected void addPages() {
		try {
			addPage(new OverviewPage());
			addTable("storage", Messages.HostEditor_storage, () -> new ArrayList<>(host.getStoragePools()), List.of( //$NON-NLS-1$
					new TablePage.Column<StoragePool>(Messages.HostEditor_name, 160, StoragePool::getName),
					new TablePage.Column<StoragePool>(Messages.HostEditor_type, 80, StoragePool::getType),
					new TablePage.Column<StoragePool>(Messages.HostEditor_capacity, 100, p -> Sizes.format(p.getCapacity())),
					new TablePage.Column<StoragePool>(Messages.HostEditor_available, 100, p -> Sizes.format(p.getAvailable())),
					new TablePage.Column<StoragePool>(Messages.HostEditor_volumes, 80, p -> Integer.toString(p.getVolumes().size())),
					new TablePage.Column<StoragePool>(Messages.HostEditor_shared, 70, p -> p.isShared() ? Messages.HostEditor_yes : Messages.HostEditor_no)));
			addTable("networks", Messages.HostEditor_networks, () -> new ArrayList<>(host.getNetworks()), List.of( //$NON-NLS-1$
					new TablePage.Column<Network>(Messages.HostEditor_name, 140, Network::getName),
					new TablePage.Column<Network>(Messages.HostEditor_bridge, 100, Network::getBridge),
					new TablePage.Column<Network>(Messages.HostEditor_subnet, 140, Network::getSubnet),
					new TablePage.Column<Network>(Messages.HostEditor_role, 100, n -> n.getRole().getLiteral().toLowerCase()),
					new TablePage.Column<Network>(Messages.HostEditor_zone, 100, Network::getIsolationZone)));
			addTable("vms", Messages.HostEditor_vms, () -> { //$NON-NLS-1$
				List<VirtualMachine> vms = new ArrayList<>(host.getVms());
				vms.sort(Comparator.comparing(VirtualMachine::getName));
				return vms;
			}, List.of(new TablePage.Column<VirtualMachine>(Messages.HostEditor_name, 160, VirtualMachine::getName),
					new TablePage.Column<VirtualMachine>(Messages.HostEditor_state, 90, v -> v.getPowerState().getLiteral().replace('_', ' ').toLowerCase()),
					new TablePage.Column<VirtualMachine>(Messages.HostEditor_vcpus, 60, v -> Integer.toString(v.getVcpus())),
					new TablePage.Column<VirtualMachine>(Messages.HostEditor_memory, 90, v -> Sizes.format(v.getMemory()))));
			addPage(new UtilizationPage());
		} catch (PartInitException e) {
			throw new IllegalStateException(e);
		}
		refresher = new ModelRefresher(getContainer(), n -> true, () -> {
			if (host.eContainer() == null) {
				getSite().getPage().closeEditor(this, false);
			} else {
				refreshers.forEach(Runnable::run);
			}
		});
		refresher.attach(InventoryHolder.get(), host);
	}

	private <T> void addTable(String id, String title, java.util.function.Supplier<List<T>> rows,
			List<TablePage.Column<T>> columns) throws PartInitException {
		TablePage<T> page = new TablePage<>(this, id, title, rows, columns);
		refreshers.add(page::refresh);
		addPage(page);
	}

	/** Hypervisor, CPUs, memory and connection state. */
	private final class OverviewPage extends FormPage {
		private final List<Label> values = new ArrayList<>();

		OverviewPage() {
			super(HostEditor.this, "overview", Messages.HostEditor_overview); //$NON-NLS-1$
		}

		@Override
		protected void createFormContent(IManagedForm managedForm) {
			ScrolledForm form = managedForm.getForm();
			FormToolkit toolkit = managedForm.getToolkit();
			form.setText(host.getName());
			toolkit.decorateFormHeading(form.getForm());
			GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form.getBody());
			for (String key : new String[] { Messages.HostEditor_stateLabel, Messages.HostEditor_uri, Messages.HostEditor_hypervisor,
					Messages.HostEditor_cpu, Messages.HostEditor_topology, Messages.HostEditor_memoryTotal,
					Messages.HostEditor_memoryFree, Messages.HostEditor_vmsLabel, Messages.HostEditor_nicsLabel }) {
				toolkit.createLabel(form.getBody(), key);
				Label value = toolkit.createLabel(form.getBody(), "", SWT.WRAP); //$NON-NLS-1$
				value.setData(WidgetIds.KEY, "hostEditor.overview." + values.size()); //$NON-NLS-1$
				GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
				values.add(value);
			}
			refreshers.add(this::refresh);
			refresh();
		}

		private void refresh() {
			if (values.isEmpty() || values.get(0).isDisposed()) {
				return;
			}
			String[] texts = { host.getState().getLiteral().toLowerCase() + (host.getStateMessage() == null ? "" : ": " + host.getStateMessage()), //$NON-NLS-1$ //$NON-NLS-2$
					host.getUri(), host.getHypervisorType().getLiteral().toLowerCase(), host.getCpuModel() + ", " + host.getCpuMhz() + " MHz", //$NON-NLS-1$ //$NON-NLS-2$
					host.getCpuSockets() + " × " + host.getCpuCores() + " × " + host.getCpuThreads() + " = " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ host.getCpuSockets() * host.getCpuCores() * host.getCpuThreads(),
					Sizes.format(host.getMemoryTotal()), Sizes.format(host.getMemoryFree()), Integer.toString(host.getVms().size()),
					nics(host) };
			for (int i = 0; i < texts.length; i++) {
				values.get(i).setText(texts[i] == null ? "" : texts[i]); //$NON-NLS-1$
			}
			getManagedForm().getForm().getBody().layout(true, true);
		}

		String value(int index) {
			return values.get(index).getText();
		}
	}

	/** {@code eno1 (10 Gbit/s), eno2 (1 Gbit/s)}; the host's physical NICs carry its VMs' traffic. */
	static String nics(Host host) {
		if (host.getPhysicalNics().isEmpty()) {
			return Messages.HostEditor_nicsUnknown;
		}
		StringBuilder text = new StringBuilder();
		for (org.hostdeck.model.PhysicalNic nic : host.getPhysicalNics()) {
			if (text.length() > 0) {
				text.append(", "); //$NON-NLS-1$
			}
			text.append(nic.getName());
			int mbps = nic.getSpeedMbps();
			if (mbps > 0) {
				text.append(" (").append(mbps % 1000 == 0 ? mbps / 1000 + " Gbit/s" : mbps + " Mbit/s").append(')'); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return text.toString();
	}

	/** CPU, memory, disk and network of the host's running VMs, from the background sampler. */
	private final class UtilizationPage extends FormPage {
		private PerformanceCharts charts;

		UtilizationPage() {
			super(HostEditor.this, "utilization", Messages.HostEditor_utilization); //$NON-NLS-1$
		}

		@Override
		protected void createFormContent(IManagedForm managedForm) {
			ScrolledForm form = managedForm.getForm();
			form.setText(host.getName());
			managedForm.getToolkit().decorateFormHeading(form.getForm());
			GridLayoutFactory.fillDefaults().applyTo(form.getBody());
			charts = new PerformanceCharts(form.getBody(), InventoryHolder.sampler());
			GridDataFactory.fillDefaults().grab(true, true).hint(600, 400).applyTo(charts);
			charts.show(host);
		}
	}

	/** The graphs of the Utilization page, once it has been shown. */
	public PerformanceCharts utilization() {
		return ((UtilizationPage) findPage("utilization")).charts; //$NON-NLS-1$
	}

	/** The Overview's value in row {@code index} (state, URI, hypervisor, CPU, topology, memory total, free, VMs, NICs). */
	public String overviewValue(int index) {
		return ((OverviewPage) pages.get(0)).value(index);
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		// read-only editor
	}

	@Override
	public void doSaveAs() {
		// read-only editor
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
