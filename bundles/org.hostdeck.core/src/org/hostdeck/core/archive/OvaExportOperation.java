package org.hostdeck.core.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.archive.ExportVmOperation.Checked;
import org.hostdeck.core.archive.ExportVmOperation.Source;
import org.hostdeck.core.archive.ova.Ovf;
import org.hostdeck.core.archive.ova.StreamVmdk;
import org.hostdeck.core.archive.ova.Tar;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.ProgressEstimate;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/**
 * Exports a shut-off VM as an OVA other tools import (VirtualBox, VMware, XenCenter, virt-v2v):
 * one tar file holding the OVF 1.0 descriptor, a manifest of SHA-256 checksums, and each disk as
 * a stream-optimized VMDK. Each volume streams out of libvirt into its VMDK as it arrives; a
 * qcow2 volume is first converted by its host into a temporary raw volume (the guest's view),
 * removed afterwards. The package is written as {@code NAME.ova.part} and renamed when whole, so
 * a cancelled or failed export never leaves an OVA that looks complete (nor temporary volumes).
 */
public class OvaExportOperation {

	private final InventoryService service;
	private final VirtualMachine vm;
	private final Path file;

	/** @param file the OVA to write ({@code .ova}); must not exist */
	public OvaExportOperation(InventoryService service, VirtualMachine vm, Path file) {
		this.service = service;
		this.vm = vm;
		this.file = file;
	}

	public String label() {
		return "Export " + service.query(i -> vm.getName()) + " as OVA to " + file; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the refusals, each naming what is wrong and what to do; empty when the export may start */
	public List<String> precheck() {
		return check().problems();
	}

	private Checked check() {
		Checked checked = ExportVmOperation.checkVm(service, vm);
		List<String> problems = new ArrayList<>(checked.problems());
		if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ova")) { //$NON-NLS-1$
			problems.add(file + " does not end in .ova. Name the package NAME.ova."); //$NON-NLS-1$
		}
		if (Files.exists(file)) {
			problems.add(file + " exists already. Choose another name or remove it first."); //$NON-NLS-1$
		}
		Path folder = file.toAbsolutePath().getParent();
		if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
			problems.add("The folder " + folder + " does not exist or cannot be written. Choose a folder you may write to."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new Checked(checked.facts(), checked.sources(), problems);
	}

	/** Makes the package's folder (and those above it) where missing, then runs {@link #execute}. */
	public IStatus executeMakingFolder(IProgressMonitor monitor) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		} catch (java.io.IOException e) {
			return Status.error(label() + ": " + e.getMessage(), e); //$NON-NLS-1$
		}
		return execute(monitor);
	}

	/**
	 * Runs the pre-checks, then the export.
	 *
	 * @return INFO with sizes and time; ERROR with the refusals or the reason (nothing is left behind)
	 * @throws OperationCanceledException when cancelled (nothing is left behind)
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		Checked checked = check();
		if (!checked.problems().isEmpty()) {
			return Status.error(label + ": " + String.join(" ", checked.problems())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ExportVmOperation.Facts f = checked.facts();
		String holder = service.claim(f.uuid(), label);
		if (holder != null) {
			return Status.error(label + ": the VM is busy: '" + holder + "' is running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		long start = System.nanoTime();
		String base = base(file);
		Path part = file.resolveSibling(file.getFileName() + ".part"); //$NON-NLS-1$
		List<Path> temporary = new ArrayList<>();
		List<String[]> hostTemporary = new ArrayList<>(); // pool, volume
		IHostConnection connection = null;
		boolean done = false;
		try {
			connection = service.session(vm).connection();
			List<Source> sources = checked.sources();
			long total = sources.stream().mapToLong(Source::capacity).sum();
			SubMonitor progress = SubMonitor.convert(monitor, label, 100);
			SubMonitor streaming = progress.split(85);
			ProgressEstimate estimate = new ProgressEstimate();
			long[] streamed = { 0 };
			long started = System.currentTimeMillis();
			List<Ovf.Disk> disks = new ArrayList<>();
			Map<String, Long> sizes = new LinkedHashMap<>();
			Map<String, String> sums = new LinkedHashMap<>();
			for (int i = 0; i < sources.size(); i++) {
				Source s = sources.get(i);
				String vmdkName = base + "-disk" + (i + 1) + ".vmdk"; //$NON-NLS-1$ //$NON-NLS-2$
				Path vmdk = file.resolveSibling("." + file.getFileName() + "." + vmdkName + ".part"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				temporary.add(vmdk);
				String volume = s.volume();
				if (!"raw".equals(s.format())) { //$NON-NLS-1$
					// the guest's view of a qcow2 image: the host converts it into a raw volume next to it
					streaming.subTask(f.name() + " " + s.target() + ": converting " + s.format() + " to raw on the host"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					volume = "hostdeck-ova-" + UUID.randomUUID().toString().substring(0, 8) + "-" + s.target() + ".raw"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					hostTemporary.add(new String[] { s.pool(), volume });
					connection.copyVolume(s.pool(), s.volume(), volume, "raw"); //$NON-NLS-1$
					if (streaming.isCanceled()) {
						throw new OperationCanceledException();
					}
				}
				MessageDigest digest = Manifest.Hashes.sha256();
				String name = f.name() + " " + s.target(); //$NON-NLS-1$
				long before = streamed[0];
				try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(vmdk), 1 << 20), digest);
						StreamVmdk.Writer writer = new StreamVmdk.Writer(out, s.capacity(), vmdkName, adapter(s.bus()))) {
					connection.download(s.pool(), volume, 0, new OutputStream() {
						@Override
						public void write(int b) throws IOException {
							write(new byte[] { (byte) b }, 0, 1);
						}

						@Override
						public void write(byte[] b, int off, int len) throws IOException {
							writer.write(b, off, len);
							long now = streamed[0] + len;
							if (now / (4 << 20) != streamed[0] / (4 << 20)) {
								estimate.report(new JobProgress(now, Math.max(0, total - now), total, System.currentTimeMillis() - started),
										streaming, name + ": "); //$NON-NLS-1$
							}
							streamed[0] = now;
						}
					}, Codec.cancelOnly(streaming));
				} catch (java.io.UncheckedIOException e) {
					throw e.getCause();
				}
				streamed[0] = before + s.capacity();
				sizes.put(vmdkName, Files.size(vmdk));
				sums.put(vmdkName, Manifest.Hashes.hex(digest.digest()));
				disks.add(new Ovf.Disk(vmdkName, s.capacity(), s.bus(), null));
				removeHostTemporary(connection, hostTemporary);
			}
			estimate.done(streaming);
			progress.subTask("Writing " + file.getFileName()); //$NON-NLS-1$
			List<Ovf.Nic> nics = f.nics().stream().map(n -> new Ovf.Nic(n.network(), n.model() == null ? "virtio" : n.model())).toList(); //$NON-NLS-1$
			String description = service.query(i -> vm.getDescription());
			Ovf.Vm described = new Ovf.Vm(f.name(), description, f.vcpus(), f.described().memory(), disks, nics, List.of());
			byte[] ovf = Ovf.write(described, sizes).getBytes(StandardCharsets.UTF_8);
			StringBuilder mf = new StringBuilder();
			mf.append("SHA256(").append(base).append(".ovf)= ").append(Manifest.Hashes.sha256(ovf)).append('\n'); //$NON-NLS-1$ //$NON-NLS-2$
			sums.forEach((n, sum) -> mf.append("SHA256(").append(n).append(")= ").append(sum).append('\n')); //$NON-NLS-1$ //$NON-NLS-2$
			byte[] manifest = mf.toString().getBytes(StandardCharsets.US_ASCII);
			long mtime = System.currentTimeMillis() / 1000;
			SubMonitor packing = progress.split(15);
			packing.setWorkRemaining(temporary.size() + 1);
			try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream out = Tar
					.writer(new BufferedOutputStream(Files.newOutputStream(part), 1 << 20))) {
				Tar.add(out, base + ".ovf", ovf.length, mtime, new java.io.ByteArrayInputStream(ovf)); //$NON-NLS-1$
				Tar.add(out, base + ".mf", manifest.length, mtime, new java.io.ByteArrayInputStream(manifest)); //$NON-NLS-1$
				for (int i = 0; i < temporary.size(); i++) {
					String n = disks.get(i).file();
					try (InputStream in = Files.newInputStream(temporary.get(i))) {
						Tar.add(out, n, sizes.get(n), mtime, in);
					}
					packing.split(1);
				}
				out.finish();
			}
			try (var channel = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
			done = true;
			double seconds = (System.nanoTime() - start) / 1e9;
			return Status.info(String.format(Locale.ROOT, "%s: %d disk(s) of %s, %s package, %.1f s", label, disks.size(), //$NON-NLS-1$
					Sizes.format(total), Sizes.format(Files.size(file)), seconds));
		} catch (DriverException e) {
			return Status.error(label + ": " + e.getMessage() + " Nothing was kept.", e); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			return Status.error(label + ": writing " + file + " failed: " + e.getMessage() + ". Nothing was kept: free space there and export again.", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} finally {
			for (Path t : temporary) {
				deleteQuietly(t);
			}
			if (!done) {
				deleteQuietly(part);
			}
			if (connection != null) {
				removeHostTemporary(connection, hostTemporary);
			}
			service.release(f.uuid(), label);
		}
	}

	/** The package's base name: {@code web.ova} gives {@code web}. */
	static String base(Path ova) {
		String n = ova.getFileName().toString();
		return n.toLowerCase(Locale.ROOT).endsWith(".ova") ? n.substring(0, n.length() - 4) : n; //$NON-NLS-1$
	}

	/** The controller a VMDK's descriptor names for a disk on {@code bus}. */
	private static String adapter(String bus) {
		return "ide".equals(bus) ? "ide" : "lsilogic"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private static void removeHostTemporary(IHostConnection connection, List<String[]> volumes) {
		for (String[] v : volumes) {
			try {
				connection.deleteVolume(v[0], v[1]);
			} catch (DriverException e) {
				// reported by its name staying in the pool; nothing else to do here
			}
		}
		volumes.clear();
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		} catch (IOException e) {
			// best effort after a failure
		}
	}
}
