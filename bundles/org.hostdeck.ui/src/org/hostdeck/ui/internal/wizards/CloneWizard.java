package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.Pools;
import org.hostdeck.core.operations.CloneVmOperation;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.DiskBus;
import org.hostdeck.model.Host;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * New VM from Template: a clone of a (template) VM on its host, shaped with the install wizard's
 * pages. Name, description and how the disks are copied (full or linked, which pool); then the
 * install wizard's CPU and memory, Storage (new disks besides the copies) and Network (each NIC's
 * network, NICs added or removed) pages and its Summary with the clone's pre-checks. Finish runs
 * {@link CloneVmOperation} with a {@link CloneVmOperation.Shape} as a recorded job: progress and
 * cancel in the Progress view, nothing left behind when it fails.
 */
public class CloneWizard extends InstallWizard {

	/** One of the template's disks, as the clone gets it. */
	record Copied(String path, long capacity, String format) {
	}

	final VirtualMachine template;
	final String templateName;
	final List<Copied> copies;
	/** The template's NICs' networks, as the Network page starts with them. */
	private final List<String> templateNetworks;
	private final boolean paravirtual;
	private final HypervisorType hypervisor;
	private boolean linked;
	private String pool;
	private String hostname = ""; //$NON-NLS-1$

	public CloneWizard(VirtualMachine template) {
		super(null);
		this.template = template;
		setWindowTitle(Messages.CloneWizard_title);
		record Look(String name, Host host, HypervisorType hypervisor, String pool, List<Copied> copies, boolean paravirtual,
				InstallRequest request) {
		}
		Look look = service.query(i -> {
			InstallRequest r = new InstallRequest();
			r.name(freeName(template, template.getName() + "-1")).description(template.getDescription() == null ? "" : template.getDescription()) //$NON-NLS-1$ //$NON-NLS-2$
					.vcpus(Math.max(1, template.getVcpus())).memory(Math.max(template.getMemory(), 16 * Sizes.MIB))
					.autostart(template.isAutostart()).startNow(false);
			r.cpuWeight(template.getCpuWeight());
			Host host = template.getHost();
			HypervisorType type = host == null ? HypervisorType.KVM : host.getHypervisorType();
			if (template.getCpuShares() > 0 && template.getCpuShares() != Templates.shares(template.getCpuWeight(), type)) {
				r.cpuShares(template.getCpuShares());
			}
			for (NetworkInterface nic : template.getNics()) {
				r.networks().add(nic.getNetworkName() == null ? "" : nic.getNetworkName()); //$NON-NLS-1$
			}
			List<Copied> disks = new ArrayList<>();
			boolean virtio = true;
			for (VirtualDisk d : template.getDisks()) {
				if (!d.isCdrom() && d.getPath() != null && !d.getPath().isEmpty()) {
					disks.add(new Copied(d.getPath(), d.getCapacity(), d.getFormat() == null ? "raw" //$NON-NLS-1$
							: d.getFormat().getLiteral().toLowerCase(java.util.Locale.ROOT)));
					virtio &= d.getBus() == DiskBus.VIRTIO;
				}
			}
			virtio &= template.getNics().stream().allMatch(n -> "virtio".equals(n.getModel())); //$NON-NLS-1$
			r.virtio(virtio);
			return new Look(template.getName(), host, type, host == null ? null : Pools.best(host), disks, virtio, r);
		});
		templateName = look.name();
		copies = look.copies();
		templateNetworks = List.copyOf(look.request().networks());
		paravirtual = look.paravirtual();
		hypervisor = look.hypervisor();
		pool = look.pool();
		begin(look.request(), look.host());
	}

	/** Opens the wizard on {@code template}. */
	public static WizardDialog open(Shell shell, VirtualMachine template, boolean block) {
		WizardDialog dialog = new WizardDialog(shell, new CloneWizard(template));
		dialog.setBlockOnOpen(block);
		dialog.open();
		return dialog;
	}

	/** {@code wanted}, or with a number after it when {@code vm}'s host has a VM of that name. Read on the model's thread. */
	static String freeName(VirtualMachine vm, String wanted) {
		String candidate = wanted;
		for (int n = 2; vm.getHost() != null && taken(vm, candidate); n++) {
			candidate = wanted.replaceFirst("-1$", "") + "-" + n; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return candidate;
	}

	private static boolean taken(VirtualMachine vm, String candidate) {
		return vm.getHost().getVms().stream().anyMatch(v -> candidate.equals(v.getName()));
	}

	@Override
	public void addPages() {
		addPage(new CloneNamePage(this));
		addPage(new InstallResourcesPage(this));
		addPage(new InstallStoragePage(this));
		addPage(new InstallNetworkPage(this));
		addSummary();
		getPage("summary").setTitle(Messages.CloneWizard_summaryTitle); //$NON-NLS-1$
		getPage("summary").setDescription(Messages.CloneWizard_summaryDescription); //$NON-NLS-1$
	}

	boolean linked() {
		return linked;
	}

	void linked(boolean value) {
		linked = value;
	}

	/** The pool the copies (or overlays) go to. */
	String pool() {
		return pool;
	}

	void pool(String value) {
		pool = value;
	}

	String hostname() {
		return hostname;
	}

	void hostname(String value) {
		hostname = value == null ? "" : value.trim(); //$NON-NLS-1$
	}

	@Override
	String mainPool() {
		return pool;
	}

	@Override
	String diskName(int index, String format) {
		return CloneVmOperation.volumeName(request().name(), copies.size() + index, format);
	}

	@Override
	String storageNote() {
		List<String> names = new ArrayList<>();
		for (int d = 0; d < copies.size(); d++) {
			names.add(CloneVmOperation.volumeName(request().name(), d, linked ? "qcow2" : copies.get(d).format()) //$NON-NLS-1$
					+ " (" + Sizes.format(copies.get(d).capacity()) + ")"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return NLS.bind(linked ? Messages.CloneWizard_storageLinked : Messages.CloneWizard_storageFull,
				new Object[] { templateName, names.isEmpty() ? Messages.CloneWizard_noDisks : String.join(", ", names), pool }); //$NON-NLS-1$
	}

	@Override
	String startNowLabel() {
		return Messages.CloneWizard_startNow;
	}

	@Override
	boolean paravirtualFixed() {
		return paravirtual;
	}

	/** The description with the hostname hint, if one was given. */
	String description() {
		String text = request().description().trim();
		return hostname.isEmpty() ? text : (text.isEmpty() ? "" : text + "\n") + NLS.bind(Messages.CloneWizard_hostnameLine, hostname); //$NON-NLS-1$ //$NON-NLS-2$
	}

	CloneVmOperation operation() {
		InstallRequest r = request();
		int shares = r.cpuShares() > 0 ? r.cpuShares() : Templates.shares(r.cpuWeight(), hypervisor);
		CloneVmOperation.Shape shape = new CloneVmOperation.Shape(description(),
				new VmConfig(Integer.valueOf(r.vcpus()), Long.valueOf(r.memory()), Integer.valueOf(shares), Boolean.valueOf(r.autostart())),
				r.virtio() && !paravirtual, r.disks(), changedNetworks(), r.startNow());
		return new CloneVmOperation(service, template, r.name().trim(), pool, linked, shape);
	}

	/** The Network page's NICs for the operation: {@code null} where a template's NIC stays as it was (whatever its kind). */
	private List<String> changedNetworks() {
		List<String> chosen = request().networks();
		if (chosen.equals(templateNetworks)) {
			return null;
		}
		List<String> changed = new ArrayList<>();
		for (int n = 0; n < chosen.size(); n++) {
			changed.add(n < templateNetworks.size() && chosen.get(n).equals(templateNetworks.get(n)) ? null : chosen.get(n));
		}
		return changed;
	}

	@Override
	List<String> summary() {
		InstallRequest r = request();
		List<String> lines = new ArrayList<>();
		lines.add(NLS.bind(linked ? Messages.CloneWizard_sumLinked : Messages.CloneWizard_sumFull,
				new Object[] { r.name().trim(), service.query(i -> host() == null ? "?" : host().getName()), templateName })); //$NON-NLS-1$
		lines.add(NLS.bind(Messages.Install_sumResources, new Object[] { r.vcpus(), Sizes.format(r.memory()),
				r.cpuShares() > 0 ? Integer.toString(r.cpuShares()) : r.cpuWeight().getLiteral().toLowerCase(java.util.Locale.ROOT),
				r.autostart() ? Messages.Install_yes : Messages.Install_no }));
		for (int d = 0; d < copies.size(); d++) {
			Copied c = copies.get(d);
			lines.add(NLS.bind(linked ? Messages.CloneWizard_sumOverlay : Messages.CloneWizard_sumCopy, new Object[] {
					CloneVmOperation.volumeName(r.name().trim(), d, linked ? "qcow2" : c.format()), c.path(), pool })); //$NON-NLS-1$
		}
		for (int d = 0; d < r.disks().size(); d++) {
			NewDisk disk = r.disks().get(d);
			lines.add(NLS.bind(Messages.CloneWizard_sumNewDisk, new Object[] { diskName(d, disk.format()), Sizes.format(disk.capacity()),
					disk.pool() }));
		}
		for (int n = 0; n < r.networks().size(); n++) {
			String network = r.networks().get(n);
			lines.add(network.isEmpty() ? NLS.bind(Messages.CloneWizard_sumNicAsTemplate, n + 1) : NLS.bind(Messages.Install_sumNic, n + 1, network));
		}
		lines.add(r.virtio() ? Messages.Install_sumVirtio : Messages.CloneWizard_sumAsTemplate);
		String description = description();
		if (!description.isEmpty()) {
			lines.add(NLS.bind(Messages.CloneWizard_sumDescription, description.replace('\n', ' ')));
		}
		return lines;
	}

	@Override
	Supplier<InstallVmOperation.Precheck> prechecks() {
		CloneVmOperation op = operation();
		return () -> new InstallVmOperation.Precheck(op.precheck(), List.of());
	}

	@Override
	public boolean performFinish() {
		if (host() == null) {
			return false;
		}
		CloneVmOperation op = operation();
		String target = request().name().trim() + " @ " + service.query(i -> host().getName()); //$NON-NLS-1$
		VmJobs.scheduleRecorded(op.label(), target, op::uuid, op::execute);
		return true;
	}
}
