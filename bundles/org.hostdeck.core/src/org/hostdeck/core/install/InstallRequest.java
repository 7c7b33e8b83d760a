package org.hostdeck.core.install;

import java.util.ArrayList;
import java.util.List;

import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.GuestType;
import org.hostdeck.model.InstallMethod;
import org.hostdeck.model.Template;

/**
 * What the Install wizard (or the command line) asks for: a new VM's settings, where its OS
 * comes from and where it goes. Starts from a {@link Template}'s defaults; every setter returns
 * this request. Sizes are bytes.
 */
public final class InstallRequest {

	/** Where the OS comes from. */
	public sealed interface Source permits NetworkTree, Media, MediaUpload, DiskImage {
	}

	/**
	 * An exploded install tree on HTTP, HTTPS, FTP or NFS; its installer kernel boots with
	 * {@code kernelArgs} after the arguments that point it at the tree.
	 */
	public record NetworkTree(String url, String kernelArgs) implements Source {
	}

	/** Vendor media: an ISO volume attached as CD-ROM, booted first. */
	public record Media(Volume iso) implements Source {
	}

	/**
	 * Vendor media from this computer: the ISO file is uploaded into {@code pool} on the target
	 * host (it stays there for later installs), then installed from like {@link Media}.
	 */
	public record MediaUpload(String file, String pool) implements Source {
		/** The volume the upload becomes: the file's name. */
		public Volume volume() {
			return new Volume(pool, java.nio.file.Path.of(file).getFileName().toString());
		}
	}

	/** An existing disk image that becomes the new VM's first disk as it is. */
	public record DiskImage(Volume image) implements Source {
	}

	/** A volume in a pool of the target host. */
	public record Volume(String pool, String name) {
		@Override
		public String toString() {
			return pool + '/' + name;
		}
	}

	/**
	 * A disk to create.
	 *
	 * @param format {@code qcow2} (thin) or {@code raw}
	 */
	public record NewDisk(String pool, long capacity, String format) {
	}

	private String template = ""; //$NON-NLS-1$
	private String name = ""; //$NON-NLS-1$
	private String description = ""; //$NON-NLS-1$
	private GuestType guestType = GuestType.HVM;
	private boolean virtio = true;
	private int vcpus = 1;
	private long memory = 1L << 30;
	private CpuWeight cpuWeight = CpuWeight.NORMAL;
	private int cpuShares;
	private boolean autostart;
	private Source source;
	private final List<NewDisk> disks = new ArrayList<>();
	private final List<String> networks = new ArrayList<>();
	private Volume driversMedia;
	private boolean startNow = true;
	private String consoleLog;

	/**
	 * A request with {@code template}'s defaults: its guest type, vCPUs, memory, CPU weight, device
	 * kind; one disk of its size in {@code pool} (none for a disk-image template) and its number of
	 * NICs on {@code network}.
	 */
	public static InstallRequest from(Template template, String pool, String network) {
		InstallRequest r = new InstallRequest();
		r.template = template.getName();
		r.guestType = template.getGuestType();
		r.virtio = template.isParavirtualDevices();
		r.vcpus = Math.max(1, template.getVcpus());
		r.memory = template.getMemory();
		r.cpuWeight = template.getCpuWeight();
		if (template.getInstallMethod() != InstallMethod.DISK_IMAGE && template.getDiskCapacity() > 0) {
			r.disks.add(new NewDisk(pool, template.getDiskCapacity(), "qcow2")); //$NON-NLS-1$
		}
		for (int i = 0; i < template.getNicCount() && network != null; i++) {
			r.networks.add(network);
		}
		if (template.getInstallMethod() == InstallMethod.NETWORK) {
			r.source = new NetworkTree("", template.getKernelArgs()); //$NON-NLS-1$
		}
		return r;
	}

	public String template() {
		return template;
	}

	public InstallRequest template(String value) {
		template = value;
		return this;
	}

	public String name() {
		return name;
	}

	public InstallRequest name(String value) {
		name = value == null ? "" : value.trim(); //$NON-NLS-1$
		return this;
	}

	public String description() {
		return description;
	}

	public InstallRequest description(String value) {
		description = value == null ? "" : value; //$NON-NLS-1$
		return this;
	}

	public GuestType guestType() {
		return guestType;
	}

	public InstallRequest guestType(GuestType value) {
		guestType = value;
		return this;
	}

	/** Paravirtual disks and NICs (virtio; Xen's own); false: emulated IDE and e1000. */
	public boolean virtio() {
		return virtio;
	}

	public InstallRequest virtio(boolean value) {
		virtio = value;
		return this;
	}

	public int vcpus() {
		return vcpus;
	}

	public InstallRequest vcpus(int value) {
		vcpus = value;
		return this;
	}

	public long memory() {
		return memory;
	}

	public InstallRequest memory(long value) {
		memory = value;
		return this;
	}

	public CpuWeight cpuWeight() {
		return cpuWeight;
	}

	/** Low, Normal or High; clears a numeric weight. */
	public InstallRequest cpuWeight(CpuWeight value) {
		cpuWeight = value;
		cpuShares = 0;
		return this;
	}

	/** The numeric weight; 0 when {@link #cpuWeight()} decides. */
	public int cpuShares() {
		return cpuShares;
	}

	/** A numeric weight (finer than Low/Normal/High); 0 goes back to {@link #cpuWeight()}. */
	public InstallRequest cpuShares(int value) {
		cpuShares = value;
		return this;
	}

	/** Start on host boot. */
	public boolean autostart() {
		return autostart;
	}

	public InstallRequest autostart(boolean value) {
		autostart = value;
		return this;
	}

	public Source source() {
		return source;
	}

	public InstallRequest source(Source value) {
		source = value;
		return this;
	}

	/** The disks to create (a live list: the wizard adds and removes). */
	public List<NewDisk> disks() {
		return disks;
	}

	/** One network per NIC (a live list). */
	public List<String> networks() {
		return networks;
	}

	/** Driver or tools media attached as a second CD-ROM (e.g. paravirtual drivers for Windows); may be null. */
	public Volume driversMedia() {
		return driversMedia;
	}

	public InstallRequest driversMedia(Volume value) {
		driversMedia = value;
		return this;
	}

	public boolean startNow() {
		return startNow;
	}

	public InstallRequest startNow(boolean value) {
		startNow = value;
		return this;
	}

	/** A file on the host that also receives the serial console; null for none. */
	public String consoleLog() {
		return consoleLog;
	}

	public InstallRequest consoleLog(String value) {
		consoleLog = value;
		return this;
	}
}
