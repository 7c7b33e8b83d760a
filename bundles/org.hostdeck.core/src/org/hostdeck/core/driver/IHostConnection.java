package org.hostdeck.core.driver;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * An open connection to one host. Implementations are safe to call from several threads.
 * Every call may throw {@link DriverException} when the host refuses or the connection is gone.
 */
public interface IHostConnection extends AutoCloseable {

	String uri();

	/** @return whether the connection still works (cheap; no round trip when the driver knows) */
	boolean isAlive();

	NodeInfo nodeInfo() throws DriverException;

	/** @return every domain defined on the host, running or not */
	List<DomainInfo> domains() throws DriverException;

	/** @return the domain with {@code uuid}, or {@code null} when the host has none */
	DomainInfo domain(String uuid) throws DriverException;

	List<PoolInfo> pools() throws DriverException;

	List<NetworkInfo> networks() throws DriverException;

	/** Defines (or redefines) a persistent domain from the driver's native description. */
	DomainInfo define(String xml) throws DriverException;

	/** The domain's persistent definition in the driver's native form, without secrets (no console passwords). */
	String definition(String uuid) throws DriverException;

	/**
	 * Defines a domain from a {@link #definition} exported from this or another host, rewritten
	 * as {@code rewrite} says (name, identity, disk paths, networks).
	 */
	DomainInfo defineImported(String definition, ImportRewrite rewrite) throws DriverException;

	/**
	 * What {@link #defineImported} leaves out of {@code definition} under a confined
	 * {@code rewrite} (whatever reaches outside the VM: hypervisor pass-through, host devices and
	 * files, disks that are not the import's own volumes), each named for the user. Does not
	 * touch the host.
	 *
	 * @throws DriverException when the definition cannot be imported at all (not valid, not a VM)
	 */
	List<String> leftOutOfImport(String definition, ImportRewrite rewrite) throws DriverException;

	/**
	 * Defines (or redefines, same name) a persistent domain from a hypervisor-neutral description,
	 * written the way this host's hypervisor wants it: KVM where the host has it, else QEMU's
	 * emulation; a Xen host gets a paravirtualized guest when {@link DomainSpec#paravirtGuest()}
	 * asks for one, other hosts an HVM guest with virtio (their paravirtual path).
	 */
	DomainInfo define(DomainSpec spec) throws DriverException;

	/**
	 * Changes a domain's resources in its persistent definition, and in the running domain where
	 * the hypervisor can (memory by ballooning). Values out of range are refused with a message
	 * that names the limit.
	 *
	 * @return {@code true} when everything took effect now, {@code false} when some of it waits for
	 *         the next boot
	 */
	boolean configure(String uuid, VmConfig config) throws DriverException;

	/**
	 * Gives a shut-off domain a new name; UUID, disks and settings stay.
	 *
	 * @throws DriverException INVALID_STATE when the domain runs, OTHER when the host has a
	 *                         domain of that name
	 */
	void renameDomain(String uuid, String newName) throws DriverException;

	/** Changes a domain's power state; see {@link PowerAction} for what each action means. */
	void power(String uuid, PowerAction action) throws DriverException;

	/**
	 * Removes a domain's definition (it must be shut off), and with {@code withStorage} the
	 * volumes of its disks.
	 */
	void undefine(String uuid, boolean withStorage) throws DriverException;

	/**
	 * Creates an empty volume in {@code pool}.
	 *
	 * @param format {@code qcow2} or {@code raw}
	 */
	PoolInfo.VolumeInfo createVolume(String pool, String name, long capacity, String format) throws DriverException;

	/**
	 * Like {@link #createVolume}, but taking no room up front: the volume grows as data is written,
	 * so the holes of a {@link #openVolumeWriter sparse stream} stay unallocated. A driver that
	 * cannot gets this default: an ordinary volume.
	 */
	default PoolInfo.VolumeInfo createSparseVolume(String pool, String name, long capacity, String format) throws DriverException {
		return createVolume(pool, name, capacity, format);
	}

	/**
	 * Copies volume {@code source} of {@code pool} into a new volume {@code name} there, in
	 * {@code format} (the host converts: a qcow2 image becomes the raw disk its guest sees). The
	 * copy is as large as the source's capacity; holes stay holes where the host can.
	 */
	PoolInfo.VolumeInfo copyVolume(String pool, String source, String name, String format) throws DriverException;

	/**
	 * Copies volume {@code source} of {@code sourcePool} byte for byte (any format) into a new
	 * volume {@code name} of {@code pool} on this host, of the same size and format, streamed with
	 * progress and cancel. On failure or cancel the new volume is deleted again.
	 */
	PoolInfo.VolumeInfo cloneVolume(String sourcePool, String source, String pool, String name, IProgressMonitor monitor)
			throws DriverException;

	/**
	 * Creates a qcow2 volume {@code name} in {@code pool} that is an overlay of the image at
	 * {@code backingPath} (format {@code backingFormat}): it reads through to the image and keeps
	 * its own writes, so the image must not change while the overlay lives (a linked clone).
	 */
	PoolInfo.VolumeInfo createOverlay(String pool, String name, String backingPath, String backingFormat, long capacity)
			throws DriverException;

	/**
	 * Mounts the NFS export {@code server:dir} on the host as a transient storage pool
	 * {@code name} (a libvirt {@code netfs} pool under the host's temp folder), so the host reads
	 * files from the share directly; {@link #unmountShare} ends it.
	 *
	 * @return the pool, its volumes being the files in {@code dir}
	 */
	PoolInfo mountShare(String name, String server, String dir) throws DriverException;

	/** Unmounts a share mounted by {@link #mountShare}; nothing happens when it is not mounted. */
	void unmountShare(String name) throws DriverException;

	/** Deletes a volume and its data. */
	void deleteVolume(String pool, String name) throws DriverException;

	/**
	 * Streams {@code length} bytes from {@code data} into an existing volume. Cancelling the monitor
	 * aborts the stream (the volume then holds partial data: callers delete or overwrite it).
	 */
	default void upload(String pool, String volume, InputStream data, long length, IProgressMonitor monitor)
			throws DriverException {
		upload(pool, volume, 0, data, length, monitor);
	}

	/** Like {@link #upload(String, String, InputStream, long, IProgressMonitor)}, into the volume from byte {@code offset} on. */
	void upload(String pool, String volume, long offset, InputStream data, long length, IProgressMonitor monitor)
			throws DriverException;

	/**
	 * One stream of {@code length} bytes into an existing volume, in order, zeros sent as holes
	 * (one upload for a whole disk). A driver without such streams gets this default: each write
	 * an {@link #upload} at its offset, holes skipped. Cancelling the monitor stops the next write.
	 */
	default VolumeWriter openVolumeWriter(String pool, String volume, long length, IProgressMonitor monitor) throws DriverException {
		IProgressMonitor cancelOnly = new org.eclipse.core.runtime.NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return monitor != null && monitor.isCanceled();
			}
		};
		return new VolumeWriter() {
			private long offset;

			@Override
			public void write(byte[] data, int from, int count) throws DriverException {
				upload(pool, volume, offset, new java.io.ByteArrayInputStream(data, from, count), count, cancelOnly);
				offset += count;
			}

			@Override
			public void hole(long count) {
				offset += count; // a new volume reads zeros there
			}

			@Override
			public void finish() {
				// every write was a whole upload
			}

			@Override
			public void close() {
				// nothing held between writes
			}
		};
	}

	/**
	 * Streams a volume's content into {@code out}; returns the bytes written. Cancelling the
	 * monitor aborts the stream.
	 */
	default long download(String pool, String volume, OutputStream out, IProgressMonitor monitor) throws DriverException {
		return download(pool, volume, 0, out, monitor);
	}

	/** Like {@link #download(String, String, OutputStream, IProgressMonitor)}, from byte {@code offset} of the volume on. */
	default long download(String pool, String volume, long offset, OutputStream out, IProgressMonitor monitor) throws DriverException {
		return download(pool, volume, offset, 0, out, monitor);
	}

	/** {@code length} bytes of the volume from byte {@code offset} on (0: to its end) into {@code out}; returns the bytes written. */
	long download(String pool, String volume, long offset, long length, OutputStream out, IProgressMonitor monitor) throws DriverException;

	/**
	 * Moves a domain to the host of {@code target} as {@code options} say: live (memory only, or
	 * with its disks copied into {@link MigrationOptions#targetPool}) or, shut off, its definition
	 * and disks streamed over. Networks are renamed by {@link MigrationOptions#networkMap}. Blocks
	 * until done; cancelling the monitor aborts the move and leaves the domain on this host, with
	 * nothing left behind on the target.
	 */
	MigrationResult migrate(String uuid, IHostConnection target, MigrationOptions options, IProgressMonitor monitor)
			throws DriverException;

	/**
	 * Asks {@code target}'s hypervisor whether it can give the domain the CPU it is defined with.
	 *
	 * @return {@code null} when it can (or the domain asks for no particular CPU), else the
	 *         hypervisor's reason, e.g. the features it lacks
	 */
	String cpuIncompatibility(String uuid, IHostConnection target) throws DriverException;

	/** @return the name of the pool holding the volume at {@code path} (re-read like {@link #volumeAt}), or {@code null} */
	String poolOf(String path) throws DriverException;

	/** @return the volume stored at {@code path} as this host sees it, or {@code null} when it knows none there */
	PoolInfo.VolumeInfo volumeAt(String path) throws DriverException;

	/**
	 * Attaches an existing volume to a VM as a new disk at the next free target of {@code bus}
	 * ({@code virtio}, {@code scsi}, {@code sata}, {@code ide}, {@code xen}): written into the
	 * definition and, when the VM runs, hot-plugged where the hypervisor can.
	 */
	DeviceChange attachDisk(String uuid, String pool, String volume, String bus) throws DriverException;

	/**
	 * Moves a shut-off VM's emulated disks and NICs (IDE/SATA/SCSI, e1000/rtl8139) to paravirtual
	 * ones (virtio; Xen's own on Xen), once the guest has its drivers. CD-ROMs stay.
	 *
	 * @return what changed, one line per device; empty when nothing was emulated
	 * @throws DriverException INVALID_STATE when the VM runs
	 */
	List<String> switchToParavirtual(String uuid) throws DriverException;

	/** Removes the disk at {@code target} from the definition and, when the VM runs, unplugs it; the volume stays. */
	DeviceChange detachDisk(String uuid, String target) throws DriverException;

	/** Grows the disk at {@code target} to {@code capacity} bytes: live when the VM runs, else its volume. */
	void resizeDisk(String uuid, String target, long capacity) throws DriverException;

	/** Adds a NIC on {@code network} with {@code model} (e.g. {@code virtio}); the hypervisor picks the MAC. */
	DeviceChange attachNic(String uuid, String network, String model) throws DriverException;

	/** Removes the NIC with {@code mac}. */
	DeviceChange detachNic(String uuid, String mac) throws DriverException;

	/** The snapshots of domain {@code uuid}, parents before children. */
	java.util.List<SnapshotInfo> snapshots(String uuid) throws DriverException;

	/**
	 * Takes snapshot {@code name} of domain {@code uuid}: of a shut-off domain its disks, of a
	 * running one its disks and memory, or with {@code diskOnly} its disks alone (as overlay files).
	 *
	 * @throws DriverException naming why the host cannot (raw disks, UEFI firmware, ...)
	 */
	SnapshotInfo createSnapshot(String uuid, String name, String description, boolean diskOnly) throws DriverException;

	/** Puts domain {@code uuid} back to snapshot {@code name}: its disks, and its memory and state when it holds them. */
	void revertToSnapshot(String uuid, String name) throws DriverException;

	/** Deletes snapshot {@code name}; its children then hang off its parent. */
	void deleteSnapshot(String uuid, String name) throws DriverException;

	/** The consoles and CD/DVD media of this host's VMs; a driver without them refuses each call as not supported. */
	default IVmConsoles consoles() {
		return IVmConsoles.unsupported(uri());
	}

	/** @return the domain's counters now (CPU time, memory, disk and network bytes) */
	DomainStats stats(String uuid) throws DriverException;

	/** @return the progress of the domain's running job (migration, save, ...), or {@code null} */
	JobProgress jobProgress(String uuid) throws DriverException;

	/**
	 * Registers a listener for domain and connection events. Events arrive on a driver thread;
	 * listeners must return quickly.
	 */
	void addListener(IHostListener listener);

	void removeListener(IHostListener listener);

	/** Closes the connection; never throws. */
	@Override
	void close();
}
