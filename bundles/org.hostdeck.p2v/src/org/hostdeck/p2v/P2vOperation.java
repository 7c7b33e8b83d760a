package org.hostdeck.p2v;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.archive.ExportFolder;
import org.hostdeck.core.archive.ExportedVm;
import org.hostdeck.core.archive.UploadRuns;
import org.hostdeck.core.driver.VolumeWriter;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainSpec;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.ProgressEstimate;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.core.operations.Leftovers;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.Host;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.WorkloadProfile;
import org.hostdeck.model.util.Sizes;

import com.github.luben.zstd.ZstdInputStream;

/**
 * Converts a running Linux server into a VM on a host: each chosen disk is read over SSH
 * ({@code cat}, or {@code zstd -1 -c} when the source has zstd, so it travels compressed) and
 * written into a new raw volume through libvirt (chunks of zeros are not sent, so the volume stays
 * sparse there), then the VM is defined with the server's shape: vCPUs, memory, NICs on the
 * networks chosen for them, virtio when the server's kernel has the virtio block driver, else
 * IDE and e1000; its planning profile is what discovery measured. Nothing is ever written on the
 * source: every command there only reads. A failure or cancel removes what was made.
 */
public class P2vOperation {

	/**
	 * What the conversion makes.
	 *
	 * @param disks    the source's disks to convert (device paths), the first one boots
	 * @param networks the source's NIC name to a network of the target; NICs not listed are left out
	 * @param compress  compress on the wire when the source has zstd (off for a fast network and a
	 *                  busy server, whose CPU the compression would take)
	 */
	public record Plan(String name, String description, int vcpus, long memory, String pool, List<String> disks, Map<String, String> networks,
			boolean compress) {
		public Plan {
			disks = List.copyOf(disks);
			networks = Map.copyOf(networks);
		}
	}

	private static final int CHUNK = 4 << 20;
	/** The zeros of a disk become holes in blocks of this many bytes. */
	private static final int HOLE_BLOCK = 256 << 10;
	/** Chunks in flight between the reading and the uploading thread. */
	private static final int BUFFERS = 12;

	/**
	 * {@code length} bytes of a disk read into {@code data}; a length of -1 ends the disk, -2 ends
	 * it unread (the reading failed: the upload stops without finishing).
	 */
	private record Piece(byte[] data, int length) {
	}

	private final InventoryService service;
	private final Host target;
	private final Path folder;
	private final SshSource source;
	private final SourceMachine machine;
	private final Plan plan;
	private volatile String uuid;

	/** A conversion into a new VM in pool {@code plan.pool()} of {@code target}. */
	public P2vOperation(InventoryService service, Host target, SshSource source, SourceMachine machine, Plan plan) {
		this.service = service;
		this.target = target;
		this.folder = null;
		this.source = source;
		this.machine = machine;
		this.plan = plan;
	}

	/**
	 * A conversion into an export folder (the seed's "network share" target): the disks as disk
	 * streams, the VM's shape in {@code vm.xml} (NICs on the networks the plan names; the import
	 * maps them to the target's) and the manifest, last, so Import VM... brings it onto any host
	 * later. The plan's pool is not used.
	 */
	public P2vOperation(SshSource source, SourceMachine machine, Plan plan, Path folder) {
		this.service = null;
		this.target = null;
		this.folder = folder;
		this.source = source;
		this.machine = machine;
		this.plan = plan;
	}

	public String label() {
		return "Convert " + machine.hostname() + " to VM " + plan.name() //$NON-NLS-1$ //$NON-NLS-2$
				+ (folder == null ? " on " + service.query(i -> target.getName()) : " in folder " + folder); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the new VM's UUID once it is defined */
	public String uuid() {
		return uuid;
	}

	private String volumeName(int index) {
		return plan.name() + (index == 0 ? "" : "-" + (index + 1)) + ".img"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private SourceMachine.Disk disk(String path) {
		return machine.disks().stream().filter(d -> d.path().equals(path)).findFirst().orElse(null);
	}

	/** @return the refusals, each naming what is wrong and what to do; empty when the conversion may start */
	public List<String> precheck() {
		List<String> problems = new ArrayList<>();
		if (!InstallVmOperation.validName(plan.name())) {
			problems.add("Name: '" + plan.name() + "' is not a name a VM may have (letters, digits, '.', '-', '_')."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (folder == null && service.query(i -> target.getVms().stream().anyMatch(v -> v.getName().equals(plan.name())))) {
			problems.add(service.query(i -> target.getName()) + " has a VM named '" + plan.name() + "' already. Choose another name."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (plan.vcpus() < 1) {
			problems.add("vCPUs: a VM needs at least one."); //$NON-NLS-1$
		}
		if (folder == null) {
			String host = service.query(i -> target.getName());
			long hostMemory = service.query(i -> target.getMemoryTotal());
			if (hostMemory > 0 && plan.memory() > hostMemory) {
				problems.add("Memory: " + Sizes.format(plan.memory()) + " is more than " + host + " has (" + Sizes.format(hostMemory) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ "). Give the VM less or choose a bigger host."); //$NON-NLS-1$
			}
		}
		if (plan.disks().isEmpty()) {
			problems.add("Disks: choose at least the disk that holds the system."); //$NON-NLS-1$
		}
		long need = 0;
		for (String path : plan.disks()) {
			SourceMachine.Disk d = disk(path);
			if (d == null) {
				problems.add("Disks: " + machine.hostname() + " has no disk " + path + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			} else {
				need += d.size();
			}
		}
		if (folder != null) {
			if (folder.toString().isBlank()) {
				problems.add("Folder: choose a folder for the export."); //$NON-NLS-1$
			} else {
				problems.addAll(ExportFolder.problems(folder));
			}
			plan.networks().forEach((nic, network) -> {
				if (network == null || network.isBlank()) {
					problems.add("Network: NIC " + nic + " has no network named. Name one (the import maps it to a network of its host)."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			});
			return problems;
		}
		hostChecks(need, problems);
		return problems;
	}

	private void hostChecks(long need, List<String> problems) {
		String host = service.query(i -> target.getName());
		HostSession session = service.session(target);
		if (session == null) {
			problems.add(host + " is not connected. Connect it first."); //$NON-NLS-1$
			return;
		}
		try {
			IHostConnection connection = session.connection();
			PoolInfo pool = connection.pools().stream().filter(p -> p.name().equals(plan.pool())).findFirst().orElse(null);
			if (pool == null || !pool.active()) {
				problems.add("Storage: " + host + " has no " + (pool == null ? "" : "active ") + "pool '" + plan.pool() + "'. Choose one of its pools."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			} else {
				for (int i = 0; i < plan.disks().size(); i++) {
					String volume = volumeName(i);
					if (pool.volumes().stream().anyMatch(v -> v.name().equals(volume))) {
						problems.add("Storage: pool '" + pool.name() + "' on " + host + " has a volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
								+ "' already. Choose another name for the VM, or delete the volume."); //$NON-NLS-1$
					}
				}
				if (need > pool.available()) {
					problems.add("Storage: the disks are " + Sizes.format(need) + "; pool '" + pool.name() + "' on " + host + " has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							+ Sizes.format(pool.available()) + " free. Choose a bigger pool or free space there."); //$NON-NLS-1$
				}
			}
			List<String> networks = connection.networks().stream().map(NetworkInfo::name).toList();
			plan.networks().forEach((nic, network) -> {
				if (!networks.contains(network)) {
					problems.add("Network: NIC " + nic + " is to go on network '" + network + "'; " + host + " has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							+ (networks.isEmpty() ? "none" : String.join(", ", networks)) + ". Choose one of them."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			});
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
	}

	/**
	 * Where a conversion writes: a host's pool (the VM defined there) or an export folder. Made
	 * once the pre-checks pass; {@link #remove} takes away what it made after a failure or cancel.
	 */
	private interface Destination {
		/** A writer for the whole of disk {@code index} of the plan. */
		VolumeWriter open(int index, SourceMachine.Disk d, IProgressMonitor monitor) throws DriverException, IOException;

		/** Makes the VM (or its description) once every disk is written; returns what the outcome says of it. */
		String complete(String description, boolean virtio, List<String> nics) throws DriverException, IOException;

		/** @return what could not be removed, as a sentence for the user; empty when nothing is left */
		String remove();
	}

	/** Into new sparse volumes of the plan's pool, then the VM defined there with its planning profile. */
	private final class HostDestination implements Destination {
		private final HostSession session = service.session(target);
		private final IHostConnection connection = session.connection();
		private final List<String> made = new ArrayList<>();
		private final List<DomainSpec.Disk> disks = new ArrayList<>();
		private String defined;

		HostDestination() throws DriverException {
		}

		@Override
		public VolumeWriter open(int index, SourceMachine.Disk d, IProgressMonitor monitor) throws DriverException {
			String volume = volumeName(index);
			PoolInfo.VolumeInfo created = connection.createSparseVolume(plan.pool(), volume, d.size(), "raw"); //$NON-NLS-1$
			made.add(volume);
			disks.add(new DomainSpec.Disk(created.path(), "raw", false)); //$NON-NLS-1$
			return connection.openVolumeWriter(plan.pool(), volume, d.size(), monitor);
		}

		@Override
		public String complete(String description, boolean virtio, List<String> nics) throws DriverException {
			// each NIC a new MAC: the server may still be running
			DomainInfo info = connection.define(new DomainSpec(null, plan.name(), description, false, virtio, plan.vcpus(), plan.memory(), 0,
					disks, nics.stream().map(n -> new DomainSpec.Nic(n, null)).toList(), DomainSpec.Boot.DISK, null));
			defined = info.uuid();
			uuid = info.uuid();
			session.refreshVm(info.uuid());
			session.planningProfile(info.uuid(), workload(machine));
			return disks.size() + " disk(s)"; //$NON-NLS-1$
		}

		@Override
		public String remove() {
			return Leftovers.remove(service, service.query(i -> target.getUri()), label(), connection, plan.pool(), defined, made);
		}
	}

	/** Into the disk streams of an export folder, then {@code vm.xml} with the VM's shape and the manifest. */
	private final class FolderDestination implements Destination {
		private final ExportFolder export = new ExportFolder(folder);
		private final List<ExportedVm.Disk> disks = new ArrayList<>();

		FolderDestination() throws IOException {
		}

		@Override
		public VolumeWriter open(int index, SourceMachine.Disk d, IProgressMonitor monitor) throws IOException {
			String file = "disk-" + index + ".zst"; //$NON-NLS-1$ //$NON-NLS-2$
			java.io.OutputStream out = export.disk(file);
			disks.add(new ExportedVm.Disk(file, d.name(), d.path(), volumeName(index), "raw", d.size(), d.size())); //$NON-NLS-1$
			return new VolumeWriter() {
				@Override
				public void write(byte[] data, int offset, int length) throws DriverException {
					if (monitor.isCanceled()) {
						throw new OperationCanceledException();
					}
					try {
						out.write(data, offset, length);
					} catch (IOException | java.io.UncheckedIOException e) {
						throw failed(file, e);
					}
				}

				@Override
				public void hole(long length) throws DriverException {
					// the disk stream finds the zeros again and stores them as holes
					for (long left = length; left > 0; left -= ZEROS.length) {
						write(ZEROS, 0, (int) Math.min(ZEROS.length, left));
					}
				}

				@Override
				public void finish() throws DriverException {
					try {
						export.diskDone();
					} catch (IOException | java.io.UncheckedIOException e) {
						throw failed(file, e);
					}
				}

				@Override
				public void close() {
					// an unfinished stream goes with the folder's other files (remove)
				}
			};
		}

		private DriverException failed(String file, Exception e) {
			return new DriverException(DriverException.Reason.OTHER, "Writing " + folder.resolve(file) + " failed: " + e.getMessage() + ".", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}

		@Override
		public String complete(String description, boolean virtio, List<String> nics) throws IOException {
			double[] profile = ExportedVm.profile(workload(machine));
			String id = java.util.UUID.randomUUID().toString();
			export.finish(new ExportedVm(plan.name(), id, machine.hostname(), description, CpuWeight.NORMAL.getLiteral(), false, profile,
					plan.memory(), disks, nics.stream().distinct().toList(), "", new ExportedVm.Shape(plan.vcpus(), virtio, nics))); //$NON-NLS-1$
			export.close();
			return disks.size() + " disk(s) as an export: import it onto a host with Import VM... (hostdeck import)"; //$NON-NLS-1$
		}

		@Override
		public String remove() {
			export.close();
			return ""; //$NON-NLS-1$
		}
	}

	private static final byte[] ZEROS = new byte[1 << 20];

	/**
	 * Runs the pre-checks, then the conversion.
	 *
	 * @return INFO with what was made and what was not adjusted; ERROR with the refusals or the
	 *         reason (then nothing is left on the host or in the folder)
	 * @throws OperationCanceledException when cancelled, after removing what was made
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		List<String> problems = precheck();
		if (!problems.isEmpty()) {
			return Status.error(label + ": " + String.join(" ", problems)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		long start = System.nanoTime();
		Destination destination = null;
		ExecutorService reader = Executors.newFixedThreadPool(2, r -> {
			Thread t = new Thread(r, "HostDeck P2V disk reader"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
		try {
			destination = folder == null ? new HostDestination() : new FolderDestination();
			boolean zstd = plan.compress() && source.exec("command -v zstd").exit() == 0; //$NON-NLS-1$
			long total = plan.disks().stream().mapToLong(p -> disk(p).size()).sum();
			SubMonitor copying = progress.split(90);
			ProgressEstimate estimate = new ProgressEstimate();
			long started = System.currentTimeMillis();
			long[] done = { 0 };
			for (int i = 0; i < plan.disks().size(); i++) {
				SourceMachine.Disk d = disk(plan.disks().get(i));
				long base = done[0];
				String name = machine.hostname() + " " + d.name(); //$NON-NLS-1$
				java.util.function.LongConsumer reached = offset -> {
					done[0] = base + offset;
					estimate.report(new JobProgress(done[0], Math.max(0, total - done[0]), total, System.currentTimeMillis() - started),
							copying, name + ": "); //$NON-NLS-1$
				};
				// one stream for the whole disk, its zeros as holes
				try (VolumeWriter writer = destination.open(i, d, copying)) {
					copy(d, zstd, writer, reached, reader, copying);
				}
				done[0] = base + d.size();
			}
			estimate.done(copying);
			progress.subTask((folder == null ? "Defining " : "Describing ") + plan.name()); //$NON-NLS-1$ //$NON-NLS-2$
			boolean virtio = source.exec("m=/lib/modules/$(uname -r); grep -qsw virtio_blk $m/modules.builtin || ls $m/kernel/drivers/block/virtio_blk.ko* >/dev/null 2>&1") //$NON-NLS-1$
					.exit() == 0;
			List<String> nics = machine.nics().stream().map(n -> plan.networks().get(n.name())).filter(n -> n != null).toList();
			String description = (plan.description() == null || plan.description().isBlank() ? "" : plan.description() + "\n") //$NON-NLS-1$ //$NON-NLS-2$
					+ "Converted from " + machine.hostname() + " (" + machine.os() + ") by HostDeck P2V."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			String made = destination.complete(description, virtio, nics);
			List<String> notAdjusted = notAdjusted(virtio);
			double seconds = (System.nanoTime() - start) / 1e9;
			return Status.info(String.format(Locale.ROOT, "%s: %s, %s read %s in %.1f s; %s%s", label, made, //$NON-NLS-1$
					Sizes.format(total), zstd ? "compressed with zstd on the wire" : plan.compress() ? "uncompressed (the source has no zstd)" : "uncompressed", seconds, //$NON-NLS-1$ //$NON-NLS-2$
					virtio ? "virtio disks and NICs (the source's kernel has the drivers)" : "IDE disks and e1000 NICs (the source's kernel has no virtio block driver)", //$NON-NLS-1$ //$NON-NLS-2$
					notAdjusted.isEmpty() ? "." : "; not adjusted: " + String.join("; ", notAdjusted) + ".")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		} catch (OperationCanceledException e) {
			if (destination != null) {
				destination.remove();
			}
			throw e;
		} catch (P2vException | DriverException | IOException | RuntimeException e) {
			String left = destination == null ? "" : destination.remove(); //$NON-NLS-1$
			String nothing = folder == null ? "Nothing was left on the host" : "Nothing was left in " + folder; //$NON-NLS-1$ //$NON-NLS-2$
			return Status.error(label + ": " + e.getMessage() + (left.isEmpty() ? " " + nothing + "; the source was not changed." //$NON-NLS-1$ //$NON-NLS-2$
					: " " + left), e); //$NON-NLS-1$
		} finally {
			reader.shutdownNow();
		}
	}

	/**
	 * Streams disk {@code d} from the source into {@code writer}: the command's output goes through
	 * a pipe to a reader that decompresses it (when zstd is used) and cuts it into chunks; chunks of
	 * zeros become holes. {@code reached} hears how far the disk has been sent.
	 */
	private void copy(SourceMachine.Disk d, boolean zstd, VolumeWriter writer, java.util.function.LongConsumer reached, ExecutorService reader,
			IProgressMonitor monitor) throws P2vException, IOException {
		String quoted = "'" + d.path().replace("'", "'\\''") + "'"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String command = zstd ? "zstd -1 -q -c < " + quoted : "cat " + quoted; //$NON-NLS-1$ //$NON-NLS-2$
		PipedInputStream pipeIn = new PipedInputStream(1 << 20);
		PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
		// one thread reads (and decompresses) while the other uploads, so the network and the host
		// work at once: chunks travel between them through a few recycled buffers
		BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
		BlockingQueue<Piece> full = new ArrayBlockingQueue<>(BUFFERS + 1); // every buffer and the end mark
		for (int b = 0; b < BUFFERS; b++) {
			free.add(new byte[CHUNK]);
		}
		Future<Long> uploaded = reader.submit(() -> {
			long offset = 0;
			long hole = 0;
			Piece piece;
			for (piece = full.take(); piece.length() >= 0; piece = full.take()) {
				// zeros as holes a block at a time; the data between them in one write
				int data = -1;
				for (int at = 0; at < piece.length(); at += HOLE_BLOCK) {
					int n = Math.min(HOLE_BLOCK, piece.length() - at);
					if (!UploadRuns.zero(piece.data(), at, n)) {
						if (hole > 0) {
							writer.hole(hole);
							hole = 0;
						}
						data = data < 0 ? at : data;
						continue;
					}
					if (data >= 0) {
						writer.write(piece.data(), data, at - data);
						data = -1;
					}
					hole += n;
				}
				if (data >= 0) {
					writer.write(piece.data(), data, piece.length() - data);
				}
				offset += piece.length();
				reached.accept(offset);
				free.put(piece.data());
			}
			if (piece.length() == -2) {
				return offset; // the reading's error is the one to report
			}
			if (hole > 0) {
				writer.hole(hole);
			}
			writer.finish();
			return offset;
		});
		Future<Long> read = reader.submit(() -> {
			long offset = 0;
			boolean whole = false;
			try (InputStream in = zstd ? new ZstdInputStream(pipeIn) : pipeIn) {
				while (true) {
					byte[] chunk = null;
					while (chunk == null) {
						chunk = free.poll(200, TimeUnit.MILLISECONDS);
						if (chunk == null && uploaded.isDone()) {
							return offset; // the upload failed: its error is the one to report
						}
					}
					int n = in.readNBytes(chunk, 0, chunk.length);
					if (n <= 0) {
						break;
					}
					full.put(new Piece(chunk, n));
					offset += n;
				}
				whole = true;
			} finally {
				full.put(new Piece(null, whole ? -1 : -2));
			}
			return offset;
		});
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit;
		try {
			exit = source.stream(command, pipeOut, err, monitor::isCanceled);
		} finally {
			pipeOut.close();
		}
		// both threads end before this returns: the caller closes the writer, which must not happen
		// while the uploading thread still sends through it (libvirt then drops the connection)
		Ended readEnd = ended(read);
		Ended uploadEnd = ended(uploaded);
		if (monitor.isCanceled() || readEnd.failure() instanceof OperationCanceledException
				|| uploadEnd.failure() instanceof OperationCanceledException) {
			throw new OperationCanceledException();
		}
		Throwable failure = readEnd.failure() != null ? readEnd.failure() : uploadEnd.failure();
		if (failure != null) {
			Throwable driver = failure instanceof IOException && failure.getCause() instanceof DriverException ? failure.getCause() : failure;
			if (driver instanceof DriverException de) {
				throw new P2vException(de.getMessage());
			}
			throw new IOException("reading " + d.path() + " from " + machine.hostname() + " failed: " + failure.getMessage(), failure); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		long got = uploadEnd.bytes();
		if (exit != 0) {
			throw new P2vException("Cannot read " + d.path() + " on " + machine.hostname() + " (" + err.toString().trim() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "). Log in as root, or as a user who may read the disk."); //$NON-NLS-1$
		}
		if (got != d.size()) {
			throw new P2vException(d.path() + " on " + machine.hostname() + " gave " + got + " of its " + d.size() + " bytes."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
	}

	/** How a reading or uploading thread ended: the bytes it handled, or what it failed with. */
	private record Ended(long bytes, Throwable failure) {
	}

	/** Waits for {@code task} to end, through interrupts (those are kept for the caller). */
	private static Ended ended(Future<Long> task) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return new Ended(task.get().longValue(), null);
				} catch (InterruptedException e) {
					interrupted = true;
				} catch (ExecutionException e) {
					return new Ended(0, e.getCause());
				}
			}
		} finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** What the conversion did not change in the guest, for the user to check. */
	private List<String> notAdjusted(boolean virtio) throws P2vException {
		List<String> notes = new ArrayList<>();
		String fstab = source.exec("cat /etc/fstab").out(); //$NON-NLS-1$
		List<String> byName = Arrays.stream(fstab.split("\n")).map(String::trim) //$NON-NLS-1$
				.filter(l -> l.matches("^/dev/(sd|hd|vd|xvd|nvme)\\S*\\s.*")).map(l -> l.split("\\s+")[0]).toList(); //$NON-NLS-1$ //$NON-NLS-2$
		if (!byName.isEmpty()) {
			notes.add("/etc/fstab names " + String.join(", ", byName) + " by device, which becomes " + (virtio ? "/dev/vd*" : "/dev/sd*") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					+ " in the VM; file systems named by UUID or LABEL carry over unchanged"); //$NON-NLS-1$
		}
		if (machine.nics().stream().anyMatch(n -> !n.name().equals("lo") && !plan.networks().containsKey(n.name()))) { //$NON-NLS-1$
			notes.add("the NICs given no network were left out"); //$NON-NLS-1$
		}
		return notes;
	}

	/**
	 * The planning profile of a server as discovery measured it (shares of CPU, memory, a gigabit
	 * NIC and a 200 MB/s disk), or {@code null} when its load was not sampled. The placement engine
	 * rates hosts for the VM-to-be by it (the seed's processors x speed x utilization).
	 */
	public static WorkloadProfile workload(SourceMachine machine) {
		SourceMachine.Utilization u = machine.utilization();
		if (u == null) {
			return null;
		}
		WorkloadProfile w = InventoryFactory.eINSTANCE.createWorkloadProfile();
		w.setCpu(u.cpu());
		w.setMemory(machine.memory() == 0 ? 0 : (double) machine.memoryUsed() / machine.memory());
		w.setNetwork(Math.min(1, u.networkBps() * 8 / 1e9));
		w.setDisk(Math.min(1, u.diskBps() / 200e6));
		return w;
	}
}
