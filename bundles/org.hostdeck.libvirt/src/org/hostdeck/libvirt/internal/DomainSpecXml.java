package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.List;

import org.hostdeck.core.driver.DomainSpec;
import org.w3c.dom.Element;

/**
 * Writes a {@link DomainSpec} as libvirt domain XML for the hypervisor family behind a
 * connection: QEMU/KVM ({@code qemu}, {@code kvm}), Xen through libxl ({@code xen}: paravirtualized
 * guests with the {@code linux} OS type, {@code xvd*} disks and kernel or pygrub boot; HVM guests
 * with hvmloader) and libvirt's {@code test} driver.
 */
final class DomainSpecXml {

	/** Where the HVM firmware lives on Xen hosts (Debian's xen-hypervisor packages). */
	static final String XEN_HVMLOADER = "/usr/lib/xen/boot/hvmloader"; //$NON-NLS-1$

	private DomainSpecXml() {
	}

	/**
	 * @param domainType {@code qemu}, {@code kvm}, {@code xen} or {@code test}: the type the host's
	 *                   capabilities offer (see {@link #domainType})
	 * @param arch       e.g. {@code x86_64}
	 */
	static String write(DomainSpec spec, String domainType, String arch) {
		boolean xen = "xen".equals(domainType); //$NON-NLS-1$
		boolean pv = xen && spec.paravirtGuest();
		StringBuilder x = new StringBuilder(1024);
		x.append("<domain type='").append(domainType).append("'>"); //$NON-NLS-1$ //$NON-NLS-2$
		x.append("<name>").append(XmlDocs.escape(spec.name())).append("</name>"); //$NON-NLS-1$ //$NON-NLS-2$
		if (spec.uuid() != null) {
			x.append("<uuid>").append(XmlDocs.escape(spec.uuid())).append("</uuid>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (spec.description() != null && !spec.description().isBlank()) {
			x.append("<description>").append(XmlDocs.escape(spec.description())).append("</description>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		x.append("<memory unit='KiB'>").append(spec.memory() / 1024).append("</memory>"); //$NON-NLS-1$ //$NON-NLS-2$
		x.append("<vcpu>").append(spec.vcpus()).append("</vcpu>"); //$NON-NLS-1$ //$NON-NLS-2$
		if (spec.cpuShares() > 0) {
			x.append("<cputune><shares>").append(spec.cpuShares()).append("</shares></cputune>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		DomainSpec.Boot boot = spec.boot();
		if (pv && !boot.fromKernel()) {
			x.append("<bootloader>pygrub</bootloader>"); //$NON-NLS-1$
		}
		x.append("<os><type arch='").append(arch).append('\''); //$NON-NLS-1$
		if (xen) {
			x.append(" machine='").append(pv ? "xenpv" : "xenfv").append('\''); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		x.append('>').append(pv ? "linux" : "hvm").append("</type>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (xen && !pv) {
			x.append("<loader>").append(XEN_HVMLOADER).append("</loader>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (boot.fromKernel()) {
			x.append("<kernel>").append(XmlDocs.escape(boot.kernel())).append("</kernel>"); //$NON-NLS-1$ //$NON-NLS-2$
			if (boot.initrd() != null) {
				x.append("<initrd>").append(XmlDocs.escape(boot.initrd())).append("</initrd>"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (boot.cmdline() != null && !boot.cmdline().isEmpty()) {
				x.append("<cmdline>").append(XmlDocs.escape(boot.cmdline())).append("</cmdline>"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} else if (!pv) {
			// the disk first once installed, the media after it: a blank disk falls through to the CD
			boolean media = spec.disks().stream().anyMatch(DomainSpec.Disk::cdrom);
			x.append(boot.cdromFirst() ? "<boot dev='cdrom'/><boot dev='hd'/>" //$NON-NLS-1$
					: media ? "<boot dev='hd'/><boot dev='cdrom'/>" : "<boot dev='hd'/>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		x.append("</os>"); //$NON-NLS-1$
		if (!pv) {
			x.append("<features><acpi/><apic/>").append(xen ? "<pae/>" : "").append("</features>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		x.append("<on_reboot>restart</on_reboot><devices>"); //$NON-NLS-1$
		disks(x, spec.disks(), domainType, pv, spec.virtio());
		for (DomainSpec.Nic nic : spec.nics()) {
			x.append("<interface type='network'>"); //$NON-NLS-1$
			if (nic.mac() != null) {
				x.append("<mac address='").append(XmlDocs.escape(nic.mac())).append("'/>"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			x.append("<source network='").append(XmlDocs.escape(nic.network())).append("'/>"); //$NON-NLS-1$ //$NON-NLS-2$
			if (!xen) {
				x.append("<model type='").append(spec.virtio() ? "virtio" : "e1000").append("'/>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			} else if (!pv && !spec.virtio()) {
				x.append("<model type='e1000'/>"); // emulated; without a model an HVM guest gets Xen's own vif too //$NON-NLS-1$
			}
			x.append("</interface>"); //$NON-NLS-1$
		}
		if (pv) {
			x.append("<console type='pty'><target type='xen' port='0'/></console>"); //$NON-NLS-1$
		} else {
			x.append("<serial type='pty'>"); //$NON-NLS-1$
			if (spec.consoleLog() != null) {
				x.append("<log file='").append(XmlDocs.escape(spec.consoleLog())).append("' append='off'/>"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			x.append("<target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>"); //$NON-NLS-1$
			if (!"test".equals(domainType)) { //$NON-NLS-1$
				// on the host's loopback: HostDeck's console reaches it (through SSH for a remote host), the network does not
				x.append("<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>"); //$NON-NLS-1$
			}
		}
		x.append("</devices></domain>"); //$NON-NLS-1$
		return x.toString();
	}

	private static void disks(StringBuilder x, List<DomainSpec.Disk> disks, String domainType, boolean pv, boolean virtio) {
		boolean xen = "xen".equals(domainType); //$NON-NLS-1$
		int ide = 0;
		int paravirt = 0;
		for (DomainSpec.Disk disk : disks) {
			String bus;
			String dev;
			if (pv || (virtio && !disk.cdrom())) {
				bus = xen ? "xen" : "virtio"; //$NON-NLS-1$ //$NON-NLS-2$
				dev = (xen ? "xvd" : "vd") + letters(paravirt++); //$NON-NLS-1$ //$NON-NLS-2$
			} else {
				// emulated IDE, and every CD-ROM of an HVM guest: firmware boots from it without drivers
				bus = "ide"; //$NON-NLS-1$
				dev = "hd" + letters(ide++); //$NON-NLS-1$
			}
			x.append("<disk type='file' device='").append(disk.cdrom() ? "cdrom" : "disk").append("'>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			if (!"test".equals(domainType)) { //$NON-NLS-1$
				x.append("<driver name='qemu' type='").append(disk.cdrom() || disk.format() == null ? "raw" : XmlDocs.escape(disk.format())) //$NON-NLS-1$ //$NON-NLS-2$
						.append("'/>"); //$NON-NLS-1$
			}
			x.append("<source file='").append(XmlDocs.escape(disk.path())).append("'/>"); //$NON-NLS-1$ //$NON-NLS-2$
			x.append("<target dev='").append(dev).append("' bus='").append(bus).append("'/>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			if (disk.cdrom()) {
				x.append("<readonly/>"); //$NON-NLS-1$
			}
			x.append("</disk>"); //$NON-NLS-1$
		}
	}

	/** 0 -> a, 25 -> z, 26 -> aa: libvirt's target names. */
	static String letters(int index) {
		StringBuilder s = new StringBuilder();
		int i = index;
		do {
			s.insert(0, (char) ('a' + i % 26));
			i = i / 26 - 1;
		} while (i >= 0);
		return s.toString();
	}

	/**
	 * The domain type and architecture a host offers for an x86_64 (else its first) HVM guest, or a
	 * Xen host's PV guest: {@code kvm} when the host has it, else {@code qemu}; {@code xen}; {@code test}.
	 *
	 * @return {type, arch}
	 */
	static String[] domainType(String capabilities, boolean paravirtGuest) throws IOException {
		Element root = XmlDocs.parse(capabilities);
		String[] best = null;
		int bestScore = -1;
		for (Element guest : DomainXml.children(root, "guest")) { //$NON-NLS-1$
			Element osType = DomainXml.child(guest, "os_type"); //$NON-NLS-1$
			Element arch = DomainXml.child(guest, "arch"); //$NON-NLS-1$
			if (osType == null || arch == null) {
				continue;
			}
			String os = osType.getTextContent().trim();
			boolean pvOs = "xen".equals(os) || "linux".equals(os); //$NON-NLS-1$ //$NON-NLS-2$
			if (paravirtGuest != pvOs) {
				continue;
			}
			String archName = arch.getAttribute("name"); //$NON-NLS-1$
			for (Element domain : DomainXml.children(arch, "domain")) { //$NON-NLS-1$
				String type = domain.getAttribute("type"); //$NON-NLS-1$
				int score = rank(type) + ("x86_64".equals(archName) ? 10 : 0); //$NON-NLS-1$
				if (score > bestScore) {
					bestScore = score;
					best = new String[] { type, archName };
				}
			}
		}
		if (best == null) {
			throw new IOException("the host offers no " + (paravirtGuest ? "paravirtualized" : "HVM") + " guests"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return best;
	}

	private static int rank(String type) {
		return switch (type) {
		case "kvm", "xen" -> 3; //$NON-NLS-1$ //$NON-NLS-2$
		case "qemu", "test" -> 2; //$NON-NLS-1$ //$NON-NLS-2$
		default -> 1;
		};
	}
}
