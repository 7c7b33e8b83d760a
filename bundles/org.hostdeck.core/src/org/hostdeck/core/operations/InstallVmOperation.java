package org.hostdeck.core.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainSpec;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.NodeInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.DiskImage;
import org.hostdeck.core.install.InstallRequest.Media;
import org.hostdeck.core.install.InstallRequest.MediaUpload;
import org.hostdeck.core.install.InstallRequest.NetworkTree;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.install.InstallRequest.Volume;
import org.hostdeck.core.install.InstallTree;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.GuestType;
import org.hostdeck.model.Host;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Installs a new VM on a host: checks everything first, then creates its disks, brings the
 * installer (a network tree's kernel and initrd uploaded into the pool, or an ISO as CD-ROM),
 * defines the domain, starts it and switches its definition to boot from disk for every later
 * boot. On any failure or cancel it removes everything it created: no volume and no domain are
 * left behind.
 */
public class InstallVmOperation {

	/** Letters, digits and {@code . - _ +}: safe as a domain name and in volume names. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*"); //$NON-NLS-1$

	/**
	 * What the pre-checks found.
	 *
	 * @param errors   refusals: each names the field, the value and the limit
	 * @param warnings allowed, but the administrator should know (e.g. memory oversubscription)
	 */
	public record Precheck(List<String> errors, List<String> warnings) {
		public boolean ok() {
			return errors.isEmpty();
		}
	}

	private final InventoryService service;
	private final Host host;
	private final InstallRequest request;
	private volatile InstallTree tree;
	private volatile String uuid;

	public InstallVmOperation(InventoryService service, Host host, InstallRequest request) {
		this.service = service;
		this.host = host;
		this.request = request;
	}

	public String label() {
		return "Install " + request.name() + " on " + service.query(i -> host.getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the new VM's UUID once it is defined */
	public String uuid() {
		return uuid;
	}

	/** Whether {@code name} is a name the pre-checks accept (letters, digits and {@code . - _ +}, starting with a letter or digit). */
	public static boolean validName(String name) {
		return NAME.matcher(name).matches();
	}

	/** At most this many NICs per VM: Xen's limit for a guest's virtual interfaces; PCI slots left on QEMU's PC machine. */
	public static int maxNics(HypervisorType hypervisor) {
		return hypervisor == HypervisorType.XEN ? 8 : 28;
	}

	private record Facts(String hostName, String uri, HypervisorType hypervisor, int cpus, List<String> vmNames) {
	}

	/**
	 * Checks the request against the host as it is now (free memory, pools, networks, the install
	 * tree or ISO). Talks to the host and the install server: call it off the UI thread.
	 */
	public Precheck precheck() {
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		Facts f = service.query(i -> new Facts(host.getName(), host.getUri(), host.getHypervisorType(), cpus(host),
				host.getVms().stream().map(VirtualMachine::getName).toList()));
		String name = request.name();
		if (name.isEmpty()) {
			errors.add("Name: enter a name for the new VM."); //$NON-NLS-1$
		} else if (!validName(name)) {
			errors.add("Name: '" + name + "' may hold only letters, digits and . - _ + (starting with a letter or digit). Choose another name."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (f.vmNames().contains(name)) {
			errors.add("Name: " + f.hostName() + " has a VM named '" + name + "' already. Choose another name."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		HostSession session = service.session(host);
		if (session == null) {
			errors.add(f.hostName() + " is not connected. Connect it first."); //$NON-NLS-1$
			return new Precheck(errors, warnings);
		}
		try {
			IHostConnection connection = session.connection();
			NodeInfo node = connection.nodeInfo();
			int cpus = node.sockets() > 0 ? node.sockets() * node.cores() * node.threads() : f.cpus();
			if (request.vcpus() < 1 || request.vcpus() > cpus) {
				errors.add("vCPUs: " + request.vcpus() + " is out of range; " + f.hostName() + " has " + cpus //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " CPUs. Choose 1 to " + cpus + "."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			checkMemory(f, node, errors, warnings);
			if (shares(request, f.hypervisor()) > 0 && f.uri().contains("/session")) { //$NON-NLS-1$
				errors.add("CPU weight: " + f.hostName() + " runs VMs in an unprivileged session daemon, which cannot weigh CPUs. Choose Normal."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Map<String, PoolInfo> pools = new LinkedHashMap<>();
			for (PoolInfo p : connection.pools()) {
				pools.put(p.name(), p);
			}
			checkDisks(f, name, pools, errors);
			checkSource(f, connection, pools, errors);
			checkNetworks(f, connection.networks(), errors);
		} catch (DriverException e) {
			errors.add(e.getMessage());
		}
		return new Precheck(errors, warnings);
	}

	private void checkMemory(Facts f, NodeInfo node, List<String> errors, List<String> warnings) {
		long memory = request.memory();
		String size = Sizes.format(memory);
		if (memory < 16L << 20) {
			errors.add("Memory: " + size + " is too little for any installer. Give the VM at least 16 MiB."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (node.memoryTotal() > 0 && memory > node.memoryTotal()) {
			errors.add("Memory: " + size + " is more than " + f.hostName() + " has in all (" + Sizes.format(node.memoryTotal()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "). Give the VM less memory or choose a bigger host."); //$NON-NLS-1$
		} else if (node.memoryFree() >= 0 && memory > node.memoryFree()) {
			String text = "Memory: " + size + " is more than " + f.hostName() + " has free now (" + Sizes.format(node.memoryFree()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "): running the VM would oversubscribe the host"; //$NON-NLS-1$
			if (request.startNow()) {
				errors.add(text + ". Give the VM less memory, free memory there, or install without starting."); //$NON-NLS-1$
			} else {
				warnings.add(text + "."); //$NON-NLS-1$
			}
		}
	}

	private void checkDisks(Facts f, String name, Map<String, PoolInfo> pools, List<String> errors) {
		if (request.disks().isEmpty() && !(request.source() instanceof DiskImage)) {
			errors.add("Storage: the VM has no disk to install onto. Add a disk."); //$NON-NLS-1$
		}
		Map<String, Long> need = new LinkedHashMap<>();
		for (int i = 0; i < request.disks().size(); i++) {
			NewDisk disk = request.disks().get(i);
			PoolInfo pool = pool(f, "Storage: disk " + (i + 1), disk.pool(), pools, errors); //$NON-NLS-1$
			if (disk.capacity() <= 0) {
				errors.add("Storage: disk " + (i + 1) + " has no size. Give it a size or remove it."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (pool == null) {
				continue;
			}
			String volume = volumeName(name, i, disk.format());
			if (pool.volumes().stream().anyMatch(v -> v.name().equals(volume))) {
				errors.add("Storage: pool '" + pool.name() + "' on " + f.hostName() + " has a volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ "' already (disk " + (i + 1) + " would be created as it). Choose another VM name or delete the volume."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			need.merge(pool.name(), Math.max(0, disk.capacity()), Long::sum);
		}
		for (Map.Entry<String, Long> e : need.entrySet()) {
			PoolInfo pool = pools.get(e.getKey());
			if (e.getValue() > pool.available()) {
				errors.add("Storage: the new disks need " + Sizes.format(e.getValue()) + " in pool '" + pool.name() + "' on " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ f.hostName() + "; it has " + Sizes.format(pool.available()) //$NON-NLS-1$
						+ " free. Make the disks smaller or choose another pool."); //$NON-NLS-1$
			}
		}
	}

	/** The pool named {@code name}, or {@code null} after adding why it cannot be used. */
	private static PoolInfo pool(Facts f, String what, String name, Map<String, PoolInfo> pools, List<String> errors) {
		PoolInfo pool = name == null ? null : pools.get(name);
		if (pool == null) {
			errors.add(what + ": " + f.hostName() + " has no pool '" + name + "'. Choose one of its pools (" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ String.join(", ", pools.keySet()) + ")."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (!pool.active()) {
			errors.add(what + ": pool '" + name + "' on " + f.hostName() + " is not active. Start it or choose another pool."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return null;
		}
		return pool;
	}

	private static PoolInfo.VolumeInfo volume(Facts f, String what, Volume ref, Map<String, PoolInfo> pools,
			List<String> errors) {
		PoolInfo pool = pool(f, what, ref.pool(), pools, errors);
		if (pool == null) {
			return null;
		}
		PoolInfo.VolumeInfo volume = pool.volumes().stream().filter(v -> v.name().equals(ref.name())).findFirst().orElse(null);
		if (volume == null) {
			errors.add(what + ": pool '" + ref.pool() + "' on " + f.hostName() + " has no volume '" + ref.name() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "'. Upload it into the pool or choose another."); //$NON-NLS-1$
		}
		return volume;
	}

	private void checkSource(Facts f, IHostConnection connection, Map<String, PoolInfo> pools, List<String> errors) {
		InstallRequest.Source source = request.source();
		if (source == null) {
			errors.add("Install source: choose a network install tree, an ISO or a disk image."); //$NON-NLS-1$
		} else if (source instanceof NetworkTree net) {
			if (!request.startNow()) {
				errors.add("Start now: a network install boots the installer once, so the VM must start now. Tick 'Start now'."); //$NON-NLS-1$
			}
			boolean xen = f.hypervisor() == HypervisorType.XEN && request.guestType() == GuestType.PARAVIRTUALIZED;
			try {
				java.net.URI root = InstallTree.parse(net.url());
				tree = "nfs".equals(root.getScheme()) ? probeOnHost(connection, f.hostName(), root, xen) : InstallTree.probe(net.url(), xen); //$NON-NLS-1$
			} catch (IOException e) {
				errors.add("Install source: " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : ".")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
		} else if (source instanceof Media media) {
			if (f.hypervisor() == HypervisorType.XEN && request.guestType() == GuestType.PARAVIRTUALIZED) {
				errors.add("Install source: a paravirtualized Xen guest cannot boot from media. Install it from a network tree, or choose an HVM template."); //$NON-NLS-1$
			}
			volume(f, "Install source", media.iso(), pools, errors); //$NON-NLS-1$
		} else if (source instanceof MediaUpload upload) {
			checkUpload(f, upload, pools, errors);
		} else if (source instanceof DiskImage image) {
			volume(f, "Install source", image.image(), pools, errors); //$NON-NLS-1$
		}
		if (request.driversMedia() != null) {
			volume(f, "Drivers media", request.driversMedia(), pools, errors); //$NON-NLS-1$
		}
	}

	/**
	 * Looks for an installer in an NFS tree through the host, which mounts each known layout's
	 * folder in turn (a transient netfs pool) and lists it: HostDeck itself does not mount.
	 */
	private static InstallTree probeOnHost(IHostConnection connection, String hostName, java.net.URI root, boolean xen)
			throws IOException {
		List<InstallTree.Layout> order = InstallTree.searchOrder(xen);
		for (InstallTree.Layout layout : order) {
			String name = "hostdeck-probe-" + java.util.UUID.randomUUID().toString().substring(0, 8); //$NON-NLS-1$
			PoolInfo share;
			try {
				share = connection.mountShare(name, root.getHost(), folder(root, layout));
			} catch (DriverException e) {
				if (e.getMessage().contains("No such file")) { //$NON-NLS-1$
					continue; // this layout's folder is not there; the server answered
				}
				throw new IOException(hostName + " cannot mount " + root + " (" + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
						+ "). Check the address, that the export allows " + hostName + ", and that " + hostName + " may mount NFS.", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			try {
				List<String> files = share.volumes().stream().map(PoolInfo.VolumeInfo::name).toList();
				if (files.contains(layout.kernelFile()) && files.contains(layout.initrdFile())) {
					return InstallTree.at(root, layout);
				}
			} finally {
				try {
					connection.unmountShare(name);
				} catch (DriverException e) {
					// a probe's mount; the host drops it when its daemon restarts
				}
			}
		}
		throw InstallTree.noTree(root, order);
	}

	/** The export folder of {@code layout}'s kernel in the tree at {@code root}, e.g. {@code /srv/os/images/pxeboot}. */
	private static String folder(java.net.URI root, InstallTree.Layout layout) {
		String dir = root.getPath() + layout.folder();
		return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir; //$NON-NLS-1$
	}

	private static void checkUpload(Facts f, MediaUpload upload, Map<String, PoolInfo> pools, List<String> errors) {
		PoolInfo pool = pool(f, "Install source", upload.pool(), pools, errors); //$NON-NLS-1$
		String problem = pool == null ? null : IsoUploads.problem(Path.of(upload.file()), pool, upload.volume().name(), f.hostName());
		if (problem != null) {
			errors.add("Install source: " + problem); //$NON-NLS-1$
		}
	}

	private void checkNetworks(Facts f, List<NetworkInfo> networks, List<String> errors) {
		int max = maxNics(f.hypervisor());
		if (request.networks().size() > max) {
			errors.add("Network: " + request.networks().size() + " NICs are more than " + f.hostName() + " allows for a VM (" + max //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "). Remove some."); //$NON-NLS-1$
		}
		List<String> names = networks.stream().map(n -> n.name() + (n.active() ? "" : " (inactive)")).toList(); //$NON-NLS-1$ //$NON-NLS-2$
		for (int i = 0; i < request.networks().size(); i++) {
			String wanted = request.networks().get(i);
			NetworkInfo network = networks.stream().filter(n -> n.name().equals(wanted)).findFirst().orElse(null);
			if (network == null) {
				errors.add("Network: NIC " + (i + 1) + " needs network '" + wanted + "'; " + f.hostName() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ (names.isEmpty() ? " has no network" : " has " + String.join(", ", names)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Choose one of its networks."); //$NON-NLS-1$
			} else if (!network.active() && request.startNow()) {
				errors.add("Network: NIC " + (i + 1) + " needs network '" + wanted + "' active; it is inactive on " + f.hostName() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Start it there, choose another network, or install without starting."); //$NON-NLS-1$
			}
		}
	}

	/** The scheduler weight to write; 0 (the hypervisor's default) for Normal. */
	private static int shares(InstallRequest request, HypervisorType hypervisor) {
		if (request.cpuShares() > 0) {
			return request.cpuShares();
		}
		return request.cpuWeight() == CpuWeight.NORMAL ? 0 : Templates.shares(request.cpuWeight(), hypervisor);
	}

	/** {@code name.qcow2}, {@code name-2.qcow2}, ... ({@code .img} for raw). */
	/** The logical CPUs of {@code host} as the model knows them (at least 1). Read on the model's owner thread. */
	public static int cpus(Host host) {
		return Math.max(1, host.getCpuSockets()) * Math.max(1, host.getCpuCores()) * Math.max(1, host.getCpuThreads());
	}

	public static String volumeName(String vmName, int index, String format) {
		return vmName + (index == 0 ? "" : "-" + (index + 1)) + ("raw".equals(format) ? ".img" : ".qcow2"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	/** What this install made so far, removed again when it fails. */
	private static final class Made {
		/** Everything created, removed again on failure. */
		final List<Volume> volumes = new ArrayList<>();
		/** The installer's kernel and initrd: removed once the VM has started. */
		final List<Volume> installers = new ArrayList<>();
		/** The NFS share mounted on the host for the installer, if any. */
		String share;
		final List<Path> files = new ArrayList<>();
		String domain;
	}

	/**
	 * Runs the pre-checks, then the install.
	 *
	 * @return OK with what was installed; ERROR with every refusal, or with the reason and the
	 *         note that nothing was left on the host
	 * @throws OperationCanceledException when cancelled, after removing what was made
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		progress.subTask("Checking " + request.name()); //$NON-NLS-1$
		Precheck check = precheck();
		progress.worked(5);
		if (!check.ok()) {
			return Status.error(label + ": " + String.join(" ", check.errors())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		HostSession session = service.session(host);
		Made made = new Made();
		try {
			IHostConnection connection = session.connection();
			DomainSpec spec = install(connection, made, progress);
			progress.setWorkRemaining(10);
			try {
				session.refreshVm(made.domain);
			} catch (DriverException e) {
				// the host's event brings the VM into the model as well
			}
			progress.worked(10);
			uuid = made.domain;
			String how = request.source() instanceof NetworkTree ? "installer from " + tree.root() //$NON-NLS-1$
					: request.source() instanceof Media m ? "media " + m.iso() //$NON-NLS-1$
							: request.source() instanceof MediaUpload u ? "media " + u.volume() : "disk image"; //$NON-NLS-1$ //$NON-NLS-2$
			return Status.info(label + ": " + (request.startNow() ? "started (" + how + "); later boots use its disk" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					: "defined (" + how + "), not started") + ", " + spec.vcpus() + " vCPU, " + Sizes.format(spec.memory()) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		} catch (OperationCanceledException e) {
			undo(session, made);
			throw e;
		} catch (DriverException | IOException | RuntimeException e) {
			String left = undo(session, made);
			return Status.error(label + ": " + e.getMessage() + (left.isEmpty() ? " Nothing was left on the host." : " " + left), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} finally {
			for (Path file : made.files) {
				try {
					Files.deleteIfExists(file);
				} catch (IOException e) {
					// a temp file; the OS cleans it eventually
				}
			}
		}
	}

	private DomainSpec install(IHostConnection connection, Made made, SubMonitor progress) throws DriverException, IOException {
		List<DomainSpec.Disk> disks = new ArrayList<>();
		String firstPool = null;
		if (request.source() instanceof DiskImage image) {
			disks.add(new DomainSpec.Disk(pathOf(connection, image.image()), formatOf(connection, image.image()), false));
			firstPool = image.image().pool();
		}
		for (int i = 0; i < request.disks().size(); i++) {
			NewDisk disk = request.disks().get(i);
			String volume = volumeName(request.name(), i, disk.format());
			progress.subTask("Creating disk " + volume); //$NON-NLS-1$
			PoolInfo.VolumeInfo created = connection.createVolume(disk.pool(), volume, disk.capacity(), disk.format());
			made.volumes.add(new Volume(disk.pool(), volume));
			disks.add(new DomainSpec.Disk(created.path(), disk.format(), false));
			firstPool = firstPool == null ? disk.pool() : firstPool;
			checkCancel(progress);
		}
		progress.worked(5);
		DomainSpec.Boot boot = DomainSpec.Boot.DISK;
		Volume iso = request.source() instanceof Media media ? media.iso() : null;
		if (request.source() instanceof MediaUpload upload) {
			iso = upload.volume();
			Path file = Path.of(upload.file());
			long size = Files.size(file);
			progress.subTask("Uploading " + file.getFileName()); //$NON-NLS-1$
			connection.createVolume(iso.pool(), iso.name(), size, "raw"); //$NON-NLS-1$
			made.volumes.add(iso);
			try (InputStream in = Files.newInputStream(file)) {
				connection.upload(iso.pool(), iso.name(), in, size, progress.split(30));
			}
		}
		if (iso != null) {
			disks.add(new DomainSpec.Disk(pathOf(connection, iso), "raw", true)); //$NON-NLS-1$
			boot = request.startNow() ? DomainSpec.Boot.CDROM : DomainSpec.Boot.DISK; // a blank disk falls through to the CD
		}
		if (request.driversMedia() != null) {
			disks.add(new DomainSpec.Disk(pathOf(connection, request.driversMedia()), "raw", true)); //$NON-NLS-1$
		}
		if (request.source() instanceof NetworkTree net) {
			InstallTree found = tree;
			String kernel;
			String initrd;
			if (found.nfs()) {
				// the host mounts the share and QEMU reads the installer from there
				made.share = "hostdeck-install-" + request.name(); //$NON-NLS-1$
				progress.subTask("Mounting " + found.root() + " on the host"); //$NON-NLS-1$ //$NON-NLS-2$
				PoolInfo share = connection.mountShare(made.share, found.root().getHost(), folder(found.root(), found.layout()));
				kernel = fileIn(share, found.layout().kernelFile());
				initrd = fileIn(share, found.layout().initrdFile());
				progress.worked(60);
			} else {
				kernel = bringInstaller(connection, found.kernel(), firstPool, "vmlinuz", made, progress.split(30)); //$NON-NLS-1$
				initrd = bringInstaller(connection, found.initrd(), firstPool, "initrd", made, progress.split(30)); //$NON-NLS-1$
			}
			boot = DomainSpec.Boot.kernel(kernel, initrd, found.kernelArgs(net.kernelArgs()));
		}
		progress.setWorkRemaining(25);
		HypervisorType hypervisor = service.query(i -> host.getHypervisorType());
		int shares = shares(request, hypervisor);
		DomainSpec spec = new DomainSpec(null, request.name(), request.description(),
				request.guestType() == GuestType.PARAVIRTUALIZED, request.virtio(), request.vcpus(), request.memory(), shares,
				disks, request.networks().stream().map(n -> new DomainSpec.Nic(n, null)).toList(), boot, request.consoleLog());
		progress.subTask("Defining " + request.name()); //$NON-NLS-1$
		DomainInfo defined = connection.define(spec);
		made.domain = defined.uuid();
		spec = spec.withUuid(defined.uuid());
		if (request.autostart()) {
			connection.configure(defined.uuid(), new VmConfig(null, null, null, Boolean.TRUE));
		}
		checkCancel(progress);
		progress.worked(5);
		if (request.startNow()) {
			progress.subTask("Starting " + request.name()); //$NON-NLS-1$
			connection.power(defined.uuid(), PowerAction.START);
			progress.worked(5);
			if (boot != DomainSpec.Boot.DISK) {
				// the running VM keeps its installer boot; the definition says "disk" for every later boot
				connection.define(spec.installed());
				for (Volume installer : made.installers) {
					connection.deleteVolume(installer.pool(), installer.name()); // read by the hypervisor at start
					made.volumes.remove(installer);
				}
				if (made.share != null) {
					connection.unmountShare(made.share);
					made.share = null;
				}
			}
		}
		return spec;
	}

	/** Fetches one installer file, uploads it into {@code pool} as {@code <vm>-install-<what>}, returns its path on the host. */
	private String bringInstaller(IHostConnection connection, java.net.URI file, String pool, String what, Made made,
			SubMonitor progress) throws IOException, DriverException {
		progress.setWorkRemaining(100);
		Path local = Files.createTempFile("hostdeck-" + what + "-", ".bin"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		made.files.add(local);
		long size = InstallTree.fetch(file, local, progress.split(60));
		String volume = request.name() + "-install-" + what; //$NON-NLS-1$
		progress.subTask("Uploading " + volume); //$NON-NLS-1$
		PoolInfo.VolumeInfo created = connection.createVolume(pool, volume, size, "raw"); //$NON-NLS-1$
		made.volumes.add(new Volume(pool, volume));
		made.installers.add(new Volume(pool, volume));
		try (InputStream in = Files.newInputStream(local)) {
			connection.upload(pool, volume, in, size, progress.split(40));
		}
		return created.path();
	}

	private static String fileIn(PoolInfo share, String file) throws DriverException {
		return share.volumes().stream().filter(v -> v.name().equals(file)).map(PoolInfo.VolumeInfo::path).findFirst()
				.orElseThrow(() -> new DriverException(DriverException.Reason.NOT_FOUND, "The share has no " + file + " any more.")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String pathOf(IHostConnection connection, Volume ref) throws DriverException {
		return find(connection, ref).path();
	}

	private static String formatOf(IHostConnection connection, Volume ref) throws DriverException {
		String format = find(connection, ref).format();
		return format == null || format.isEmpty() ? "raw" : format; //$NON-NLS-1$
	}

	private static PoolInfo.VolumeInfo find(IHostConnection connection, Volume ref) throws DriverException {
		for (PoolInfo pool : connection.pools()) {
			if (pool.name().equals(ref.pool())) {
				for (PoolInfo.VolumeInfo v : pool.volumes()) {
					if (v.name().equals(ref.name())) {
						return v;
					}
				}
			}
		}
		throw new DriverException(DriverException.Reason.NOT_FOUND, "Volume " + ref + " is gone."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static void checkCancel(IProgressMonitor monitor) {
		if (monitor.isCanceled()) {
			throw new OperationCanceledException();
		}
	}

	/**
	 * Removes what the install made: stops and undefines the domain, deletes its volumes.
	 *
	 * @return empty when all is gone, else a sentence naming what is left
	 */
	private String undo(HostSession session, Made made) {
		List<String> left = new ArrayList<>();
		String vmLeft = null;
		IHostConnection connection;
		try {
			connection = session.connection();
		} catch (DriverException e) {
			connection = null;
			if (made.domain != null) {
				left.add("VM " + made.domain + " (the host is unreachable)"); //$NON-NLS-1$ //$NON-NLS-2$
				vmLeft = made.domain;
			}
		}
		if (connection != null && made.domain != null) {
			try {
				DomainInfo info = connection.domain(made.domain);
				if (info != null && info.state() != DomainInfo.DomainState.SHUT_OFF) {
					connection.power(made.domain, PowerAction.FORCE_OFF);
				}
				connection.undefine(made.domain, false);
			} catch (DriverException e) {
				left.add("VM " + made.domain + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (e.reason() == DriverException.Reason.CONNECTION_LOST || !connection.isAlive()) {
					vmLeft = made.domain;
				}
			}
		}
		if (connection != null && made.share != null) {
			try {
				connection.unmountShare(made.share);
			} catch (DriverException e) {
				left.add("share " + made.share + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return Leftovers.removeVolumes(service, service.query(i -> host.getUri()), label(), connection, vmLeft,
				made.volumes.stream().map(v -> new DriverException.Volume(v.pool(), v.name())).toList(), left);
	}
}
