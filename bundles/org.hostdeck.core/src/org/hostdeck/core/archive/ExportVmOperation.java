package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.ProgressEstimate;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.DiskFormat;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.util.Sizes;

/**
 * Exports a shut-off VM into a folder: {@code vm.xml} (its definition and HostDeck's data), one
 * zstd disk stream per disk (each volume streamed out of the hypervisor and compressed on every
 * core while it streams; zeros stored as holes), and the manifest, written last. Until the
 * manifest is there the folder is visibly unfinished; a journal lets an interrupted export
 * resume from its last verified chunk. Optionally every checksum is checked again afterwards.
 */
public class ExportVmOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final Path dir;
	private final boolean verify;
	private final int threads;

	public ExportVmOperation(InventoryService service, VirtualMachine vm, Path dir, boolean verify) {
		this(service, vm, dir, verify, Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	/** @param threads compression threads */
	public ExportVmOperation(InventoryService service, VirtualMachine vm, Path dir, boolean verify, int threads) {
		this.service = service;
		this.vm = vm;
		this.dir = dir;
		this.verify = verify;
		this.threads = threads;
	}

	public String label() {
		return "Export " + service.query(i -> vm.getName()) + " to " + dir; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** A disk as the model knows it. */
	record ModelDisk(String target, String path, String format, long capacity, String bus) {
	}

	/** A disk as its host has it: in which pool, as which volume, how many bytes a download streams. */
	record Source(String target, String path, String pool, String volume, String format, long capacity, long size, String bus) {
	}

	/** A NIC as the model knows it. */
	record ModelNic(String network, String model) {
	}

	record Facts(String name, String uuid, PowerState state, String host, List<ModelDisk> disks, ExportedVm described,
			int vcpus, List<ModelNic> nics) {
	}

	private static Facts facts(InventoryService service, VirtualMachine vm) {
		return service.query(i -> {
			List<ModelDisk> disks = new ArrayList<>();
			for (VirtualDisk d : vm.getDisks()) {
				if (!d.isCdrom() && d.getPath() != null) {
					disks.add(new ModelDisk(d.getName(), d.getPath(), d.getFormat() == DiskFormat.QCOW2 ? "qcow2" : "raw", d.getCapacity(), //$NON-NLS-1$ //$NON-NLS-2$
							d.getBus() == null ? "virtio" : d.getBus().getLiteral().toLowerCase(Locale.ROOT))); //$NON-NLS-1$
				}
			}
			List<String> networks = vm.getNics().stream().map(NetworkInterface::getNetworkName).filter(n -> n != null).distinct()
					.toList();
			double[] profile = ExportedVm.profile(vm.getWorkload());
			ExportedVm described = new ExportedVm(vm.getName(), vm.getUuid(), vm.getHost() == null ? "" : vm.getHost().getName(), //$NON-NLS-1$
					vm.getDescription(), vm.getCpuWeight().getLiteral(), false, profile, Math.max(vm.getMemory(), vm.getMaxMemory()),
					List.of(), networks, ""); //$NON-NLS-1$
			List<ModelNic> nics = vm.getNics().stream()
					.map(n -> new ModelNic(n.getNetworkName() == null ? "default" : n.getNetworkName(), n.getModel())).toList(); //$NON-NLS-1$
			return new Facts(vm.getName(), vm.getUuid(), vm.getPowerState(), vm.getHost() == null ? "?" : vm.getHost().getName(), //$NON-NLS-1$
					disks, described, vm.getVcpus(), nics);
		});
	}

	/**
	 * Asks the host where each disk lives; a disk in no pool cannot be streamed out and is named
	 * in {@code problems}.
	 */
	private static List<Source> sources(IHostConnection connection, Facts f, List<String> problems) throws DriverException {
		List<Source> sources = new ArrayList<>();
		for (ModelDisk d : f.disks()) {
			PoolInfo.VolumeInfo volume = connection.volumeAt(d.path());
			String pool = volume == null ? null : connection.poolOf(d.path());
			if (volume == null || pool == null) {
				problems.add("Disk " + d.target() + " of " + f.name() + " (" + d.path() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ") is in no storage pool of its host, so it cannot be streamed out. Define a pool for its folder."); //$NON-NLS-1$
				continue;
			}
			// what a download streams: a raw image whole, a qcow2 file as far as it is allocated
			long size = "qcow2".equals(d.format()) ? volume.allocation() : volume.capacity(); //$NON-NLS-1$
			sources.add(new Source(d.target(), d.path(), pool, volume.name(), d.format(), volume.capacity(), size, d.bus()));
		}
		return sources;
	}

	/**
	 * @return the refusals, each naming what is wrong and what to do; empty when the export may start
	 */
	public List<String> precheck() {
		return check().problems();
	}

	/** What the pre-checks found, and where the disks are (asked of the host once). */
	record Checked(Facts facts, List<Source> sources, List<String> problems) {
	}

	/**
	 * What every way of exporting {@code vm} needs: not busy, host connected, shut off, disks in
	 * pools (asked of the host once).
	 */
	static Checked checkVm(InventoryService service, VirtualMachine vm) {
		Facts f = facts(service, vm);
		List<String> problems = new ArrayList<>();
		List<Source> sources = List.of();
		String holder = service.busyWith(f.uuid());
		if (holder != null) {
			problems.add(f.name() + " is busy: '" + holder + "' is running. Wait for it to end or cancel it."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		HostSession session = service.session(vm);
		if (session == null) {
			problems.add(f.host() + " is not connected. Connect it first."); //$NON-NLS-1$
		}
		if (f.state() != PowerState.SHUT_OFF) {
			problems.add(f.name() + " is " + f.state().getLiteral().toLowerCase(Locale.ROOT).replace('_', ' ') //$NON-NLS-1$
					+ ": an export needs it shut off, so its disks do not change while they are copied. Shut it down first."); //$NON-NLS-1$
		}
		if (session != null) {
			try {
				sources = sources(session.connection(), f, problems);
			} catch (DriverException e) {
				problems.add(e.getMessage());
			}
		}
		return new Checked(f, sources, problems);
	}

	private Checked check() {
		Checked checked = checkVm(service, vm);
		Facts f = checked.facts();
		List<String> problems = new ArrayList<>(checked.problems());
		if (Files.exists(dir.resolve(Manifest.NAME))) {
			problems.add(dir + " holds a finished export already. Choose an empty folder."); //$NON-NLS-1$
		} else if (Files.isDirectory(dir) && !ExportJournal.exists(dir) && !empty(dir)) {
			problems.add(dir + " is not empty and holds no unfinished export to resume. Choose an empty folder."); //$NON-NLS-1$
		} else if (ExportJournal.exists(dir)) {
			try {
				ExportJournal.checkOwner(dir, f.uuid()); // its chunks are checked when the export resumes
			} catch (ArchiveException | IOException e) {
				problems.add(e.getMessage());
			}
		} else if (Files.exists(dir) && !Files.isDirectory(dir)) {
			problems.add(dir + " is a file. Choose a folder."); //$NON-NLS-1$
		}
		return new Checked(f, checked.sources(), problems);
	}

	private static boolean empty(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.findAny().isEmpty();
		} catch (IOException e) {
			return false;
		}
	}

	/**
	 * Runs the pre-checks, then the export (resuming an unfinished one in the folder).
	 *
	 * @return INFO with sizes, ratio, time and rate; ERROR with the refusals or the reason (what
	 *         was written stays for a resume, and without a manifest it is never taken as whole)
	 * @throws OperationCanceledException when cancelled; the folder stays resumable
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		Checked checked = check();
		if (!checked.problems().isEmpty()) {
			return Status.error(label + ": " + String.join(" ", checked.problems())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Facts f = checked.facts();
		String holder = service.claim(f.uuid(), label);
		if (holder != null) {
			return Status.error(label + ": the VM is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "HostDeck export compression"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
		try {
			HostSession session = service.session(vm);
			IHostConnection connection = session.connection();
			Files.createDirectories(dir);
			List<Source> sources = checked.sources();
			List<ExportedVm.Disk> disks = new ArrayList<>();
			for (int i = 0; i < sources.size(); i++) {
				Source s = sources.get(i);
				disks.add(new ExportedVm.Disk("disk-" + i + ".zst", s.target(), s.path(), s.volume(), s.format(), s.capacity(), s.size())); //$NON-NLS-1$ //$NON-NLS-2$
			}
			ExportedVm described = new ExportedVm(f.described().name(), f.uuid(), f.described().sourceHost(), f.described().description(),
					f.described().cpuWeight(), false, f.described().profile(), f.described().memory(), disks, f.described().networks(),
					connection.definition(f.uuid()));
			described.write(dir);
			long raw;
			try (ExportJournal journal = ExportJournal.open(dir, f.uuid())) {
				List<Streamed> streamed = streamDisks(connection, f.name(), sources, disks, journal, pool, progress.split(verify ? 80 : 95));
				journal.sync();
				raw = 0;
				for (int i = 0; i < disks.size(); i++) {
					ExportedVm.Disk d = disks.get(i);
					long bytes = streamed.get(i).raw();
					disks.set(i, new ExportedVm.Disk(d.file(), d.target(), d.path(), d.volume(), d.format(), d.capacity(), bytes));
					raw += bytes;
				}
				described.withDisks(disks).write(dir); // with the sizes as streamed
				progress.subTask("Writing the manifest"); //$NON-NLS-1$
				List<Manifest.FileEntry> files = new ArrayList<>();
				files.add(entry(dir.resolve(ExportedVm.FILE)));
				streamed.forEach(d -> files.add(d.file()));
				new Manifest(files, journal.chunks()).write(dir);
				journal.delete();
			}
			progress.setWorkRemaining(verify ? 16 : 1);
			if (verify) {
				ArchiveVerifier.verify(dir, progress.split(15));
			}
			long stored = 0;
			for (ExportedVm.Disk d : disks) {
				stored += Files.size(dir.resolve(d.file()));
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return Status.info(String.format(Locale.ROOT, "%s: %d disk(s), %s streamed, %s stored (%.0f %%), %.1f s, %s/s%s", label, //$NON-NLS-1$
					disks.size(), Sizes.format(raw), Sizes.format(stored), raw == 0 ? 0.0 : 100.0 * stored / raw, seconds,
					Sizes.format((long) (raw / Math.max(0.001, seconds))), verify ? ", verified" : "")); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (DriverException e) {
			return Status.error(label + ": " + e.getMessage() + " What was written stays in the folder: export again to resume.", e); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (ArchiveException e) {
			return Status.error(label + ": verification failed: " + e.getMessage(), e); //$NON-NLS-1$
		} catch (IOException e) {
			return Status.error(label + ": writing to " + dir + " failed: " + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
					+ ". What was written stays in the folder: free space there (or fix the folder) and export again to resume.", e); //$NON-NLS-1$
		} finally {
			pool.shutdownNow();
			service.release(f.uuid(), label);
		}
	}

	/** One disk stream written: its raw bytes, and its file as the manifest lists it. */
	private record Streamed(long raw, Manifest.FileEntry file) {
	}

	/** Streams every disk not yet whole in the journal. */
	private List<Streamed> streamDisks(IHostConnection connection, String vmName, List<Source> sources, List<ExportedVm.Disk> disks,
			ExportJournal journal, ExecutorService pool, SubMonitor monitor) throws DriverException, IOException {
		long total = disks.stream().mapToLong(ExportedVm.Disk::size).sum();
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		ProgressEstimate estimate = new ProgressEstimate();
		long started = System.currentTimeMillis();
		long[] done = { journal.chunks().stream().mapToLong(Manifest.Chunk::rawLength).sum() };
		List<Streamed> all = new ArrayList<>();
		for (int i = 0; i < disks.size(); i++) {
			ExportedVm.Disk d = disks.get(i);
			Source s = sources.get(i);
			List<Manifest.Chunk> kept = journal.chunks(d.file());
			long rawOffset = 0;
			long storedEnd = 0;
			for (Manifest.Chunk c : kept) {
				rawOffset = c.rawOffset() + c.rawLength();
				if (!c.hole()) {
					storedEnd = c.storedOffset() + c.storedLength();
				}
			}
			String name = vmName + " " + d.target(); //$NON-NLS-1$
			ChunkedWriter writer = new ChunkedWriter(dir.resolve(d.file()), kept.size(), rawOffset, storedEnd, pool, threads, c -> {
				journal.add(c);
				done[0] += c.rawLength();
				long elapsed = System.currentTimeMillis() - started;
				estimate.report(new JobProgress(done[0], Math.max(0, total - done[0]), total, elapsed), progress, name + ": "); //$NON-NLS-1$
			});
			boolean closed = false;
			try {
				// the download checks this monitor for cancel; progress is reported per chunk above
				connection.download(s.pool(), s.volume(), rawOffset, writer, Codec.cancelOnly(progress));
				writer.close();
				closed = true;
				all.add(new Streamed(rawOffset + writer.written(), writer.entry()));
			} catch (java.io.UncheckedIOException e) {
				throw e.getCause();
			} finally {
				if (!closed) {
					writer.abandon();
				}
			}
		}
		estimate.done(progress);
		return all;
	}


	/** {@code file} as the manifest lists it: name, size and SHA-256. */
	static Manifest.FileEntry entry(Path file) throws IOException {
		MessageDigest digest = Manifest.Hashes.sha256();
		byte[] buffer = new byte[1 << 20];
		long size = 0;
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
				size += n;
			}
		}
		return new Manifest.FileEntry(file.getFileName().toString(), size, Manifest.Hashes.hex(digest.digest()));
	}

	/**
	 * Runs {@code export} (an export of {@code vm}, given the rest of the progress), shutting the VM
	 * down first when it is not shut off, as the user asked; a shutdown that fails is the outcome.
	 */
	public static IStatus shutDownFirst(InventoryService service, VirtualMachine vm, String label, IProgressMonitor monitor,
			java.util.function.Function<IProgressMonitor, IStatus> export) {
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		if (service.query(i -> vm.getPowerState()) != org.hostdeck.model.PowerState.SHUT_OFF) {
			IStatus off = new org.hostdeck.core.operations.VmPowerOperation(service, vm, org.hostdeck.core.driver.PowerAction.SHUTDOWN)
					.execute(progress.split(10));
			if (off.getSeverity() == IStatus.ERROR) {
				return off;
			}
		}
		return export.apply(progress.split(90));
	}
}
