package org.hostdeck.ui.internal.wizards;

import org.eclipse.core.runtime.IStatus;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.MediaUpload;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.Template;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.console.ConsoleEditors;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * New VM: Template, Name, Install source, Host (with star ratings), CPU and memory, Storage,
 * Network, Summary. The pages share one {@link InstallRequest}; the Summary page runs the
 * operation's pre-checks in the background and Finish is enabled only when they pass. Finish
 * runs the install as a user job recorded in the task history.
 */
public class InstallWizard extends Wizard {

	/** Family of the install jobs Finish starts (tests wait on it). */
	public static final Object FAMILY = VmJobs.FAMILY;

	final InventoryService service = InventoryHolder.get();
	private final Host preselected;
	private Template template;
	private InstallRequest request;
	private Host host;
	/** The host the chosen media or disk image is on, if any (the Host page preselects it). */
	private Host sourceHost;
	private InstallSummaryPage summary;

	public InstallWizard(Host preselected) {
		this.preselected = preselected;
		setWindowTitle(Messages.Install_windowTitle);
		setNeedsProgressMonitor(false);
	}

	/** Opens the wizard; {@code host} (may be null) is the host offered first. */
	public static WizardDialog open(Shell shell, Host host, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new InstallWizard(host));
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	@Override
	public void addPages() {
		addPage(new InstallTemplatePage(this));
		addPage(new InstallNamePage(this));
		addPage(new InstallSourcePage(this));
		addPage(new InstallHostPage(this));
		addPage(new InstallResourcesPage(this));
		addPage(new InstallStoragePage(this));
		addPage(new InstallNetworkPage(this));
		addSummary();
	}

	/** Adds the Summary page, the last one: Finish is enabled on it only. */
	void addSummary() {
		summary = new InstallSummaryPage(this);
		addPage(summary);
	}

	Template template() {
		return template;
	}

	/** Starts over from {@code chosen}'s defaults, keeping the name and description typed so far. */
	void useTemplate(Template chosen) {
		if (chosen == template) {
			return;
		}
		template = chosen;
		InstallRequest fresh = InstallRequest.from(chosen, null, null);
		if (request != null) {
			fresh.name(request.name()).description(request.description());
		}
		request = fresh;
		if (host != null) {
			retarget(host);
		}
	}

	InstallRequest request() {
		return request;
	}

	/** Starts with {@code start} on {@code target} (a wizard without a Template or Host page). */
	void begin(InstallRequest start, Host target) {
		request = start;
		host = target;
	}

	/** The name of new disk {@code index} of the Storage page. */
	String diskName(int index, String format) {
		return InstallVmOperation.volumeName(request.name(), index, format);
	}

	/** What the Storage page says above its table; {@code null}: nothing. */
	String storageNote() {
		return null;
	}

	/** Whether the Resources page's paravirtual check box is fixed (disabled). */
	boolean paravirtualFixed() {
		return false;
	}

	/** The Summary page's "start now" check box. */
	String startNowLabel() {
		return Messages.Install_startNow;
	}

	/** The Summary page's lines: what Finish will make. */
	List<String> summary() {
		return InstallSummaryPage.describe(this, finalRequest());
	}

	/** The pre-checks of what Finish will make, built on the UI thread, run in the background. */
	java.util.function.Supplier<InstallVmOperation.Precheck> prechecks() {
		return new InstallVmOperation(service, host, finalRequest())::precheck;
	}

	Host host() {
		return host;
	}

	Host preselected() {
		return preselected;
	}

	Host sourceHost() {
		return sourceHost;
	}

	void sourceHost(Host value) {
		sourceHost = value;
	}

	/** Connected hosts, by name. */
	List<Host> hosts() {
		return service.query(i -> i.getHosts().stream().filter(h -> h.getState() == HostState.CONNECTED)
				.sorted(Comparator.comparing(Host::getName)).toList());
	}

	/**
	 * A new target host: disks whose pool it lacks go to its active pool with the most room, NICs
	 * whose network it lacks to its first network.
	 */
	void host(Host chosen) {
		host = chosen;
		if (chosen != null && request != null) {
			retarget(chosen);
		}
	}

	private void retarget(Host chosen) {
		record Offer(List<String> pools, String bestPool, List<String> networks) {
		}
		Offer offer = service.query(i -> new Offer(chosen.getStoragePools().stream().map(StoragePool::getName).toList(), bestPool(chosen),
				chosen.getNetworks().stream().sorted(Comparator.comparing(n -> !n.isActive())).map(Network::getName).toList()));
		List<NewDisk> disks = request.disks();
		for (int d = 0; d < disks.size(); d++) {
			if (!offer.pools().contains(disks.get(d).pool())) {
				disks.set(d, new NewDisk(offer.bestPool(), disks.get(d).capacity(), disks.get(d).format()));
			}
		}
		List<String> networks = request.networks();
		int nics = template == null ? networks.size() : Math.max(networks.size(), template.getNicCount());
		networks.removeIf(n -> !offer.networks().contains(n));
		while (networks.size() < nics && !offer.networks().isEmpty()) {
			networks.add(offer.networks().get(0));
		}
	}

	/** The pool new things go to on the chosen host: the first disk's, else the one with most room. */
	String mainPool() {
		if (!request.disks().isEmpty() && request.disks().get(0).pool() != null) {
			return request.disks().get(0).pool();
		}
		return host == null ? null : service.query(i -> bestPool(host));
	}

	/**
	 * Where new disks go on {@code host}: its active pool with the most room, an ISO library (a
	 * pool holding only ISOs) only when there is nothing else. Read on the model's thread.
	 */
	static String bestPool(Host host) {
		return org.hostdeck.core.inventory.Pools.best(host);
	}

	/** The request as it will run: an upload goes to {@link #mainPool()}. */
	InstallRequest finalRequest() {
		if (request.source() instanceof MediaUpload upload) {
			request.source(new MediaUpload(upload.file(), mainPool()));
		}
		return request;
	}

	/** The VM to be, for rating hosts: its vCPUs and memory, on no host yet. */
	VirtualMachine sketch() {
		VirtualMachine vm = InventoryFactory.eINSTANCE.createVirtualMachine();
		vm.setName(request.name().isEmpty() ? "new" : request.name()); //$NON-NLS-1$
		vm.setVcpus(request.vcpus());
		vm.setMemory(request.memory());
		vm.setMaxMemory(request.memory());
		return vm;
	}

	@Override
	public boolean canFinish() {
		IWizardPage current = getContainer() == null ? null : getContainer().getCurrentPage();
		return current == summary && summary.isPageComplete();
	}

	@Override
	public boolean performFinish() {
		if (host == null) {
			return false;
		}
		InstallRequest install = finalRequest();
		InstallVmOperation op = new InstallVmOperation(service, host, install);
		String target = request.name() + " @ " + service.query(i -> host.getName()); //$NON-NLS-1$
		// Start now: the new VM's screen opens, where its installer asks its questions
		org.eclipse.swt.widgets.Display display = getShell().getDisplay();
		Host on = host;
		VmJobs.scheduleRecorded(op.label(), target, op::uuid, op::execute, status -> {
			String uuid = op.uuid();
			if (install.startNow() && status.getSeverity() <= IStatus.INFO && uuid != null && !display.isDisposed()) {
				display.asyncExec(() -> ConsoleEditors.open(
						service.query(i -> on.getVms().stream().filter(v -> uuid.equals(v.getUuid())).findFirst().orElse(null))));
			}
		});
		return true;
	}
}
