package org.hostdeck.libvirt.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hostdeck.core.driver.DeviceChange;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Element;

/**
 * CD/DVD media: a volume of one of the host's pools put into a drive, or the drive emptied, in the
 * running VM (libvirt's device update, forced past a guest that locked the tray) and in its
 * definition; and a new, empty drive. Only volumes of the host's own pools go in: a path is never
 * taken from the caller.
 */
final class DomainMedia {

	private static final int AFFECT_LIVE = 1;
	private static final int AFFECT_CONFIG = 2;
	/** virDomainUpdateDeviceFlags: eject even when the guest locked the tray. */
	private static final int FORCE = 4;

	private DomainMedia() {
	}

	static DeviceChange change(Connect connect, Domain domain, String target, String pool, String volume)
			throws LibvirtException, DriverException {
		boolean active = domain.isActive() == 1;
		boolean persistent = domain.isPersistent() == 1;
		Element root = DomainDevices.parse(domain.getXMLDesc(active ? 0 : DomainDevices.XML_INACTIVE));
		Element drive = DomainDevices.find(DomainDevices.devices(root), "disk", d -> removable(d) && target.equals(targetOf(d))); //$NON-NLS-1$
		if (drive == null) {
			throw new DriverException(Reason.NOT_FOUND, "VM '" + domain.getName() + "' has no CD/DVD drive " + target + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		Element source = DomainXml.child(drive, "source"); //$NON-NLS-1$
		if (source != null) {
			drive.removeChild(source);
		}
		if (volume != null) {
			String path = path(connect, pool, volume);
			drive.setAttribute("type", "file"); //$NON-NLS-1$ //$NON-NLS-2$
			Element added = drive.getOwnerDocument().createElement("source"); //$NON-NLS-1$
			added.setAttribute("file", path); //$NON-NLS-1$
			Element driver = DomainXml.child(drive, "driver"); //$NON-NLS-1$
			drive.insertBefore(added, driver == null ? DomainXml.child(drive, "target") : driver.getNextSibling()); //$NON-NLS-1$
			if (driver != null && driver.hasAttribute("type")) { //$NON-NLS-1$
				driver.setAttribute("type", "raw"); // ISO images are raw //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		String xml = DomainDevices.xml(drive);
		if (!active) {
			domain.updateDeviceFlags(xml, AFFECT_CONFIG);
			return new DeviceChange(target, false, null);
		}
		try {
			domain.updateDeviceFlags(xml, AFFECT_LIVE | (persistent ? AFFECT_CONFIG : 0) | (volume == null ? FORCE : 0));
			return new DeviceChange(target, true, null);
		} catch (LibvirtException e) {
			if (!persistent) {
				throw e;
			}
			// the running VM refused (e.g. its tray is locked): the definition still gets it for the next boot
			domain.updateDeviceFlags(xml, AFFECT_CONFIG);
			return new DeviceChange(target, false, e.getError() != null ? e.getError().getMessage() : e.getMessage());
		}
	}

	/** A CD-ROM or floppy drive: media that can change. */
	private static boolean removable(Element disk) {
		String device = disk.getAttribute("device"); //$NON-NLS-1$
		return "cdrom".equals(device) || "floppy".equals(device); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String targetOf(Element disk) {
		Element t = DomainXml.child(disk, "target"); //$NON-NLS-1$
		return t == null ? "" : t.getAttribute("dev"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String path(Connect connect, String pool, String volume) throws LibvirtException, DriverException {
		StoragePool p;
		try {
			p = connect.storagePoolLookupByName(pool);
		} catch (LibvirtException e) {
			throw new DriverException(Reason.NOT_FOUND, "The host has no storage pool '" + pool + "'.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			StorageVol vol;
			try {
				vol = p.storageVolLookupByName(volume);
			} catch (LibvirtException e) {
				throw new DriverException(Reason.NOT_FOUND, "Pool '" + pool + "' has no volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$
						+ "'. Refresh the host, or upload the ISO into the pool first.", e); //$NON-NLS-1$
			}
			try {
				return vol.getPath();
			} finally {
				vol.free();
			}
		} finally {
			p.free();
		}
	}

	/**
	 * Adds an empty CD/DVD drive on the bus the VM's machine boots CDs from (IDE on i440FX, SATA on
	 * Q35, Xen's own for a paravirtualized Xen guest): plugged in live where the hypervisor can,
	 * else in the definition for the next boot.
	 */
	static DeviceChange addDrive(Connect connect, Domain domain) throws LibvirtException, DriverException {
		Element root = DomainDevices.parse(domain.getXMLDesc(DomainDevices.XML_INACTIVE));
		Element os = DomainXml.child(root, "os"); //$NON-NLS-1$
		Element type = DomainXml.child(os, "type"); //$NON-NLS-1$
		String machine = type == null ? "" : type.getAttribute("machine"); //$NON-NLS-1$ //$NON-NLS-2$
		boolean xenPv = "xen".equals(root.getAttribute("type")) && type != null //$NON-NLS-1$ //$NON-NLS-2$
				&& List.of("xen", "linux").contains(type.getTextContent().trim()); //$NON-NLS-1$ //$NON-NLS-2$
		String bus = xenPv ? "xen" : machine.contains("q35") ? "sata" : "ide"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		Set<String> used = new HashSet<>(DomainDevices.targets(root));
		boolean active = domain.isActive() == 1;
		if (active) {
			used.addAll(DomainDevices.targets(DomainDevices.parse(domain.getXMLDesc(0))));
		}
		String dev = DomainDevices.freeTarget(bus, used);
		if ("ide".equals(bus) && dev.compareTo("hdd") > 0) { //$NON-NLS-1$ //$NON-NLS-2$
			throw new DriverException(Reason.INVALID_STATE, "VM '" + domain.getName() //$NON-NLS-1$
					+ "' has no free IDE place left (hda to hdd are taken). Remove a drive first."); //$NON-NLS-1$
		}
		Element disk = root.getOwnerDocument().createElement("disk"); //$NON-NLS-1$
		disk.setAttribute("type", "file"); //$NON-NLS-1$ //$NON-NLS-2$
		disk.setAttribute("device", "cdrom"); //$NON-NLS-1$ //$NON-NLS-2$
		if (!"xen".equals(root.getAttribute("type")) && !"test".equals(root.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			Element driver = DomainDevices.append(disk, "driver"); //$NON-NLS-1$
			driver.setAttribute("name", "qemu"); //$NON-NLS-1$ //$NON-NLS-2$
			driver.setAttribute("type", "raw"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Element target = DomainDevices.append(disk, "target"); //$NON-NLS-1$
		target.setAttribute("dev", dev); //$NON-NLS-1$
		target.setAttribute("bus", bus); //$NON-NLS-1$
		DomainDevices.append(disk, "readonly"); //$NON-NLS-1$
		DomainDevices.insertAfterLast(DomainDevices.devices(root), "disk", disk); //$NON-NLS-1$
		connect.domainDefineXML(DomainDevices.xml(root)).free();
		return active ? DomainDevices.plug(domain, dev, DomainDevices.xml(disk), true) : new DeviceChange(dev, false, null);
	}
}
