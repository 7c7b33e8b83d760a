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
	private volatile String uuid;

	/**
	 * @param pool   where the clone's disks go
	 * @param linked overlays of the original's disks instead of copies
	 */
	public CloneVmOperation(InventoryService service, VirtualMachine vm, String name, String pool, boolean linked) {
		this.service = service;
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

	/** What the pre-checks found: the disks to clone and the refusals. */
	private record Checked(List<Disk> disks, List<String> problems) {
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
		record Facts(String vmName, String uuid, PowerState state, List<String> paths, String hostName) {
		}
		Facts f = service.query(i -> new Facts(vm.getName(), vm.getUuid(), vm.getPowerState(), LinkedClones.diskPaths(vm),
				vm.getHost() == null ? null : vm.getHost().getName()));
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
			return new Checked(disks, problems);
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
				String newVolume = name + (d == 0 ? "" : "-" + (d + 1)) + ("qcow2".equals(format) ? ".qcow2" : ".img"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
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
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
		return new Checked(disks, problems);
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
		List<String> made = new ArrayList<>();
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
					made.add(d.newVolume());
					formats.put(d.path(), "qcow2"); //$NON-NLS-1$
					progress.worked(80 / Math.max(1, checked.disks().size()));
				} else {
					int share = (int) Math.max(1, 85L * d.volume().allocation() / total);
					made.add(d.newVolume()); // removed again if the copy fails (the driver does that too)
					volume = connection.cloneVolume(d.sourcePool(), d.volume().name(), pool, d.newVolume(), progress.split(share));
					copied += volume.allocation();
				}
				paths.put(d.path(), volume.path());
			}
			progress.setWorkRemaining(10);
			DomainInfo clone = connection.defineImported(connection.definition(source),
					new ImportRewrite(name, false, paths, Map.of(), formats));
			defined = clone.uuid();
			uuid = clone.uuid();
			try {
				session.refreshVm(clone.uuid());
			} catch (DriverException e) {
				// the host's event brings the clone into the model
			}
			progress.done();
			done = true;
			double seconds = (System.nanoTime() - started) / 1e9;
			return Status.info(label + ": " + checked.disks().size() + " disk(s)" //$NON-NLS-1$ //$NON-NLS-2$
					+ (linked ? " as overlays of the original's (which now stays unchanged: it is not started while the clone exists)" //$NON-NLS-1$
							: ", " + Sizes.format(copied) + " copied" + String.format(java.util.Locale.ROOT, " in %.1f s", Double.valueOf(seconds))) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "."); //$NON-NLS-1$
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

	/** Removes the clone's definition and those of {@code made} that exist (a failed copy removed its own). */
	private String cleanUp(IHostConnection connection, String defined, List<String> made) {
		return Leftovers.remove(connection, pool, defined, made.stream().filter(v -> exists(connection, v)).toList());
	}

	private boolean exists(IHostConnection connection, String volume) {
		try {
			return connection.pools().stream().filter(p -> p.name().equals(pool)).flatMap(p -> p.volumes().stream())
					.anyMatch(v -> v.name().equals(volume));
		} catch (DriverException e) {
			return true;
		}
	}
}
