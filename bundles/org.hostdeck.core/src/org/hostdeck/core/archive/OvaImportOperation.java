package org.hostdeck.core.archive;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.archive.ova.Ovf;
import org.hostdeck.core.archive.ova.StreamVmdk;
import org.hostdeck.core.archive.ova.Tar;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainSpec;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
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
 * Imports an OVA (from HostDeck, VirtualBox, VMware, XenCenter...) onto a host: the package is
 * read and its manifest's checksums (SHA-1, SHA-256 or SHA-512) checked before anything on the
 * host is touched; the descriptor gives the VM's name, vCPUs, memory, disks and NICs, and every
 * other device is reported as not mapped; each stream-optimized VMDK is decompressed into a new
 * raw volume (grains that are absent stay holes), then the VM is defined. A guest whose disks
 * were virtio in HostDeck gets virtio again; any other guest gets IDE disks and e1000 NICs, which
 * every guest can boot from. Any failure or cancel removes what was created.
 */
public class OvaImportOperation {

	/**
	 * @param pool     where the disks go
	 * @param name     the VM's name; {@code null} keeps the package's
	 * @param networks the package's network name to the host's
	 */
	public record Options(String pool, String name, Map<String, String> networks) {
		public Options {
			networks = Map.copyOf(networks);
		}
	}

	/** What an OVA holds, read without touching any host. */
	public record Package(Ovf.Vm vm, Map<String, Tar.Entry> entries) {
	}

	private static final int RUN = 8 << 20;

	private final InventoryService service;
	private final Path file;
	private final Host target;
	private final Options options;
	private volatile String uuid;

	public OvaImportOperation(InventoryService service, Path file, Host target, Options options) {
		this.service = service;
		this.file = file;
		this.target = target;
		this.options = options;
	}

	public String label() {
		return "Import " + file.getFileName() + " to " + service.query(i -> target.getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the imported VM's UUID once defined */
	public String uuid() {
		return uuid;
	}

	/**
	 * Reads the package's table of contents and its descriptor (not the disks' bytes).
	 *
	 * @throws ArchiveException naming the file and what is wrong
	 */
	/** A file name inside a package: no folder, no leading dot. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+ -]{0,254}"); //$NON-NLS-1$
	private static final int MAX_DISKS = 64;

	public static Package read(Path ova) throws ArchiveException {
		Map<String, Tar.Entry> entries = new LinkedHashMap<>();
		Tar.Listing listing;
		long length;
		try {
			length = Files.size(ova);
			listing = Tar.list(ova);
		} catch (java.io.EOFException e) {
			throw new ArchiveException(ova, "is cut short (" + e.getMessage() + "). Copy the whole file again."); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			throw new ArchiveException(ova, "is not an OVA (a tar file): " + e.getMessage()); //$NON-NLS-1$
		}
		for (Tar.Entry e : listing.files()) {
			if (e.size() < 0 || e.offset() < 0 || e.offset() + e.size() > length) {
				throw new ArchiveException(ova, "is cut short: " + e.name() + " should hold " + e.size() + " bytes from byte " + e.offset() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ", past the file's end. Copy the whole file again."); //$NON-NLS-1$
			}
			if (entries.put(e.name(), e) != null) {
				throw new ArchiveException(ova, "holds " + e.name() + " twice; which one is meant is unclear, so it is not imported."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		Tar.Entry descriptor = entries.values().stream().filter(x -> x.name().toLowerCase(Locale.ROOT).endsWith(".ovf")).findFirst() //$NON-NLS-1$
				.orElseThrow(() -> new ArchiveException(ova, "holds no .ovf descriptor, so it is not an OVA.")); //$NON-NLS-1$
		Ovf.Vm vm;
		try {
			vm = Ovf.read(new String(bytes(ova, descriptor), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new ArchiveException(ova, e.getMessage() + " (in " + descriptor.name() + ")."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (vm.disks().size() > MAX_DISKS || vm.nics().size() > MAX_DISKS || vm.vcpus() < 1 || vm.vcpus() > 4096 || vm.memory() <= 0
				|| vm.memory() > 64L << 40) {
			throw new ArchiveException(ova, "describes a VM of " + vm.disks().size() + " disks, " + vm.nics().size() + " NICs, " + vm.vcpus() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ " virtual CPUs and " + vm.memory() + " bytes of memory (in " + descriptor.name() + "): not a VM a host runs."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		for (Ovf.Disk d : vm.disks()) {
			if (!PLAIN.matcher(d.file()).matches()) {
				throw new ArchiveException(ova, "names the disk file '" + d.file() + "' (in " + descriptor.name() //$NON-NLS-1$ //$NON-NLS-2$
						+ "): an OVA's descriptor names files inside the package, by plain names."); //$NON-NLS-1$
			}
			if (d.capacity() <= 0 || d.capacity() > 1L << 50) {
				throw new ArchiveException(ova, "gives disk " + d.file() + " a capacity of " + d.capacity() + " bytes: not a disk."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (!entries.containsKey(d.file())) {
				throw new ArchiveException(ova, "lacks the disk file " + d.file() + " its descriptor names" //$NON-NLS-1$ //$NON-NLS-2$
						+ (listing.others().contains(d.file()) ? " as a regular file (it is a link, folder or sparse entry)." : ".")); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return new Package(vm, entries);
	}

	private static byte[] bytes(Path ova, Tar.Entry entry) throws IOException {
		try (InputStream in = open(ova, entry)) {
			return in.readAllBytes();
		}
	}

	/** An entry's bytes, and no more. */
	private static InputStream open(Path ova, Tar.Entry entry) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(ova), 1 << 20);
		in.skipNBytes(entry.offset());
		return new FilterInputStream(in) {
			private long left = entry.size();

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				if (left <= 0) {
					return -1;
				}
				int n = super.read(b, off, (int) Math.min(len, left));
				if (n > 0) {
					left -= n;
				}
				return n;
			}

			@Override
			public long skip(long n) throws IOException {
				long s = super.skip(Math.min(n, left));
				left -= s;
				return s;
			}
		};
	}

	/**
	 * Checks every file the package's manifest lists against its checksum.
	 *
	 * @throws ArchiveException naming the file whose checksum does not match
	 */
	static void verify(Path ova, Package p, IProgressMonitor monitor) throws ArchiveException, IOException {
		Tar.Entry mf = p.entries().values().stream().filter(x -> x.name().toLowerCase(Locale.ROOT).endsWith(".mf")).findFirst() //$NON-NLS-1$
				.orElse(null);
		if (mf == null) {
			return; // a manifest is optional in OVF; the VMDKs' own structure is checked as they are read
		}
		Pattern line = Pattern.compile("(SHA1|SHA256|SHA512)\\s*\\((.+)\\)\\s*=\\s*([0-9a-fA-F]+)"); //$NON-NLS-1$
		List<String[]> sums = new ArrayList<>();
		for (String l : new String(bytes(ova, mf), StandardCharsets.UTF_8).split("\r?\n")) { //$NON-NLS-1$
			Matcher m = line.matcher(l.trim());
			if (m.matches()) {
				sums.add(new String[] { m.group(1), m.group(2), m.group(3).toLowerCase(Locale.ROOT) });
			}
		}
		long total = sums.stream().mapToLong(s -> p.entries().containsKey(s[1]) ? p.entries().get(s[1]).size() : 0).sum();
		SubMonitor progress = SubMonitor.convert(monitor, "Checking " + ova.getFileName(), (int) Math.max(1, total >> 20)); //$NON-NLS-1$
		byte[] buffer = new byte[1 << 20];
		for (String[] s : sums) {
			Tar.Entry e = p.entries().get(s[1]);
			if (e == null) {
				throw new ArchiveException(ova, "lacks " + s[1] + ", which its manifest lists."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			MessageDigest digest;
			try {
				digest = MessageDigest.getInstance(s[0].replace("SHA", "SHA-")); //$NON-NLS-1$ //$NON-NLS-2$
			} catch (java.security.NoSuchAlgorithmException x) {
				throw new IllegalStateException(x);
			}
			try (InputStream in = open(ova, e)) {
				int n;
				while ((n = in.read(buffer)) > 0) {
					digest.update(buffer, 0, n);
					if (progress.isCanceled()) {
						throw new OperationCanceledException();
					}
				}
			}
			progress.worked((int) (e.size() >> 20));
			if (!HexFormat.of().formatHex(digest.digest()).equals(s[2])) {
				throw new ArchiveException(ova, "holds " + s[1] + " damaged: its " + s[0] + " checksum does not match the manifest's. Copy the package again."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
	}

	private String name(Ovf.Vm vm) {
		return options.name() == null || options.name().isBlank() ? vm.name() : options.name().trim();
	}

	private String volumeName(Ovf.Vm vm, int index) {
		return name(vm) + (index == 0 ? "" : "-" + (index + 1)) + ".img"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/**
	 * Checks the package's descriptor (not every byte: {@link #execute} does that before it creates
	 * anything) and the target: name, pool and its room, networks, memory. Talks to the host.
	 */
	public List<String> precheck() {
		List<String> problems = new ArrayList<>();
		Ovf.Vm vm;
		try {
			vm = read(file).vm();
		} catch (ArchiveException e) {
			problems.add(e.getMessage());
			return problems;
		}
		String host = service.query(i -> target.getName());
		HostSession session = service.session(target);
		if (session == null) {
			problems.add(host + " is not connected. Connect it first."); //$NON-NLS-1$
			return problems;
		}
		String name = name(vm);
		if (!org.hostdeck.core.operations.InstallVmOperation.validName(name)) {
			problems.add("Name: '" + name + "' is not a name a VM may have (letters, digits, '.', '-', '_'). Import it under another name."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		record Known(List<String> names, long memory) {
		}
		Known known = service.query(i -> new Known(target.getVms().stream().map(VirtualMachine::getName).toList(), target.getMemoryTotal()));
		if (known.names().contains(name)) {
			problems.add(host + " has a VM named '" + name + "' already. Import it under another name."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		TargetChecks.memory(host, name, vm.memory(), known.memory(), problems);
		try {
			List<String> volumes = new ArrayList<>();
			for (int d = 0; d < vm.disks().size(); d++) {
				volumes.add(volumeName(vm, d));
			}
			TargetChecks.check(session.connection(), host, name, options.pool(), volumes, false,
					vm.disks().stream().mapToLong(Ovf.Disk::capacity).sum(),
					vm.nics().stream().map(Ovf.Nic::network).distinct().map(n -> options.networks().getOrDefault(n, n)).toList(),
					"Import under another name", problems); //$NON-NLS-1$
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	/**
	 * Reads and checks the whole package, runs the pre-checks, then imports.
	 *
	 * @return INFO naming the VM and what was not mapped; ERROR naming the damaged file, or the
	 *         refusals, or the reason (then nothing is left on the host)
	 * @throws OperationCanceledException when cancelled, after removing what was created
	 */
	public IStatus execute(IProgressMonitor monitor) {
		String label = label();
		SubMonitor progress = SubMonitor.convert(monitor, label, 100);
		Package p;
		try {
			p = read(file);
			verify(file, p, progress.split(25));
		} catch (ArchiveException e) {
			return Status.error(label + ": " + e.getMessage() + " Nothing was changed on the host."); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			return Status.error(label + ": " + file + " cannot be read: " + e.getMessage() + ". Nothing was changed on the host.", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		Ovf.Vm vm = p.vm();
		List<String> problems = precheck();
		if (!problems.isEmpty()) {
			return Status.error(label + ": " + String.join(" ", problems)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		HostSession session = service.session(target);
		List<String> made = new ArrayList<>();
		String defined = null;
		IHostConnection connection = null;
		try {
			connection = session.connection();
			List<DomainSpec.Disk> disks = new ArrayList<>();
			long total = vm.disks().stream().mapToLong(Ovf.Disk::capacity).sum();
			SubMonitor uploading = progress.split(70);
			ProgressEstimate estimate = new ProgressEstimate();
			long started = System.currentTimeMillis();
			long[] done = { 0 };
			for (int d = 0; d < vm.disks().size(); d++) {
				Ovf.Disk disk = vm.disks().get(d);
				String volume = volumeName(vm, d);
				PoolInfo.VolumeInfo created = connection.createVolume(options.pool(), volume, disk.capacity(), "raw"); //$NON-NLS-1$
				made.add(volume);
				long base = done[0];
				UploadRuns run = UploadRuns.into(session.connection(), options.pool(), volume, RUN, uploading, offset -> {
					done[0] = base + offset;
					estimate.report(new JobProgress(done[0], Math.max(0, total - done[0]), total, System.currentTimeMillis() - started),
							uploading, name(vm) + " disk " + (disks.size() + 1) + ": "); //$NON-NLS-1$ //$NON-NLS-2$
				});
				long capacity;
				try (InputStream in = open(file, p.entries().get(disk.file()))) {
					capacity = StreamVmdk.read(in, run::add);
					run.flush();
				} catch (IOException e) {
					if (e.getCause() instanceof DriverException de) {
						throw de;
					}
					throw new IOException(disk.file() + " in " + file.getFileName() + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
				}
				if (capacity != disk.capacity()) {
					throw new IOException(disk.file() + " holds a disk of " + capacity + " bytes; the descriptor says " + disk.capacity()); //$NON-NLS-1$ //$NON-NLS-2$
				}
				done[0] = base + disk.capacity();
				disks.add(new DomainSpec.Disk(created.path(), "raw", false)); //$NON-NLS-1$
			}
			boolean virtio = !vm.disks().isEmpty() && vm.disks().stream().allMatch(d -> "virtio".equals(d.bus())); //$NON-NLS-1$
			List<DomainSpec.Nic> nics = vm.nics().stream()
					.map(n -> new DomainSpec.Nic(options.networks().getOrDefault(n.network(), n.network()), null)).toList();
			DomainSpec spec = new DomainSpec(null, name(vm), vm.description() == null ? "" : vm.description(), false, virtio, vm.vcpus(), //$NON-NLS-1$
					vm.memory(), 0, disks, nics, DomainSpec.Boot.DISK, null);
			DomainInfo info = connection.define(spec);
			defined = info.uuid();
			uuid = info.uuid();
			try {
				session.refreshVm(info.uuid());
			} catch (DriverException e) {
				// the host's event brings it in too
			}
			progress.setWorkRemaining(1).worked(1);
			StringBuilder message = new StringBuilder(label).append(": ").append(name(vm)).append(", ") //$NON-NLS-1$ //$NON-NLS-2$
					.append(vm.vcpus()).append(" vCPU(s), ").append(Sizes.format(vm.memory())).append(", ") //$NON-NLS-1$ //$NON-NLS-2$
					.append(vm.disks().size()).append(" disk(s) of ").append(Sizes.format(total)).append(" in pool '") //$NON-NLS-1$ //$NON-NLS-2$
					.append(options.pool()).append("', ").append(nics.size()).append(" NIC(s); ") //$NON-NLS-1$ //$NON-NLS-2$
					.append(virtio ? "virtio disks and NICs" : "IDE disks and e1000 NICs"); //$NON-NLS-1$ //$NON-NLS-2$
			List<String> notMapped = new ArrayList<>(vm.notMapped());
			vm.disks().stream().filter(d -> !virtio && !"ide".equals(d.bus())).forEach(d -> notMapped.add(d.bus() + " bus of " + d.file() + " (now IDE)")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			message.append(notMapped.isEmpty() ? "; everything mapped." : "; not mapped: " + String.join(", ", notMapped) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			return Status.info(message.toString());
		} catch (OperationCanceledException e) {
			Leftovers.remove(connection, options.pool(), defined, made);
			throw e;
		} catch (DriverException | IOException | RuntimeException e) {
			String left = Leftovers.remove(service, service.query(i -> target.getUri()), label, connection, options.pool(), defined, made);
			return Status.error(label + ": " + e.getMessage() + (left.isEmpty() ? " Nothing was left on the host." : " " + left), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

}
