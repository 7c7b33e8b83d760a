package org.hostdeck.core.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.ImportRewrite;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Clones a shut-off VM on its host under a new identity (name, UUID, MACs): a full clone copies
 * each disk into a new volume (streamed, with progress and cancel), a linked clone makes each disk
 * a qcow2 overlay of the original's, which then stays as it is (it is not started, its disks are
 * not deleted while a clone reads through them). The disks go to a pool of the caller's choice.
 * On failure or cancel every volume made is removed and no VM is left defined.
 */
public class CloneVmOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final String name;
	private final String pool;
	private final boolean linked;
	private final Shape shape;
	private volatile String uuid;

	/**
	 * How a new VM from a template differs from it; the clone's disks are copied (or overlaid)
	 * first, then these apply before the VM is whole: a failure on the way removes it all.
	 *
	 * @param description the VM's description; {@code null} keeps the original's
	 * @param config      vCPUs, memory, CPU weight, autostart ({@code null} values: the original's);
	 *                    the VM's maxima rise with them
	 * @param paravirtual switch the disks and NICs to virtio (the guest has the drivers)
	 * @param disks       new empty disks after the copied ones
	 * @param networks    each NIC's network in order ({@code null} for a NIC: as the original's): fewer
	 *                    removes NICs, more adds them; {@code null} keeps the original's NICs
	 * @param startNow    start the VM once it is made
	 */
	public record Shape(String description, VmConfig config, boolean paravirtual, List<NewDisk> disks, List<String> networks,
			boolean startNow) {

		public Shape {
			disks = disks == null ? List.of() : List.copyOf(disks);
			networks = networks == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(networks));
		}

		/** The original's shape: a plain clone. */
		public static final Shape SAME = new Shape(null, null, false, List.of(), null, false);
	}

	/**
	 * @param pool   where the clone's disks go
	 * @param linked overlays of the original's disks instead of copies
	 */
	public CloneVmOperation(InventoryService service, VirtualMachine vm, String name, String pool, boolean linked) {
		this(service, vm, name, pool, linked, Shape.SAME);
	}

	/** A new VM from {@code vm} (a template, usually) shaped by {@code shape}. */
	public CloneVmOperation(InventoryService service, VirtualMachine vm, String name, String pool, boolean linked, Shape shape) {
		this.service = service;
		this.shape = shape;
		this.vm = vm;
		this.name = name == null ? "" : name.trim(); //$NON-NLS-1$
		this.pool = pool;
		this.linked = linked;
	}

	public String label() {
		return (linked ? "Linked clone of " : "Clone ") + service.query(i -> vm.getName()) + " as " + name; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** @return the clone's UUID once it is defined */
	public String uuid() {
		return uuid;
	}

	/** A disk to clone: its image, the volume and pool behind it, and the clone's new volume. */
	private record Disk(String path, PoolInfo.VolumeInfo volume, String sourcePool, String newVolume) {
	}

	/** A volume this clone makes. */
	private record Made(String pool, String volume) {
	}

	/** What the pre-checks found: the disks to clone, the new disks' volumes and the refusals. */
	private record Checked(List<Disk> disks, List<Made> newDisks, List<String> problems) {
	}

	/** The name of the clone's disk {@code index} (copies first, then new disks). */
	public static String volumeName(String name, int index, String format) {
		return InstallVmOperation.volumeName(name, index, format);
	}

	/**
	 * @return the refusals, each naming what is wrong and what to do; empty when the clone may
	 *         start. Talks to the host: call it off the UI thread.
	 */
	public List<String> precheck() {
		return check().problems();
	}

	private Checked check() {
		List<String> problems = new ArrayList<>();
		List<Disk> disks = new ArrayList<>();
		List<Made> newDisks = new ArrayList<>();
		record Facts(String vmName, String uuid, PowerState state, List<String> paths, String hostName, int hostCpus) {
		}
		Facts f = service.query(i -> new Facts(vm.getName(), vm.getUuid(), vm.getPowerState(), LinkedClones.diskPaths(vm),
				vm.getHost() == null ? null : vm.getHost().getName(), vm.getHost() == null ? 0 : InstallVmOperation.cpus(vm.getHost())));
		String holder = service.busyWith(f.uuid());
		if (holder != null) {
			problems.add(f.vmName() + " is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (f.state() != PowerState.SHUT_OFF) {
			problems.add(f.vmName() + " is " + f.state().getLiteral().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') //$NON-NLS-1$
					+ ": a clone copies the disks of a VM that does not write to them. Shut it down first."); //$NON-NLS-1$
		}
		String nameProblem = nameProblem(service, vm, name);
		if (nameProblem != null) {
			problems.add(nameProblem);
		}
		HostSession session = service.session(vm);
		if (session == null) {
			problems.add("The host of " + f.vmName() + " is not connected."); //$NON-NLS-1$ //$NON-NLS-2$
			return new Checked(disks, newDisks, problems);
		}
		try {
			IHostConnection connection = session.connection();
			PoolInfo target = connection.pools().stream().filter(p -> p.name().equals(pool)).findFirst().orElse(null);
			if (target == null || !target.active()) {
				problems.add("Storage: " + f.hostName() + " has no " + (target == null ? "" : "active ") + "pool '" + pool //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
						+ "'. Choose one of its pools."); //$NON-NLS-1$
			}
			long need = 0;
			for (int d = 0; d < f.paths().size(); d++) {
				String path = f.paths().get(d);
				PoolInfo.VolumeInfo volume = connection.volumeAt(path);
				String sourcePool = volume == null ? null : connection.poolOf(path);
				if (volume == null || sourcePool == null) {
					problems.add("Disk " + path + " is not in a storage pool of " + f.hostName() //$NON-NLS-1$ //$NON-NLS-2$
							+ ", so it cannot be cloned. Put its folder in a pool (a directory pool) first."); //$NON-NLS-1$
					continue;
				}
				String format = linked || volume.format() == null ? (linked ? "qcow2" : "raw") : volume.format(); //$NON-NLS-1$ //$NON-NLS-2$
				String newVolume = volumeName(name, d, format);
				if (target != null && target.volumes().stream().anyMatch(v -> v.name().equals(newVolume))) {
					problems.add("Storage: pool '" + pool + "' on " + f.hostName() + " has a volume '" + newVolume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ "' already. Choose another name for the clone, or delete the volume."); //$NON-NLS-1$
				}
				need += linked ? 0 : volume.allocation();
				disks.add(new Disk(path, volume, sourcePool, newVolume));
			}
			if (target != null && need > target.available()) {
				problems.add("Storage: the disks take " + Sizes.format(need) + "; pool '" + pool + "' on " + f.hostName() + " has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ Sizes.format(target.available()) + " free. Choose a bigger pool, free space there, or make a linked clone."); //$NON-NLS-1$
			}
			checkShape(connection, f.hostName(), f.hostCpus(), f.paths().size(), target == null ? 0 : need, newDisks, problems);
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
		return new Checked(disks, newDisks, problems);
	}

	/** The shape's new disks (room, names) and networks, and its vCPUs against the host's. */
	private void checkShape(IHostConnection connection, String hostName, int hostCpus, int copies, long copiesNeed, List<Made> newDisks,
			List<String> problems) throws DriverException {
		VmConfig config = shape.config();
		if (config != null && config.vcpus() != null && (config.vcpus().intValue() < 1 || hostCpus > 0 && config.vcpus().intValue() > hostCpus)) {
			problems.add("vCPUs: " + config.vcpus() + " is not possible on " + hostName + ", which has " + hostCpus //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ " CPUs. Choose 1 to " + hostCpus + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (config != null && config.memory() != null && config.memory().longValue() < 16 * Sizes.MIB) {
			problems.add("Memory: " + Sizes.format(config.memory().longValue()) + " is too little for a VM. Give it at least 16 MiB."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!shape.disks().isEmpty()) {
			List<PoolInfo> pools = connection.pools();
			Map<String, Long> need = new LinkedHashMap<>();
			need.put(pool, Long.valueOf(copiesNeed));
			for (int d = 0; d < shape.disks().size(); d++) {
				NewDisk disk = shape.disks().get(d);
				String volume = volumeName(name, copies + d, disk.format());
				PoolInfo target = pools.stream().filter(p -> p.name().equals(disk.pool())).findFirst().orElse(null);
				if (target == null || !target.active()) {
					problems.add("Storage: " + hostName + " has no active pool '" + disk.pool() + "' for the new disk " + volume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ ". Choose one of its pools."); //$NON-NLS-1$
					continue;
				}
				if (disk.capacity() < Sizes.MIB) {
					problems.add("Storage: the new disk " + volume + " needs at least 1 MiB."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				if (target.volumes().stream().anyMatch(v -> v.name().equals(volume))) {
					problems.add("Storage: pool '" + disk.pool() + "' on " + hostName + " has a volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ "' already. Choose another name, or delete the volume."); //$NON-NLS-1$
				}
				// raw disks are allocated in full, qcow2 grow as the guest writes
				long more = "raw".equals(disk.format()) ? disk.capacity() : 0; //$NON-NLS-1$
				long total = need.merge(disk.pool(), Long.valueOf(more), Long::sum).longValue();
				if (more > 0 && total > target.available()) {
					problems.add("Storage: pool '" + disk.pool() + "' on " + hostName + " has " + Sizes.format(target.available()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ " free; the disks there take " + Sizes.format(total) + ". Make the new disk smaller or qcow2, or choose another pool."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				newDisks.add(new Made(disk.pool(), volume));
			}
		}
		if (shape.networks() != null && !shape.networks().isEmpty()) {
			List<String> known = connection.networks().stream().map(n -> n.name()).toList();
			for (String network : new java.util.LinkedHashSet<>(shape.networks())) {
				if (network != null && !known.contains(network)) {
					problems.add("Network: " + hostName + " has no network '" + network + "'. Choose one of " + known + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				}
			}
		}
	}

	/**
	 * @return what stops a clone of {@code vm} from being called {@code name} (its form, or a VM of
	 *         that name on the host), naming the fix; {@code null} when it can be
	 */
	public static String nameProblem(InventoryService service, VirtualMachine vm, String name) {
		if (!InstallVmOperation.validName(name)) {
			return "Name: '" + name + "' is not a VM name. Use letters, digits, '.', '-', '_' or '+', starting with a letter or digit."; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return service.query(i -> vm.getHost() != null && vm.getHost().getVms().stream().anyMatch(v -> name.equals(v.getName()))
				? "Name: host '" + vm.getHost().getName() + "' has a VM named '" + name + "' already. Choose another name." //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				: null);
	}

	/**
	 * @return INFO saying what was made; ERROR naming the problem (nothing left behind)
	 * @throws OperationCanceledException when cancelled (nothing left behind)
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		Checked checked = check();
		if (!checked.problems().isEmpty()) {
			return Status.error(label + ": " + String.join(" ", checked.problems())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String source = service.query(i -> vm.getUuid());
		String holder = service.claim(source, label);
		if (holder != null) {
			return Status.error(label + ": the VM is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		HostSession session = service.session(vm);
		IHostConnection connection;
		try {
			connection = session == null ? null : session.connection();
		} catch (DriverException e) {
			connection = null;
		}
		List<Made> made = new ArrayList<>();
		String defined = null;
		boolean done = false;
		long started = System.nanoTime();
		long copied = 0;
		try {
			if (connection == null) {
				return Status.error(label + ": its host was disconnected meanwhile; nothing was made."); //$NON-NLS-1$
			}
			Map<String, String> paths = new LinkedHashMap<>();
			Map<String, String> formats = new LinkedHashMap<>();
			long total = Math.max(1, checked.disks().stream().mapToLong(d -> d.volume().allocation()).sum());
			for (Disk d : checked.disks()) {
				PoolInfo.VolumeInfo volume;
				if (linked) {
					volume = connection.createOverlay(pool, d.newVolume(), d.path(), d.volume().format(), d.volume().capacity());
					made.add(new Made(pool, d.newVolume()));
					formats.put(d.path(), "qcow2"); //$NON-NLS-1$
					progress.worked(80 / Math.max(1, checked.disks().size()));
				} else {
					int share = (int) Math.max(1, 85L * d.volume().allocation() / total);
					made.add(new Made(pool, d.newVolume())); // removed again if the copy fails (the driver does that too)
					volume = connection.cloneVolume(d.sourcePool(), d.volume().name(), pool, d.newVolume(), progress.split(share));
					copied += volume.allocation();
				}
				paths.put(d.path(), volume.path());
			}
			progress.setWorkRemaining(10);
			for (int d = 0; d < checked.newDisks().size(); d++) {
				Made disk = checked.newDisks().get(d);
				NewDisk spec = shape.disks().get(d);
				connection.createVolume(disk.pool(), disk.volume(), spec.capacity(), spec.format());
				made.add(disk);
			}
			DomainInfo clone = connection.defineImported(connection.definition(source),
					new ImportRewrite(name, false, paths, Map.of(), formats, shape.description(), shape.networks()));
			defined = clone.uuid();
			String warning = shape(connection, clone.uuid(), checked.newDisks());
			uuid = clone.uuid();
			try {
				session.refreshVm(clone.uuid());
			} catch (DriverException e) {
				// the host's event brings the clone into the model
			}
			progress.done();
			done = true;
			double seconds = (System.nanoTime() - started) / 1e9;
			String summary = label + ": " + checked.disks().size() + " disk(s)" //$NON-NLS-1$ //$NON-NLS-2$
					+ (linked ? " as overlays of the original's (which now stays unchanged: it is not started while the clone exists)" //$NON-NLS-1$
							: ", " + Sizes.format(copied) + " copied" + String.format(java.util.Locale.ROOT, " in %.1f s", Double.valueOf(seconds))) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ (checked.newDisks().isEmpty() ? "" : ", " + checked.newDisks().size() + " new disk(s)") + "."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			return warning == null ? Status.info(summary) : Status.warning(summary + " " + warning); //$NON-NLS-1$
		} catch (DriverException e) {
			done = true;
			String left = cleanUp(connection, defined, made);
			return Status.error(label + ": " + e.getMessage() + (left.isEmpty() ? " Nothing was left behind." : " " + left), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} finally {
			if (!done && connection != null) {
				cleanUp(connection, defined, made); // a cancel or an unexpected exception: nothing left behind either
			}
			service.release(source, label);
		}
	}

	/**
	 * Gives the defined clone the shape's resources and new disks, makes it paravirtual, starts it.
	 *
	 * @return why it was not started, or {@code null}
	 */
	private String shape(IHostConnection connection, String clone, List<Made> newDisks) throws DriverException {
		if (shape.config() != null) {
			connection.configure(clone, shape.config());
		}
		if (!newDisks.isEmpty()) {
			String bus = shape.paravirtual() ? "virtio" : service.query(i -> vm.getDisks().stream().filter(d -> !d.isCdrom()) //$NON-NLS-1$
					.map(d -> d.getBus() == org.hostdeck.model.DiskBus.OTHER ? "virtio" : d.getBus().getLiteral().toLowerCase(java.util.Locale.ROOT)) //$NON-NLS-1$
					.findFirst().orElse("virtio")); //$NON-NLS-1$
			for (Made disk : newDisks) {
				connection.attachDisk(clone, disk.pool(), disk.volume(), bus);
			}
		}
		if (shape.paravirtual()) {
			connection.switchToParavirtual(clone);
		}
		if (shape.startNow()) {
			try {
				connection.power(clone, org.hostdeck.core.driver.PowerAction.START);
			} catch (DriverException e) {
				return "It was made but did not start: " + e.getMessage(); //$NON-NLS-1$
			}
		}
		return null;
	}

	/** Removes the clone's definition and those of {@code made} that exist (a failed copy removed its own). */
	private String cleanUp(IHostConnection connection, String defined, List<Made> made) {
		List<String> left = new ArrayList<>();
		String domain = defined;
		String hostUri = service.query(i -> vm.getHost() == null ? null : vm.getHost().getUri());
		for (String p : made.stream().map(Made::pool).distinct().toList()) {
			left.add(Leftovers.remove(service, hostUri, label(), connection, p, domain,
					made.stream().filter(m -> m.pool().equals(p) && (!connection.isAlive() || exists(connection, m))).map(Made::volume).toList()));
			domain = null;
		}
		if (domain != null) {
			left.add(Leftovers.remove(connection, pool, domain, List.of()));
		}
		return String.join(" ", left).trim(); //$NON-NLS-1$
	}

	private static boolean exists(IHostConnection connection, Made made) {
		try {
			return connection.pools().stream().filter(p -> p.name().equals(made.pool())).flatMap(p -> p.volumes().stream())
					.anyMatch(v -> v.name().equals(made.volume()));
		} catch (DriverException e) {
			return true;
		}
	}
}
