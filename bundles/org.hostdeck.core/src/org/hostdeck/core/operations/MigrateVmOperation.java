package org.hostdeck.core.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.MigrationOptions.Mode;
import org.hostdeck.core.driver.MigrationResult;
import org.hostdeck.core.driver.NodeInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.Host;
import org.hostdeck.model.Network;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Moves a VM to another host: live with shared storage, live with its disks copied, or offline
 * (a shut-off VM's definition and disks streamed host to host). Every pre-check runs before
 * anything starts and each refusal names the resource, what the VM needs and what the target
 * has. While it runs the VM is held ({@link InventoryService#claim}), so a second long
 * operation on it is refused. Cancelling aborts the hypervisor's job: the VM stays on the
 * source and what was made on the target is removed. The outcome message records duration,
 * downtime and bytes sent, and so does the task history.
 */
public class MigrateVmOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final Host target;
	private final MigrationOptions options;
	private volatile MigrationResult result;

	public MigrateVmOperation(InventoryService service, VirtualMachine vm, Host target, MigrationOptions options) {
		this.service = service;
		this.vm = vm;
		this.target = target;
		this.options = options;
	}

	public String label() {
		return service.query(i -> (options.mode() == Mode.OFFLINE ? "Move " : "Migrate ") + vm.getName() + " from " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ (vm.getHost() == null ? "?" : vm.getHost().getName()) + " to " + target.getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The mode that suits a VM in {@code state}: live for a running or paused VM, offline for the rest. */
	public static Mode defaultMode(PowerState state, boolean sharedStorage) {
		if (state == PowerState.RUNNING || state == PowerState.PAUSED) {
			return sharedStorage ? Mode.LIVE_SHARED_STORAGE : Mode.LIVE_COPY_STORAGE;
		}
		return Mode.OFFLINE;
	}

	/**
	 * Where the target should listen for the migration stream: a host reached without a host
	 * name (a local socket) is this machine, so loopback; otherwise the hypervisor's choice.
	 */
	public static String listenAddressFor(String targetUri) {
		try {
			String host = java.net.URI.create(targetUri).getHost();
			return host == null || host.isEmpty() || "localhost".equals(host) ? "127.0.0.1" : null; //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	/**
	 * The options an administrator would pick for moving {@code vm} to {@code target} without
	 * being asked (a placement plan's move): live for a running VM, memory only when the target
	 * sees every disk at its path, else the disks copied to the target's active pool with the
	 * most room; shut-off VMs offline into that pool. Asks the target which volumes it sees, so
	 * call it off the UI thread.
	 */
	/**
	 * The move of a placement plan: VM {@code vmUuid} from the host with URI {@code fromUri} to the
	 * one with {@code toUri}, with the options {@link #suggest} picks.
	 *
	 * @return the operation, or {@code null} when the VM or a host is no longer in the inventory
	 */
	public static MigrateVmOperation planned(InventoryService service, String vmUuid, String fromUri, String toUri) throws DriverException {
		record Found(VirtualMachine vm, Host target) {
		}
		Found found = service.query(i -> new Found(i.getHosts().stream().filter(h -> fromUri.equals(h.getUri()))
				.flatMap(h -> h.getVms().stream()).filter(v -> vmUuid.equals(v.getUuid())).findFirst().orElse(null),
				i.getHosts().stream().filter(h -> toUri.equals(h.getUri())).findFirst().orElse(null)));
		if (found.vm() == null || found.target() == null) {
			return null;
		}
		return new MigrateVmOperation(service, found.vm(), found.target(), suggest(service, found.vm(), found.target()));
	}

	/** The VM this operation moves. */
	public VirtualMachine vm() {
		return vm;
	}

	public static MigrationOptions suggest(InventoryService service, VirtualMachine vm, Host target) throws DriverException {
		record Look(PowerState state, List<String> paths, String pool, String uri) {
		}
		Look look = service.query(i -> new Look(vm.getPowerState(),
				vm.getDisks().stream().map(VirtualDisk::getPath).filter(java.util.Objects::nonNull).toList(),
				target.getStoragePools().stream().filter(p -> p.isActive())
						.max(java.util.Comparator.comparingLong(p -> p.getAvailable())).map(p -> p.getName()).orElse(null),
				target.getUri()));
		boolean shared = false;
		HostSession to = service.session(target);
		if (to != null && !look.paths().isEmpty()) {
			shared = true;
			for (String path : look.paths()) {
				shared &= to.connection().volumeAt(path) != null;
			}
		}
		Mode mode = defaultMode(look.state(), shared);
		return MigrationOptions.live().withMode(mode).withListenAddress(listenAddressFor(look.uri()))
				.withTargetPool(mode == Mode.LIVE_SHARED_STORAGE ? null : look.pool());
	}

	/** What the pre-checks read from the model, in one look. */
	private record Facts(String name, String uuid, PowerState state, long memory, long maxMemory, Host source,
			List<Disk> disks, List<Nic> nics, List<String> targetVmNames, List<String> targetVmUuids,
			java.util.Map<String, Boolean> targetNetworks, long targetMemoryTotal, long targetMemoryFree) {
	}

	private record Disk(String target, String path, long capacity, long allocation, boolean raw, boolean cdrom,
			String volumeName) {
	}

	private record Nic(String mac, String network) {
	}

	private Facts facts() {
		return service.query(i -> {
			List<Disk> disks = new ArrayList<>();
			for (VirtualDisk d : vm.getDisks()) {
				disks.add(new Disk(d.getName(), d.getPath(), d.getCapacity(), d.getAllocation(),
						d.getFormat() != DiskFormat.QCOW2, d.isCdrom(), d.getVolume() == null ? null : d.getVolume().getName()));
			}
			// only NICs on a libvirt network of the source can be checked; a plain bridge is the host's own business
			List<String> sourceNetworks = vm.getHost() == null ? List.of()
					: vm.getHost().getNetworks().stream().map(Network::getName).toList();
			List<Nic> nics = vm.getNics().stream().filter(n -> sourceNetworks.contains(n.getNetworkName()))
					.map(n -> new Nic(n.getMac(), n.getNetworkName())).toList();
			return new Facts(vm.getName(), vm.getUuid(), vm.getPowerState(), vm.getMemory(), Math.max(vm.getMemory(), vm.getMaxMemory()),
					vm.getHost(), disks, nics, target.getVms().stream().map(VirtualMachine::getName).toList(),
					target.getVms().stream().map(VirtualMachine::getUuid).toList(),
					target.getNetworks().stream().collect(java.util.stream.Collectors.toMap(Network::getName, Network::isActive,
							(a, b) -> a || b, java.util.TreeMap::new)),
					target.getMemoryTotal(), target.getMemoryFree());
		});
	}

	/**
	 * Checks everything that can be known before the move starts. Talks to both hosts (free
	 * memory now, CPU comparison, which volumes the target sees), so call it off the UI thread.
	 *
	 * @return the refusals, each a sentence naming the resource, the need and what there is;
	 *         empty when the move may start
	 */
	public List<String> precheck() {
		Facts f = facts();
		List<String> problems = new ArrayList<>();
		String targetName = service.query(i -> target.getName());
		String holder = service.busyWith(f.uuid());
		if (holder != null) {
			problems.add(f.name() + " is busy: '" + holder + "' is running. Wait for it to end or cancel it."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (f.source() == null) {
			problems.add(f.name() + " is on no host."); //$NON-NLS-1$
			return problems;
		}
		if (f.source() == target) {
			problems.add(f.name() + " is on " + targetName + " already. Choose another host."); //$NON-NLS-1$ //$NON-NLS-2$
			return problems;
		}
		HostSession from = service.session(f.source());
		HostSession to = service.session(target);
		if (from == null || to == null) {
			problems.add((from == null ? service.query(i -> f.source().getName()) : targetName)
					+ " is not connected. Connect it first."); //$NON-NLS-1$
			return problems;
		}
		boolean running = f.state() == PowerState.RUNNING || f.state() == PowerState.PAUSED;
		if (options.mode() == Mode.OFFLINE && f.state() != PowerState.SHUT_OFF) {
			problems.add(f.name() + " is " + state(f.state()) + ": an offline move needs a shut-off VM. Shut it down, or migrate it live."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (options.mode() != Mode.OFFLINE && !running) {
			problems.add(f.name() + " is " + state(f.state()) + ": a live migration needs a running VM. Move it offline instead."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (f.targetVmUuids().contains(f.uuid())) {
			problems.add(targetName + " has " + f.name() + " defined already (same UUID). Remove that definition or keep the VM where it is."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (f.targetVmNames().contains(f.name())) {
			problems.add(targetName + " has a VM named '" + f.name() + "' already. Rename one of them first."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			IHostConnection source = from.connection();
			IHostConnection dest = to.connection();
			checkMemory(f, running, targetName, dest, problems);
			String cpu = source.cpuIncompatibility(f.uuid(), dest);
			if (cpu != null) {
				problems.add("CPU: " + targetName + " cannot give " + f.name() + " the processor it is defined with: " + cpu //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Change the VM's CPU model to one both hosts offer."); //$NON-NLS-1$
			}
			checkNetworks(f, running, targetName, problems);
			if (options.copiesDisks()) {
				checkPool(f, targetName, source, dest, problems);
			} else {
				checkShared(f, targetName, dest, problems);
			}
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	private void checkMemory(Facts f, boolean running, String targetName, IHostConnection dest, List<String> problems)
			throws DriverException {
		NodeInfo node = dest.nodeInfo(); // free memory now, not at the last sync
		long total = node.memoryTotal() > 0 ? node.memoryTotal() : f.targetMemoryTotal();
		long free = node.memoryFree() >= 0 ? node.memoryFree() : f.targetMemoryFree();
		if (running && free >= 0 && f.memory() > free) {
			problems.add("Memory: " + f.name() + " needs " + Sizes.format(f.memory()) + "; " + targetName + " has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ Sizes.format(free) + " free. Free memory there or choose another host."); //$NON-NLS-1$
		} else if (!running && total > 0 && f.maxMemory() > total) {
			problems.add("Memory: " + f.name() + " needs " + Sizes.format(f.maxMemory()) + " to start; " + targetName //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ " has " + Sizes.format(total) + " in all. Give the VM less memory or choose a bigger host."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** A running VM needs each network active on the target; a shut-off one only defined there. */
	private void checkNetworks(Facts f, boolean running, String targetName, List<String> problems) {
		for (Nic nic : f.nics()) {
			String wanted = options.mapNetwork(nic.network());
			Boolean active = f.targetNetworks().get(wanted);
			if (active == null || (running && !active)) {
				List<String> offered = f.targetNetworks().entrySet().stream()
						.map(e -> e.getKey() + (e.getValue() ? "" : " (inactive)")).toList(); //$NON-NLS-1$ //$NON-NLS-2$
				problems.add("Network: NIC " + nic.mac() + " of " + f.name() + " needs network '" + wanted + "'" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ (active == null ? "" : " active") + "; " + targetName //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ (offered.isEmpty() ? " has no network" : " has " + String.join(", ", offered)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Map it to another network or " + (active == null ? "define" : "start") + " it there."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
		}
	}

	private void checkPool(Facts f, String targetName, IHostConnection source, IHostConnection dest, List<String> problems)
			throws DriverException {
		PoolInfo pool = dest.pools().stream().filter(p -> p.name().equals(options.targetPool())).findFirst().orElse(null);
		if (options.targetPool() == null) {
			problems.add("Storage: choose a pool on " + targetName + " for the disks of " + f.name() + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return;
		}
		if (pool == null || !pool.active()) {
			problems.add("Storage: " + targetName + " has no " + (pool == null ? "" : "active ") + "pool '" + options.targetPool() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					+ "'. Choose one of its pools."); //$NON-NLS-1$
			return;
		}
		long need = 0;
		for (Disk d : f.disks()) {
			if (d.cdrom() || d.path() == null) {
				continue;
			}
			PoolInfo.VolumeInfo volume = source.volumeAt(d.path());
			if (volume == null) {
				problems.add("Storage: disk " + d.target() + " of " + f.name() + " (" + d.path() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ") is in no storage pool of its host, so it cannot be copied. Define a pool for its folder."); //$NON-NLS-1$
				continue;
			}
			if (pool.volumes().stream().anyMatch(v -> v.name().equals(volume.name()))) {
				problems.add("Storage: pool '" + pool.name() + "' on " + targetName + " has a volume '" + volume.name() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ "' already (disk " + d.target() + " of " + f.name() + " would be copied to it). Rename or delete it."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			// a raw copy takes its whole size; a qcow2 copy what the guest has written
			need += d.raw() ? volume.capacity() : volume.allocation();
		}
		if (need > pool.available()) {
			problems.add("Storage: the disks of " + f.name() + " need " + Sizes.format(need) + "; pool '" + pool.name() + "' on " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ targetName + " has " + Sizes.format(pool.available()) + " free. Choose a bigger pool or free space there."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private static void checkShared(Facts f, String targetName, IHostConnection dest, List<String> problems)
			throws DriverException {
		for (Disk d : f.disks()) {
			if (d.path() == null) {
				continue;
			}
			if (dest.volumeAt(d.path()) == null) {
				problems.add("Storage: " + (d.cdrom() ? "CD-ROM " : "disk ") + d.target() + " of " + f.name() + " (" + d.path() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
						+ ") is not on storage " + targetName + " shares: " + targetName //$NON-NLS-1$ //$NON-NLS-2$
						+ " knows no volume at that path. Copy the disks instead, or define the shared pool on " + targetName + "."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
	}

	private static String state(PowerState state) {
		return state.getLiteral().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/**
	 * Runs the pre-checks, then the move.
	 *
	 * @return INFO with duration, downtime and bytes sent; ERROR with every refusal, or with the
	 *         hypervisor's reason and where the VM is now
	 * @throws OperationCanceledException when cancelled: the VM stays on the source
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		String uuid = service.query(i -> vm.getUuid());
		List<String> problems = precheck();
		progress.worked(2);
		if (!problems.isEmpty()) {
			return Status.error(label + ": " + String.join(" ", problems)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String holder = service.claim(uuid, label);
		if (holder != null) {
			return Status.error(label + ": the VM is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			HostSession from = service.session(vm);
			HostSession to = service.session(target);
			if (from == null || to == null) {
				return Status.error(label + ": a host was disconnected meanwhile; nothing was moved."); //$NON-NLS-1$
			}
			result = from.connection().migrate(uuid, to.connection(), options, progress.split(96));
			try {
				to.refreshVm(uuid); // events do this too; the model must not wait for them
				from.refreshVm(uuid);
			} catch (DriverException e) {
				// the next event or sync brings the model up to date
			}
			progress.worked(2);
			return Status.info(describe(label, result));
		} catch (DriverException e) {
			return Status.error(label + ": " + e.getMessage() + leftBehind(e, label), e); //$NON-NLS-1$
		} finally {
			service.release(uuid, label);
		}
	}

	/**
	 * Writes down what the failed move left on the target (it was gone when the move tried to
	 * remove it), so it is removed once the target is connected again.
	 *
	 * @return a sentence saying so, or "" when nothing was left
	 */
	private String leftBehind(DriverException e, String label) {
		if (e.leftBehind().isEmpty()) {
			return ""; //$NON-NLS-1$
		}
		String uri = service.query(i -> target.getUri());
		String name = service.query(i -> target.getName());
		for (DriverException.Volume v : e.leftBehind()) {
			service.leftovers().record(uri, v.pool(), v.name(), label);
		}
		return " The copies made on " + name + " (" + e.leftBehind().stream().map(DriverException.Volume::toString).collect(java.util.stream.Collectors.joining(", ")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ ") could not be removed there; HostDeck removes them when " + name + " is connected again."; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return what the finished move took, or {@code null} before it succeeded */
	public MigrationResult result() {
		return result;
	}

	/** E.g. "Migrate db from a to b: 2.1 s, downtime 22 ms, 68 MiB sent (64 MiB memory, 4 MiB disks)". */
	static String describe(String label, MigrationResult r) {
		StringBuilder text = new StringBuilder(label).append(": ") //$NON-NLS-1$
				.append(String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0)); //$NON-NLS-1$
		if (r.downtimeMs() >= 0) {
			text.append(", downtime ").append(r.downtimeMs()).append(" ms"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		text.append(", ").append(Sizes.format(r.bytes())).append(" sent (") //$NON-NLS-1$ //$NON-NLS-2$
				.append(Sizes.format(r.memoryBytes())).append(" memory, ").append(Sizes.format(r.diskBytes())).append(" disks)"); //$NON-NLS-1$ //$NON-NLS-2$
		return text.toString();
	}
}
