package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
import org.hostdeck.core.driver.DomainSpec;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.ImportRewrite;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.ProgressEstimate;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.Leftovers;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Imports an export onto a host: the whole export is verified first (nothing on the host is
 * touched for a damaged or unfinished one), then a volume per disk stream is created in the
 * chosen pool and filled chunk by chunk (holes are not sent: a raw volume stays sparse), then
 * the VM is defined, with its identity kept (moving a VM) or new (a copy: new UUID, MACs, name),
 * its networks mapped. Any failure or cancel removes what was created.
 */
public class ImportVmOperation {

	/**
	 * @param pool         where the disks go on the target
	 * @param name         the VM's name there; {@code null} keeps the exported one
	 * @param keepIdentity same UUID and MACs (moving a VM); else new ones
	 * @param networks     exported network name to the target's
	 */
	public record Options(String pool, String name, boolean keepIdentity, Map<String, String> networks) {
		public Options {
			networks = Map.copyOf(networks);
		}
	}

	private final InventoryService service;
	private final Path dir;
	private final Host target;
	private final Options options;
	private volatile String uuid;

	public ImportVmOperation(InventoryService service, Path dir, Host target, Options options) {
		this.service = service;
		this.dir = dir;
		this.target = target;
		this.options = options;
	}

	public String label() {
		return "Import " + dir.getFileName() + " to " + service.query(i -> target.getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the imported VM's UUID once defined */
	public String uuid() {
		return uuid;
	}

	/** What the import journal is kept for: host, pool and the VM's name there. */
	private String journalKey(ExportedVm vm) {
		return service.query(i -> target.getUri()) + " " + options.pool() + " " + name(vm); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private String name(ExportedVm vm) {
		return options.name() == null || options.name().isBlank() ? vm.name() : options.name().trim();
	}

	/** The volume disk {@code index} becomes: its old name when moving, else named after the new VM. */
	private String volumeName(ExportedVm vm, int index) {
		ExportedVm.Disk d = vm.disks().get(index);
		if (options.keepIdentity()) {
			return d.volume();
		}
		String ext = "qcow2".equals(d.format()) ? ".qcow2" : ".img"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return name(vm) + (index == 0 ? "" : "-" + (index + 1)) + ext; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * Checks the export's description and manifest (not yet every byte: {@link #execute} does that
	 * before it creates anything) and the target: name, identity, pool and its room, networks,
	 * memory. Talks to the host: call it off the UI thread.
	 */
	public List<String> precheck() {
		ExportedVm vm;
		try {
			vm = ExportedVm.read(dir);
			ExportStructure.check(dir, Manifest.read(dir), vm);
		} catch (ArchiveException e) {
			return new ArrayList<>(List.of(e.getMessage()));
		}
		return precheck(vm);
	}

	/** The pre-checks of the target for {@code vm}, an export already read and checked. */
	private List<String> precheck(ExportedVm vm) {
		List<String> problems = new ArrayList<>();
		String host = service.query(i -> target.getName());
		HostSession session = service.session(target);
		if (session == null) {
			problems.add(host + " is not connected. Connect it first."); //$NON-NLS-1$
			return problems;
		}
		String name = name(vm);
		record Known(List<String> names, List<String> uuids, long memory) {
		}
		Known known = service.query(i -> new Known(target.getVms().stream().map(VirtualMachine::getName).toList(),
				target.getVms().stream().map(VirtualMachine::getUuid).toList(), target.getMemoryTotal()));
		if (options.keepIdentity() && known.uuids().contains(vm.uuid())) {
			problems.add(host + " has " + vm.name() + " already (same UUID). Import it as a copy with a new identity, or remove it there."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (known.names().contains(name)) {
			problems.add(host + " has a VM named '" + name + "' already. Import it under another name."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		TargetChecks.memory(host, name, vm.memory(), known.memory(), problems);
		try {
			List<String> volumes = new ArrayList<>();
			long need = 0;
			for (int d = 0; d < vm.disks().size(); d++) {
				volumes.add(volumeName(vm, d));
				need += need(vm.disks().get(d));
			}
			TargetChecks.check(session.connection(), host, name, options.pool(), volumes, ImportJournal.left(dir, journalKey(vm)), need,
					vm.networks().stream().map(n -> options.networks().getOrDefault(n, n)).toList(), "Import as a copy under another name", //$NON-NLS-1$
					problems);
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	/** What a disk takes in the pool at most: a raw image its capacity (it may grow into its holes), a qcow2 image its size. */
	private static long need(ExportedVm.Disk disk) {
		return "raw".equals(disk.format()) ? Math.max(disk.capacity(), disk.size()) : disk.size(); //$NON-NLS-1$
	}

	/**
	 * Verifies the whole export, runs the pre-checks, then imports.
	 *
	 * @return INFO naming the VM; ERROR naming the damaged file, or the refusals, or the reason
	 *         (then nothing is left on the host)
	 * @throws OperationCanceledException when cancelled, after removing what was created
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		Manifest manifest;
		ExportedVm vm;
		List<String> notes;
		try {
			progress.subTask("Verifying " + dir); //$NON-NLS-1$
			ArchiveVerifier.Verified verified = ArchiveVerifier.verifyAll(dir, progress.split(30));
			manifest = verified.manifest();
			vm = verified.vm();
			notes = new ArrayList<>(verified.notes());
		} catch (ArchiveException e) {
			return Status.error(label + ": " + e.getMessage() + " Nothing was changed on the host."); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			return Status.error(label + ": " + dir + " cannot be read: " + e.getMessage() + ". Nothing was changed on the host.", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		List<String> problems = precheck(vm); // what was verified, not the folder read again
		if (!problems.isEmpty()) {
			return Status.error(label + ": " + String.join(" ", problems)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		HostSession session = service.session(target);
		if (vm.shape() == null) {
			// what of the file's definition the host will not get, known before anything is made there
			Map<String, String> same = new LinkedHashMap<>();
			vm.disks().forEach(d -> same.put(d.path(), d.path()));
			try {
				List<String> leftOut = session.connection().leftOutOfImport(vm.definition(), rewrite(vm, same));
				if (!leftOut.isEmpty()) {
					notes.add("Left out of the exported definition (it reaches outside the VM, or HostDeck does not know it): " //$NON-NLS-1$
							+ String.join("; ", leftOut) + "."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			} catch (DriverException e) {
				return Status.error(label + ": " + ExportedVm.FILE + ": " + e.getMessage() + " Nothing was changed on the host."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		List<String> made = new ArrayList<>();
		String defined = null;
		IHostConnection connection = null;
		ImportJournal journal = ImportJournal.open(dir, journalKey(vm));
		int kept = 0;
		try {
			connection = session.connection();
			Map<String, String> paths = new LinkedHashMap<>();
			long total = vm.disks().stream().mapToLong(ExportedVm.Disk::size).sum();
			Upload upload = new Upload(total, progress.split(65), journal);
			List<PoolInfo.VolumeInfo> present = connection.pools().stream().filter(p -> p.name().equals(options.pool()))
					.flatMap(p -> p.volumes().stream()).toList();
			for (int d = 0; d < vm.disks().size(); d++) {
				ExportedVm.Disk disk = vm.disks().get(d);
				String volume = volumeName(vm, d);
				List<Manifest.Chunk> chunks = manifest.chunks(disk.file());
				PoolInfo.VolumeInfo created = present.stream().filter(v -> v.name().equals(volume)).findFirst().orElse(null);
				int from = journal == null || created == null ? 0 : journal.done(disk.file());
				if (created != null && (from == 0 || !upload.holds(connection, volume, chunks, from))) {
					// left by a cut-off import, but not as recorded: made afresh
					connection.deleteVolume(options.pool(), volume);
					created = null;
					from = 0;
					if (journal != null) {
						journal.restart(disk.file());
					}
				}
				if (created == null) {
					created = connection.createVolume(options.pool(), volume, disk.capacity(), disk.format());
				}
				made.add(volume);
				kept += from;
				upload.disk(connection, volume, dir.resolve(disk.file()), chunks, from, vm.name() + " " + disk.target()); //$NON-NLS-1$
				paths.put(disk.path(), created.path());
			}
			DomainInfo info = vm.shape() == null
					? connection.defineImported(vm.definition(), rewrite(vm, paths))
					: connection.define(spec(vm, new ArrayList<>(paths.values())));
			defined = info.uuid();
			uuid = info.uuid();
			try {
				session.refreshVm(info.uuid());
			} catch (DriverException e) {
				// the host's event brings it in too
			}
			session.planningProfile(info.uuid(), vm.workload());
			progress.setWorkRemaining(1).worked(1);
			if (journal != null) {
				journal.delete();
			}
			return Status.info(label + ": " + name(vm) + (options.keepIdentity() ? " (same identity)" : " (new identity)") + ", " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ vm.disks().size() + " disk(s), " + Sizes.format(total) + " written to pool '" + options.pool() + "'" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ (kept > 0 ? "; resumed: " + kept + " of " + manifest.chunks().size() + " chunks were there from the cut-off import." : ".") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ (notes.isEmpty() ? "" : " " + String.join(" ", notes))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} catch (OperationCanceledException e) {
			Leftovers.remove(connection, options.pool(), defined, made);
			if (journal != null) {
				journal.delete();
			}
			throw e;
		} catch (DriverException | IOException | RuntimeException e) {
			String left = Leftovers.remove(connection, options.pool(), defined, made);
			if (journal != null && left.isEmpty()) {
				journal.delete();
			}
			return Status.error(label + ": " + e.getMessage() + (left.isEmpty() ? " Nothing was left on the host." //$NON-NLS-1$ //$NON-NLS-2$
					: " " + left + " Or import again with the same choices: it goes on where this one stopped."), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** The exported definition confined, its disks' images at {@code paths} (old path to new), opened in the formats the volumes were made in. */
	private ImportRewrite rewrite(ExportedVm vm, Map<String, String> paths) {
		Map<String, String> formats = new LinkedHashMap<>();
		vm.disks().forEach(d -> formats.put(d.path(), d.format()));
		return ImportRewrite.fromFile(name(vm), options.keepIdentity(), paths, formats, options.networks());
	}

	/** The VM of an export without a definition, on volumes {@code paths} (in the export's order). */
	private DomainSpec spec(ExportedVm vm, List<String> paths) {
		List<DomainSpec.Disk> disks = new ArrayList<>();
		for (int d = 0; d < paths.size(); d++) {
			disks.add(new DomainSpec.Disk(paths.get(d), vm.disks().get(d).format(), false));
		}
		List<DomainSpec.Nic> nics = vm.shape().nics().stream().map(n -> new DomainSpec.Nic(options.networks().getOrDefault(n, n), null)).toList();
		return new DomainSpec(options.keepIdentity() ? vm.uuid() : null, name(vm), vm.description(), false, vm.shape().virtio(),
				vm.shape().vcpus(), vm.memory(), 0, disks, nics, DomainSpec.Boot.DISK, null);
	}

	/** Fills volumes from their disk streams, with one progress for all of them. */
	private final class Upload {
		/** Data chunks per upload at most: the journal records each upload once the host has it. */
		private static final int RUN = 16;

		private final long total;
		private final SubMonitor progress;
		private final ImportJournal journal;
		private final ProgressEstimate estimate = new ProgressEstimate();
		private final long started = System.currentTimeMillis();
		private long done;

		Upload(long total, SubMonitor monitor, ImportJournal journal) {
			this.total = total;
			this.progress = SubMonitor.convert(monitor, 100);
			this.journal = journal;
		}

		/**
		 * Whether the volume holds what the journal says: the last data chunk before {@code next},
		 * read back from the host, equals the chunk in the export.
		 */
		boolean holds(IHostConnection connection, String volume, List<Manifest.Chunk> chunks, int next) throws IOException {
			Manifest.Chunk last = null;
			for (int i = Math.min(next, chunks.size()) - 1; i >= 0 && last == null; i--) {
				last = chunks.get(i).hole() ? null : chunks.get(i);
			}
			if (last == null) {
				return true; // holes only so far: nothing to compare
			}
			java.io.ByteArrayOutputStream there = new java.io.ByteArrayOutputStream(last.rawLength());
			try {
				connection.download(options.pool(), volume, last.rawOffset(), last.rawLength(), there, Codec.cancelOnly(progress));
			} catch (DriverException e) {
				return false;
			}
			try (InputStream in = new ChunkReader(dir.resolve(last.file()), List.of(last), c -> {
			})) {
				return java.util.Arrays.equals(there.toByteArray(), in.readAllBytes());
			}
		}

		/** Sends each run of data chunks from chunk {@code from} on as one upload at its offset; holes are skipped. */
		void disk(IHostConnection connection, String volume, Path file, List<Manifest.Chunk> chunks, int from, String name)
				throws DriverException, IOException {
			for (int i = 0; i < from && i < chunks.size(); i++) {
				done += chunks.get(i).rawLength();
			}
			int at = from;
			while (at < chunks.size()) {
				if (chunks.get(at).hole()) {
					done += chunks.get(at).rawLength();
					at++;
					continue;
				}
				int end = at;
				long length = 0;
				while (end < chunks.size() && !chunks.get(end).hole() && end - at < RUN) {
					length += chunks.get(end).rawLength();
					end++;
				}
				List<Manifest.Chunk> run = chunks.subList(at, end);
				try (InputStream in = new ChunkReader(file, run, c -> {
					done += c.rawLength();
					estimate.report(new JobProgress(done, Math.max(0, total - done), total, System.currentTimeMillis() - started), progress,
							name + ": "); //$NON-NLS-1$
				})) {
					connection.upload(options.pool(), volume, run.get(0).rawOffset(), in, length, Codec.cancelOnly(progress));
				}
				if (journal != null) {
					journal.record(run.get(0).file(), end);
				}
				at = end;
			}
		}
	}

}
