package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.MigrationOptions;
import org.hostdeck.core.driver.MigrationOptions.Mode;
import org.hostdeck.core.driver.MigrationResult;
import org.hostdeck.core.driver.ProgressEstimate;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;
import org.w3c.dom.Element;

import com.sun.jna.Pointer;

/**
 * Moves a domain between two libvirt hosts. Live: virDomainMigrate3 on a worker thread, the
 * domain's description rewritten for the target (copied disks in the chosen pool, networks
 * renamed), progress from the job and abort on cancel. Offline: the disks streamed volume to
 * volume from host to host (nothing stored on the console), then the definition. Volumes made on
 * the target are deleted again when the move fails or is cancelled.
 */
final class Migration {

	// virDomainMigrateFlags
	private static final long LIVE = 1;
	private static final long PERSIST_DEST = 8;
	private static final long UNDEFINE_SOURCE = 16;
	private static final long NON_SHARED_DISK = 64;
	private static final long UNSAFE = 512;
	private static final long ABORT_ON_ERROR = 4096;
	private static final long AUTO_CONVERGE = 8192;
	private static final long POSTCOPY = 32768;

	// virDomainXMLFlags
	private static final int XML_SECURE = 1;
	private static final int XML_INACTIVE = 2;
	private static final int XML_MIGRATABLE = 8;

	/** virDomainGetJobStatsFlags: the statistics of the job that just completed. */
	private static final int JOB_STATS_COMPLETED = 1;

	private final Domain domain;
	private final String name;
	private final Connect source;
	private final Connect target;
	private final String targetUri;
	private final MigrationOptions options;
	/** Disk target (vda) to the volume made for it on the target host. */
	private final Map<String, StorageVol> created = new LinkedHashMap<>();
	/** Disk target to the pool and name of the volume made for it (known even when the target is gone). */
	private final Map<String, DriverException.Volume> createdNames = new LinkedHashMap<>();

	private Migration(Domain domain, String name, Connect source, Connect target, String targetUri, MigrationOptions options) {
		this.domain = domain;
		this.name = name;
		this.source = source;
		this.target = target;
		this.targetUri = targetUri;
		this.options = options;
	}

	/**
	 * @param leftBehind gets the volumes made on the target that a failed move could not remove
	 *                   again (the target gone)
	 */
	static MigrationResult run(Domain domain, String name, Connect source, Connect target, String targetUri,
			MigrationOptions options, IProgressMonitor monitor, List<DriverException.Volume> leftBehind) throws DriverException, LibvirtException {
		Migration migration = new Migration(domain, name, source, target, targetUri, options);
		boolean done = false;
		try {
			MigrationResult result = options.mode() == Mode.OFFLINE ? migration.offline(monitor) : migration.live(monitor);
			done = true;
			return result;
		} finally {
			leftBehind.addAll(migration.releaseCreated(!done));
		}
	}

	private MigrationResult live(IProgressMonitor monitor) throws DriverException, LibvirtException {
		SubMonitor progress = SubMonitor.convert(monitor, "Migrating " + name, 100); //$NON-NLS-1$
		long started = System.nanoTime();
		if (domain.isActive() != 1) {
			throw new DriverException(DriverException.Reason.INVALID_STATE,
					name + " is not running: a live migration needs a running VM. Move it offline instead."); //$NON-NLS-1$
		}
		long flags = LIVE | PERSIST_DEST | ABORT_ON_ERROR;
		if (!options.keepSource()) {
			flags |= UNDEFINE_SOURCE;
		}
		if (options.mode() == Mode.LIVE_COPY_STORAGE) {
			flags |= NON_SHARED_DISK;
		} else {
			// the caller checked that the target sees every disk at its path; libvirt cannot prove that for local paths
			flags |= UNSAFE;
		}
		if (options.autoConverge()) {
			flags |= AUTO_CONVERGE;
		}
		if (options.postCopy()) {
			flags |= POSTCOPY;
		}
		String liveXml = rewrite(domain.getXMLDesc(XML_SECURE | XML_MIGRATABLE));
		String persistentXml = rewrite(domain.getXMLDesc(XML_SECURE | XML_MIGRATABLE | XML_INACTIVE));
		List<TypedParameter> params = new ArrayList<>();
		params.add(new TypedStringParameter("destination_xml", liveXml)); //$NON-NLS-1$
		params.add(new TypedStringParameter("persistent_xml", persistentXml)); //$NON-NLS-1$
		if (options.listenAddress() != null) {
			params.add(new TypedStringParameter("listen_address", options.listenAddress())); //$NON-NLS-1$
			params.add(new TypedStringParameter("migrate_uri", "tcp://" + options.listenAddress())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (options.bandwidthMiBs() > 0) {
			params.add(new TypedUlongParameter("bandwidth", options.bandwidthMiBs())); //$NON-NLS-1$
		}
		if (options.maxDowntimeMs() > 0) {
			domain.migrateSetMaxDowntime(options.maxDowntimeMs());
		}
		String uuid = domain.getUUIDString();
		long migrateFlags = flags;
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
			try {
				Domain moved = domain.migrate(target, params.toArray(new TypedParameter[0]), migrateFlags);
				if (moved != null) {
					moved.free();
				}
			} catch (LibvirtException e) {
				throw new CompletionException(e);
			}
		});
		ProgressEstimate estimate = new ProgressEstimate();
		JobProgress last = null;
		boolean postCopyStarted = false;
		while (true) {
			try {
				done.get(200, TimeUnit.MILLISECONDS);
				estimate.done(progress);
				return liveResult(uuid, last, started);
			} catch (TimeoutException e) {
				if (progress.isCanceled()) {
					abort(done);
					throw new OperationCanceledException();
				}
				JobProgress job = progress(domain);
				if (job != null) {
					last = job;
					estimate.report(job, progress, ""); //$NON-NLS-1$
					if (options.postCopy() && !postCopyStarted && memoryIteration(domain) >= 3) {
						postCopyStarted = startPostCopy();
					}
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				abort(done);
				throw new OperationCanceledException();
			} catch (ExecutionException e) {
				if (e.getCause() instanceof LibvirtException le) {
					throw le;
				}
				throw new DriverException(DriverException.Reason.OTHER, String.valueOf(e.getCause().getMessage()), e.getCause());
			}
		}
	}

	/** The figures of the finished job as the target recorded them, else the last reading of the source. */
	private MigrationResult liveResult(String uuid, JobProgress last, long started) {
		long duration = (System.nanoTime() - started) / 1_000_000;
		long downtime = -1;
		long memory = last == null ? 0 : last.processed();
		long disk = 0;
		try {
			Domain moved = target.domainLookupByUUIDString(uuid);
			try {
				DomainJobStats stats = moved.getJobStats(JOB_STATS_COMPLETED);
				if (stats != null && stats.stats != null) {
					Map<String, Long> values = new LinkedHashMap<>();
					for (TypedParameter p : stats.stats) {
						try {
							values.put(p.field, Long.parseLong(p.getValueAsString()));
						} catch (NumberFormatException e) {
							// not a number: not one we read
						}
					}
					downtime = values.getOrDefault("downtime", -1L); //$NON-NLS-1$
					memory = values.getOrDefault("memory_processed", memory); //$NON-NLS-1$
					disk = values.getOrDefault("disk_processed", disk); //$NON-NLS-1$
				}
			} finally {
				moved.free();
			}
		} catch (LibvirtException e) {
			// statistics are a courtesy of the hypervisor; the move itself succeeded
		}
		return new MigrationResult(duration, downtime, memory, disk);
	}

	private boolean startPostCopy() {
		try {
			return LibvirtCalls.get().virDomainMigrateStartPostCopy(LibvirtCalls.pointer(domain, "vdp"), 0) == 0; //$NON-NLS-1$
		} catch (ReflectiveOperationException | RuntimeException e) {
			return false;
		}
	}

	private static long memoryIteration(Domain domain) {
		try {
			DomainJobStats stats = domain.getJobStats(0);
			for (TypedParameter p : stats.stats) {
				if ("memory_iteration".equals(p.field)) { //$NON-NLS-1$
					return Long.parseLong(p.getValueAsString());
				}
			}
		} catch (LibvirtException | RuntimeException e) {
			// no figure: no switch
		}
		return 0;
	}

	private MigrationResult offline(IProgressMonitor monitor) throws DriverException, LibvirtException {
		long started = System.nanoTime();
		if (domain.isActive() == 1) {
			throw new DriverException(DriverException.Reason.INVALID_STATE,
					name + " is running: an offline move needs a shut-off VM. Shut it down or migrate it live."); //$NON-NLS-1$
		}
		String xml = domain.getXMLDesc(XML_SECURE | XML_MIGRATABLE | XML_INACTIVE);
		List<DiskSource> disks = disks(xml);
		long sum = 0;
		for (DiskSource disk : disks) {
			sum += disk.sourceVolume().getInfo().allocation;
		}
		long total = sum;
		SubMonitor progress = SubMonitor.convert(monitor, "Moving " + name, 100); //$NON-NLS-1$
		String definition = rewrite(xml); // makes the target volumes
		ProgressEstimate estimate = new ProgressEstimate();
		long copied = 0;
		for (DiskSource disk : disks) {
			StorageVol to = created.get(disk.target());
			long before = copied;
			copied += StorageStreams.pipe(source, disk.sourceVolume(), target, to, "disk " + disk.target() + " of " + name, //$NON-NLS-1$ //$NON-NLS-2$
					sent -> estimate.report(new JobProgress(before + sent, Math.max(0, total - before - sent), total,
							(System.nanoTime() - started) / 1_000_000), progress, disk.target() + ": "), //$NON-NLS-1$
					progress::isCanceled);
		}
		Domain defined = target.domainDefineXML(definition);
		defined.free();
		releaseCreated(false); // the target's domain owns them now
		estimate.done(progress);
		if (!options.keepSource()) {
			try {
				removeSource(disks);
			} catch (LibvirtException e) {
				throw new DriverException(DriverException.Reason.OTHER, name + " is now defined on " + targetUri //$NON-NLS-1$
						+ ", but its definition or disks could not be removed here: " + e.getMessage() //$NON-NLS-1$
						+ ". Delete them by hand once you have checked the copy.", e); //$NON-NLS-1$
			}
		}
		return new MigrationResult((System.nanoTime() - started) / 1_000_000, 0, 0, copied);
	}

	/** The domain is defined on the target: drop its definition and the copied disks here. */
	private void removeSource(List<DiskSource> disks) throws LibvirtException {
		domain.undefine(1 | 2 | 4);
		for (DiskSource disk : disks) {
			disk.sourceVolume().delete(0);
		}
	}

	/** A disk of the domain and the source volume behind it. */
	private record DiskSource(String target, StorageVol sourceVolume) {
	}

	private List<DiskSource> disks(String xml) throws DriverException, LibvirtException {
		List<DiskSource> result = new ArrayList<>();
		for (Element disk : copiedDisks(parse(xml))) {
			result.add(new DiskSource(dev(disk), sourceVolume(disk, "it cannot be streamed"))); //$NON-NLS-1$
		}
		return result;
	}

	private static String dev(Element disk) {
		return DomainXml.child(disk, "target").getAttribute("dev"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The source host's volume behind {@code disk}; a disk outside every pool is refused, saying {@code why} that matters. */
	private StorageVol sourceVolume(Element disk, String why) throws DriverException {
		String path = sourcePath(disk);
		try {
			return source.storageVolLookupByPath(path);
		} catch (LibvirtException e) {
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED, "Disk " + dev(disk) + " of " + name + " (" + path //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ ") is in no storage pool of its host, so " + why + ". Define a pool for its folder.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/**
	 * The description for the target: networks renamed, and in the copying modes each disk pointed
	 * at a new volume (same name, size and format) made in the target pool.
	 */
	private String rewrite(String xml) throws DriverException, LibvirtException {
		Element root = parse(xml);
		for (Element nic : DomainXml.children(DomainXml.child(root, "devices"), "interface")) { //$NON-NLS-1$ //$NON-NLS-2$
			Element src = DomainXml.child(nic, "source"); //$NON-NLS-1$
			if ("network".equals(nic.getAttribute("type")) && src != null) { //$NON-NLS-1$ //$NON-NLS-2$
				src.setAttribute("network", options.mapNetwork(src.getAttribute("network"))); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		if (options.copiesDisks()) {
			for (Element disk : copiedDisks(root)) {
				StorageVol vol = created.get(dev(disk));
				if (vol == null) {
					vol = createTargetVolume(disk);
					created.put(dev(disk), vol);
					createdNames.put(dev(disk), new DriverException.Volume(options.targetPool(), vol.getName()));
				}
				boolean block = vol.getInfo().type == org.libvirt.StorageVolInfo.VirStorageVolType.VIR_STORAGE_VOL_BLOCK;
				disk.setAttribute("type", block ? "block" : "file"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				Element src = DomainXml.child(disk, "source"); //$NON-NLS-1$
				for (String attribute : new String[] { "pool", "volume", "dev", "file", "mode" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					src.removeAttribute(attribute);
				}
				src.setAttribute(block ? "dev" : "file", vol.getPath()); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		try {
			return XmlDocs.toXml(root);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, e.getMessage(), e);
		}
	}

	private StorageVol createTargetVolume(Element disk) throws DriverException, LibvirtException {
		StorageVol original = sourceVolume(disk, "HostDeck cannot size its copy"); //$NON-NLS-1$
		long capacity = original.getInfo().capacity;
		String volumeName = original.getName();
		original.free();
		Element driver = DomainXml.child(disk, "driver"); //$NON-NLS-1$
		String format = driver == null || driver.getAttribute("type").isEmpty() ? "raw" : driver.getAttribute("type"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		StoragePool pool;
		try {
			pool = target.storagePoolLookupByName(options.targetPool());
		} catch (LibvirtException e) {
			throw new DriverException(DriverException.Reason.NOT_FOUND,
					targetUri + " has no storage pool '" + options.targetPool() + "' for the disks of " + name + ".", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		try {
			return pool.storageVolCreateXML(VolumeXml.of(volumeName, capacity, Long.valueOf(0), format), 0);
		} finally {
			pool.free();
		}
	}

	/** The file-backed disks (not CD-ROMs, not read-only) whose data moves with the domain. */
	private static List<Element> copiedDisks(Element root) {
		List<Element> result = new ArrayList<>();
		for (Element disk : DomainXml.children(DomainXml.child(root, "devices"), "disk")) { //$NON-NLS-1$ //$NON-NLS-2$
			if (!"disk".equals(disk.getAttribute("device")) || DomainXml.child(disk, "readonly") != null //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					|| sourcePath(disk) == null) {
				continue;
			}
			result.add(disk);
		}
		return result;
	}

	private static String sourcePath(Element disk) {
		Element src = DomainXml.child(disk, "source"); //$NON-NLS-1$
		if (src == null) {
			return null;
		}
		String path = src.getAttribute("file").isEmpty() ? src.getAttribute("dev") : src.getAttribute("file"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return path.isEmpty() ? null : path;
	}

	private Element parse(String xml) throws DriverException {
		try {
			return XmlDocs.parse(xml);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, "Cannot read the description of " + name + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/**
	 * Lets go of the volumes this move made on the target, deleting them after a failure or cancel.
	 *
	 * @return the volumes that should have been deleted and could not be (the target gone)
	 */
	private List<DriverException.Volume> releaseCreated(boolean delete) {
		List<DriverException.Volume> left = new ArrayList<>();
		for (Map.Entry<String, StorageVol> made : created.entrySet()) {
			StorageVol vol = made.getValue();
			try {
				if (delete) {
					vol.delete(0);
				}
			} catch (LibvirtException gone) {
				left.add(createdNames.get(made.getKey())); // the target may be gone: it is told to the caller, who keeps a record
			}
			try {
				vol.free();
			} catch (LibvirtException e) {
				// freed
			}
		}
		created.clear();
		createdNames.clear();
		return left;
	}

	static JobProgress progress(Domain domain) {
		try {
			org.libvirt.DomainJobInfo info = domain.getJobInfo();
			if (info == null || info.getType() == 0) {
				return null;
			}
			return new JobProgress(info.getDataProcessed(), info.getDataRemaining(), info.getDataTotal(), info.getTimeElapsed());
		} catch (LibvirtException e) {
			return null;
		}
	}

	/**
	 * Asks the target hypervisor about the domain's CPU.
	 *
	 * @return null when it can run it, else why not
	 */
	static String cpuIncompatibility(Domain domain, Connect source, Connect target) throws LibvirtException, DriverException {
		Element root;
		try {
			root = XmlDocs.parse(domain.getXMLDesc(0));
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, e.getMessage(), e);
		}
		Element cpu = DomainXml.child(root, "cpu"); //$NON-NLS-1$
		if (cpu == null) {
			return null; // the hypervisor's default model, which every host of this hypervisor offers
		}
		String cpuXml;
		try {
			if ("host-passthrough".equals(cpu.getAttribute("mode"))) { //$NON-NLS-1$ //$NON-NLS-2$
				// the guest sees the source's own processor: the target must offer that one
				Element hostCpu = DomainXml.child(DomainXml.child(XmlDocs.parse(source.getCapabilities()), "host"), "cpu"); //$NON-NLS-1$ //$NON-NLS-2$
				cpuXml = XmlDocs.toXml(hostCpu);
			} else if (DomainXml.child(cpu, "model") == null) { //$NON-NLS-1$
				return null;
			} else {
				cpuXml = XmlDocs.toXml(cpu);
			}
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, e.getMessage(), e);
		}
		Element os = DomainXml.child(DomainXml.child(root, "os"), "type"); //$NON-NLS-1$ //$NON-NLS-2$
		String arch = os == null || os.getAttribute("arch").isEmpty() ? null : os.getAttribute("arch"); //$NON-NLS-1$ //$NON-NLS-2$
		String machine = os == null || os.getAttribute("machine").isEmpty() ? null : os.getAttribute("machine"); //$NON-NLS-1$ //$NON-NLS-2$
		LibvirtCalls libvirt = LibvirtCalls.get();
		Pointer conn;
		try {
			conn = LibvirtCalls.pointer(target, "vcp"); //$NON-NLS-1$
		} catch (ReflectiveOperationException e) {
			return null; // cannot ask: the migration itself will tell
		}
		int result = libvirt.virConnectCompareHypervisorCPU(conn, null, arch, machine, root.getAttribute("type"), cpuXml, //$NON-NLS-1$
				1 /* VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE */);
		if (result > 0) {
			return null;
		}
		if (result == 0) {
			return "its CPU is incompatible with the target's"; //$NON-NLS-1$
		}
		int code = libvirt.virGetLastErrorCode();
		if (code == 91 /* VIR_ERR_CPU_INCOMPATIBLE */) {
			return libvirt.virGetLastErrorMessage();
		}
		return null; // the target cannot compare (e.g. a driver without CPU models): no verdict
	}

	private void abort(CompletableFuture<Void> done) {
		try {
			domain.abortJob();
		} catch (LibvirtException e) {
			// it may have finished meanwhile
		}
		try {
			done.get(60, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException | TimeoutException e) {
			// aborted: the failure is the expected outcome
		}
	}
}
