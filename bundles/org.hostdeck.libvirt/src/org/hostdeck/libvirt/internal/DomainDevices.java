package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.hostdeck.core.driver.DeviceChange;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Adds and removes disks and NICs: the persistent definition is rewritten from its inactive XML
 * and redefined in one step (drivers without device hot-plug, like the test driver, accept
 * that too), then a running VM gets the same device plugged or unplugged live where it can.
 */
final class DomainDevices {

	static final int XML_INACTIVE = 2;
	private static final int AFFECT_LIVE = 1;
	private static final int BLOCK_RESIZE_BYTES = 1;

	private DomainDevices() {
	}

	static DeviceChange attachDisk(Connect connect, Domain domain, String pool, String volume, String bus)
			throws LibvirtException, DriverException {
		String path;
		String format;
		StoragePool p = connect.storagePoolLookupByName(pool);
		try {
			StorageVol vol = p.storageVolLookupByName(volume);
			try {
				path = vol.getPath();
				Element target = DomainXml.child(parse(vol.getXMLDesc(0)), "target"); //$NON-NLS-1$
				Element f = DomainXml.child(target, "format"); //$NON-NLS-1$
				format = f == null || f.getAttribute("type").isEmpty() ? "raw" : f.getAttribute("type"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			} finally {
				vol.free();
			}
		} finally {
			p.free();
		}
		Element root = parse(domain.getXMLDesc(XML_INACTIVE));
		Element devices = devices(root);
		Set<String> used = new HashSet<>(targets(root));
		boolean active = domain.isActive() == 1;
		if (active) {
			used.addAll(targets(parse(domain.getXMLDesc(0))));
		}
		for (Element d : elements(devices, "disk")) { //$NON-NLS-1$
			Element source = DomainXml.child(d, "source"); //$NON-NLS-1$
			if (source != null && path.equals(source.getAttribute("file"))) { //$NON-NLS-1$
				throw new DriverException(Reason.INVALID_ARGUMENT, "Volume '" + volume + "' is already a disk of VM '" //$NON-NLS-1$ //$NON-NLS-2$
						+ domain.getName() + "'."); //$NON-NLS-1$
			}
		}
		String dev = freeTarget(bus, used);
		Element disk = root.getOwnerDocument().createElement("disk"); //$NON-NLS-1$
		disk.setAttribute("type", "file"); //$NON-NLS-1$ //$NON-NLS-2$
		disk.setAttribute("device", "disk"); //$NON-NLS-1$ //$NON-NLS-2$
		Element driver = append(disk, "driver"); //$NON-NLS-1$
		driver.setAttribute("name", "qemu"); //$NON-NLS-1$ //$NON-NLS-2$
		driver.setAttribute("type", format); //$NON-NLS-1$
		append(disk, "source").setAttribute("file", path); //$NON-NLS-1$ //$NON-NLS-2$
		Element target = append(disk, "target"); //$NON-NLS-1$
		target.setAttribute("dev", dev); //$NON-NLS-1$
		target.setAttribute("bus", bus); //$NON-NLS-1$
		insertAfterLast(devices, "disk", disk); //$NON-NLS-1$
		connect.domainDefineXML(xml(root)).free();
		return active ? plug(domain, dev, xml(disk), true) : new DeviceChange(dev, false, null);
	}

	/**
	 * Moves a shut-off VM's emulated disks (IDE, SATA, SCSI) to the paravirtual bus (virtio, or
	 * Xen's own on Xen) and its emulated NICs (e1000, rtl8139, ne2k) to virtio, in its persistent
	 * definition; CD-ROMs stay where the firmware boots them. For after the guest's drivers are in.
	 *
	 * @return what changed, e.g. {@code "hda -> vda"}; empty when everything was paravirtual already
	 */
	static List<String> switchToParavirtual(Connect connect, Domain domain) throws LibvirtException, DriverException {
		if (domain.isActive() == 1) {
			throw new DriverException(Reason.INVALID_STATE, "VM '" + domain.getName() //$NON-NLS-1$
					+ "' is running: shut it down first (its devices move to another bus)."); //$NON-NLS-1$
		}
		Element root = parse(domain.getXMLDesc(XML_INACTIVE));
		boolean xen = "xen".equals(root.getAttribute("type")); //$NON-NLS-1$ //$NON-NLS-2$
		String bus = xen ? "xen" : "virtio"; //$NON-NLS-1$ //$NON-NLS-2$
		Element devices = devices(root);
		Set<String> used = new HashSet<>(targets(root));
		List<String> changes = new ArrayList<>();
		for (Element disk : elements(devices, "disk")) { //$NON-NLS-1$
			Element target = DomainXml.child(disk, "target"); //$NON-NLS-1$
			String from = target == null ? "" : target.getAttribute("bus"); //$NON-NLS-1$ //$NON-NLS-2$
			if (!"disk".equals(disk.getAttribute("device")) || !List.of("ide", "sata", "scsi").contains(from)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				continue;
			}
			String dev = freeTarget(bus, used);
			used.add(dev);
			changes.add(target.getAttribute("dev") + " -> " + dev); //$NON-NLS-1$ //$NON-NLS-2$
			target.setAttribute("dev", dev); //$NON-NLS-1$
			target.setAttribute("bus", bus); //$NON-NLS-1$
			removeAddress(disk); // a controller address does not fit the new bus
		}
		for (Element nic : elements(devices, "interface")) { //$NON-NLS-1$
			Element model = DomainXml.child(nic, "model"); //$NON-NLS-1$
			String type = model == null ? "" : model.getAttribute("type"); //$NON-NLS-1$ //$NON-NLS-2$
			if (!List.of("e1000", "e1000e", "rtl8139", "ne2k_pci").contains(type)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				continue;
			}
			Element mac = DomainXml.child(nic, "mac"); //$NON-NLS-1$
			changes.add("NIC " + (mac == null ? "?" : mac.getAttribute("address")) + ": " + type + " -> " + (xen ? "xen" : "virtio")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
			if (xen) {
				nic.removeChild(model); // no model: Xen's paravirtual vif
			} else {
				model.setAttribute("type", "virtio"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			removeAddress(nic);
		}
		if (!changes.isEmpty()) {
			connect.domainDefineXML(xml(root)).free();
		}
		return changes;
	}

	private static void removeAddress(Element device) {
		Element address = DomainXml.child(device, "address"); //$NON-NLS-1$
		if (address != null) {
			device.removeChild(address);
		}
	}

	static DeviceChange detachDisk(Connect connect, Domain domain, String target) throws LibvirtException, DriverException {
		return detach(connect, domain, "disk", "disk " + target, d -> { //$NON-NLS-1$ //$NON-NLS-2$
			Element t = DomainXml.child(d, "target"); //$NON-NLS-1$
			return t != null && target.equals(t.getAttribute("dev")); //$NON-NLS-1$
		}, target);
	}

	static DeviceChange detachNic(Connect connect, Domain domain, String mac) throws LibvirtException, DriverException {
		return detach(connect, domain, "interface", "NIC " + mac, n -> { //$NON-NLS-1$ //$NON-NLS-2$
			Element m = DomainXml.child(n, "mac"); //$NON-NLS-1$
			return m != null && mac.equalsIgnoreCase(m.getAttribute("address")); //$NON-NLS-1$
		}, mac);
	}

	private static DeviceChange detach(Connect connect, Domain domain, String tag, String what, Predicate<Element> match,
			String id) throws LibvirtException, DriverException {
		Element root = parse(domain.getXMLDesc(XML_INACTIVE));
		Element persistent = find(devices(root), tag, match);
		boolean active = domain.isActive() == 1;
		Element running = active ? find(devices(parse(domain.getXMLDesc(0))), tag, match) : null;
		if (persistent == null && running == null) {
			throw new DriverException(Reason.NOT_FOUND, "VM '" + domain.getName() + "' has no " + what + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (persistent != null) {
			persistent.getParentNode().removeChild(persistent);
			connect.domainDefineXML(xml(root)).free();
		}
		return running != null ? plug(domain, id, xml(running), false) : new DeviceChange(id, false, null);
	}

	static void resizeDisk(Connect connect, Domain domain, String target, long capacity) throws LibvirtException, DriverException {
		if (domain.isActive() == 1) {
			domain.blockResize(target, capacity, BLOCK_RESIZE_BYTES);
			return;
		}
		Element disk = find(devices(parse(domain.getXMLDesc(XML_INACTIVE))), "disk", d -> { //$NON-NLS-1$
			Element t = DomainXml.child(d, "target"); //$NON-NLS-1$
			return t != null && target.equals(t.getAttribute("dev")); //$NON-NLS-1$
		});
		Element source = disk == null ? null : DomainXml.child(disk, "source"); //$NON-NLS-1$
		if (source == null || source.getAttribute("file").isEmpty()) { //$NON-NLS-1$
			throw new DriverException(Reason.NOT_FOUND, "VM '" + domain.getName() + "' has no file-backed disk " + target + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		StorageVol vol = connect.storageVolLookupByPath(source.getAttribute("file")); //$NON-NLS-1$
		try {
			vol.resize(capacity, 0);
		} finally {
			vol.free();
		}
	}

	static DeviceChange attachNic(Connect connect, Domain domain, String network, String model)
			throws LibvirtException, DriverException {
		Element root = parse(domain.getXMLDesc(XML_INACTIVE));
		Set<String> before = macs(root);
		Element nic = root.getOwnerDocument().createElement("interface"); //$NON-NLS-1$
		nic.setAttribute("type", "network"); //$NON-NLS-1$ //$NON-NLS-2$
		append(nic, "source").setAttribute("network", network); //$NON-NLS-1$ //$NON-NLS-2$
		if (model != null && !model.isEmpty()) {
			append(nic, "model").setAttribute("type", model); //$NON-NLS-1$ //$NON-NLS-2$
		}
		insertAfterLast(devices(root), "interface", nic); //$NON-NLS-1$
		connect.domainDefineXML(xml(root)).free();
		// the hypervisor chose the MAC: find the new interface in the new definition
		Element defined = parse(domain.getXMLDesc(XML_INACTIVE));
		Element added = find(devices(defined), "interface", n -> { //$NON-NLS-1$
			Element m = DomainXml.child(n, "mac"); //$NON-NLS-1$
			return m != null && !before.contains(m.getAttribute("address").toLowerCase(java.util.Locale.ROOT)); //$NON-NLS-1$
		});
		if (added == null) {
			throw new DriverException(Reason.OTHER, "The new NIC of VM '" + domain.getName() + "' got no MAC address."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String mac = DomainXml.child(added, "mac").getAttribute("address"); //$NON-NLS-1$ //$NON-NLS-2$
		return domain.isActive() == 1 ? plug(domain, mac, xml(added), true) : new DeviceChange(mac, false, null);
	}

	/** Hot-plugs or unplugs a device of a running VM; when the hypervisor cannot, says why. */
	static DeviceChange plug(Domain domain, String id, String deviceXml, boolean attach) {
		try {
			if (attach) {
				domain.attachDeviceFlags(deviceXml, AFFECT_LIVE);
			} else {
				domain.detachDeviceFlags(deviceXml, AFFECT_LIVE);
			}
			return new DeviceChange(id, true, null);
		} catch (LibvirtException e) {
			// no hot-plug here: the change waits in the definition for the next boot
			return new DeviceChange(id, false, e.getError() != null ? e.getError().getMessage() : e.getMessage());
		}
	}

	/** The first unused device name for {@code bus}: vda, vdb, ... for virtio, sda... for SCSI/SATA/USB, hda... for IDE. */
	static String freeTarget(String bus, Set<String> used) {
		String prefix = switch (bus) {
		case "virtio" -> "vd"; //$NON-NLS-1$ //$NON-NLS-2$
		case "ide" -> "hd"; //$NON-NLS-1$ //$NON-NLS-2$
		case "xen" -> "xvd"; //$NON-NLS-1$ //$NON-NLS-2$
		default -> "sd"; //$NON-NLS-1$
		};
		for (char c = 'a'; c <= 'z'; c++) {
			if (!used.contains(prefix + c)) {
				return prefix + c;
			}
		}
		throw new IllegalStateException("No free " + bus + " disk name left (26 in use)"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	static List<String> targets(Element root) {
		List<String> result = new ArrayList<>();
		for (Element d : elements(devices(root), "disk")) { //$NON-NLS-1$
			Element t = DomainXml.child(d, "target"); //$NON-NLS-1$
			if (t != null) {
				result.add(t.getAttribute("dev")); //$NON-NLS-1$
			}
		}
		return result;
	}

	private static Set<String> macs(Element root) {
		Set<String> result = new HashSet<>();
		for (Element n : elements(devices(root), "interface")) { //$NON-NLS-1$
			Element m = DomainXml.child(n, "mac"); //$NON-NLS-1$
			if (m != null) {
				result.add(m.getAttribute("address").toLowerCase(java.util.Locale.ROOT)); //$NON-NLS-1$
			}
		}
		return result;
	}

	static Element devices(Element root) {
		Element devices = DomainXml.child(root, "devices"); //$NON-NLS-1$
		if (devices == null) {
			devices = append(root, "devices"); //$NON-NLS-1$
		}
		return devices;
	}

	private static List<Element> elements(Element parent, String tag) {
		return DomainXml.children(parent, tag);
	}

	static Element find(Element parent, String tag, Predicate<Element> match) {
		return elements(parent, tag).stream().filter(match).findFirst().orElse(null);
	}

	static Element append(Element parent, String tag) {
		Element e = parent.getOwnerDocument().createElement(tag);
		parent.appendChild(e);
		return e;
	}

	static void insertAfterLast(Element devices, String tag, Element added) {
		List<Element> same = elements(devices, tag);
		Node next = same.isEmpty() ? null : same.get(same.size() - 1).getNextSibling();
		devices.insertBefore(added, next);
	}

	static Element parse(String xml) throws DriverException {
		try {
			return XmlDocs.parse(xml);
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, "Cannot read a definition from libvirt: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	static String xml(Node node) throws DriverException {
		try {
			return XmlDocs.toXml(node);
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, e.getMessage(), e);
		}
	}
}
