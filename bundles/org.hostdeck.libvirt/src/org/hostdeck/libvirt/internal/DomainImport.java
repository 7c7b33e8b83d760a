package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ImportRewrite;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An exported domain definition rewritten for its new host (see {@link ImportRewrite}). */
final class DomainImport {

	static final int XML_INACTIVE = 2;

	private DomainImport() {
	}

	/** A definition rewritten: the XML for the host, and what a confined rewrite left out. */
	record Rewritten(String xml, List<String> leftOut) {
	}

	static String rewrite(String definition, ImportRewrite rewrite) throws DriverException {
		return rewritten(definition, rewrite).xml();
	}

	static Rewritten rewritten(String definition, ImportRewrite rewrite) throws DriverException {
		try {
			Element root = XmlDocs.parse(definition);
			if (!"domain".equals(root.getTagName())) { //$NON-NLS-1$
				throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition is no libvirt domain (its root is <" //$NON-NLS-1$
						+ root.getTagName() + ">)."); //$NON-NLS-1$
			}
			set(root, "name", rewrite.name()); //$NON-NLS-1$
			if (!rewrite.keepIdentity()) {
				remove(root, "uuid"); //$NON-NLS-1$
			}
			List<String> leftOut = new java.util.ArrayList<>();
			if (rewrite.confined()) {
				leftOut.addAll(DomainPolicy.onlyFirst(root));
			}
			java.util.Set<String> used = new java.util.HashSet<>();
			Element devices = DomainXml.child(root, "devices"); //$NON-NLS-1$
			if (devices != null) {
				for (Element disk : DomainXml.children(devices, "disk")) { //$NON-NLS-1$
					if (rewrite.confined() && !confineDisk(devices, disk, rewrite, leftOut)) {
						continue;
					}
					Element source = DomainXml.child(disk, "source"); //$NON-NLS-1$
					String path = source == null ? null : source.getAttribute("file"); //$NON-NLS-1$
					String moved = path == null ? null : rewrite.diskPaths().get(path);
					if (moved != null) {
						used.add(path);
						source.setAttribute("file", moved); //$NON-NLS-1$
						Element driver = DomainXml.child(disk, "driver"); //$NON-NLS-1$
						String format = rewrite.diskFormats().get(path);
						if (driver != null && format != null) {
							driver.setAttribute("type", format); //$NON-NLS-1$
						}
					} else if (source != null && "cdrom".equals(disk.getAttribute("device"))) { //$NON-NLS-1$ //$NON-NLS-2$
						disk.removeChild(source); // the media stayed on the old host: an empty drive
					}
				}
				List<Element> nics = DomainXml.children(devices, "interface"); //$NON-NLS-1$
				for (Element nic : nics) {
					Element source = DomainXml.child(nic, "source"); //$NON-NLS-1$
					if (source != null && rewrite.networks().containsKey(source.getAttribute("network"))) { //$NON-NLS-1$
						source.setAttribute("network", rewrite.networks().get(source.getAttribute("network"))); //$NON-NLS-1$ //$NON-NLS-2$
					}
					if (!rewrite.keepIdentity()) {
						remove(nic, "mac"); //$NON-NLS-1$
					}
				}
				if (rewrite.nicNetworks() != null) {
					reshapeNics(devices, nics, rewrite.nicNetworks());
				}
			}
			if (rewrite.description() != null) {
				remove(root, "description"); //$NON-NLS-1$
				if (!rewrite.description().isEmpty()) {
					set(root, "description", rewrite.description()); //$NON-NLS-1$
				}
			}
			if (rewrite.confined()) {
				for (String path : rewrite.diskPaths().keySet()) {
					if (!used.contains(path)) {
						throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition has no disk on " + path //$NON-NLS-1$
								+ ", the image of one of the export's disks: the export does not hold together. Export the VM again."); //$NON-NLS-1$
					}
				}
				try {
					leftOut.addAll(DomainPolicy.confine(root));
				} catch (IllegalArgumentException e) {
					throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition cannot be imported: " + e.getMessage() + "."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			return new Rewritten(XmlDocs.toXml(root), leftOut);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition is not valid XML: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	/**
	 * A disk of a definition from a file: it stays only on one of the import's own volumes (an
	 * image file there, opened as the format the import made it, never following a backing file
	 * it names); a CD-ROM or floppy stays as an empty drive. Anything else goes, named.
	 *
	 * @return whether the rest of the rewrite applies: an image disk that stays (not an emptied
	 *         drive, not a disk that went)
	 */
	private static boolean confineDisk(Element devices, Element disk, ImportRewrite rewrite, List<String> leftOut) {
		String device = disk.getAttribute("device"); //$NON-NLS-1$
		boolean removable = "cdrom".equals(device) || "floppy".equals(device); //$NON-NLS-1$ //$NON-NLS-2$
		Element source = DomainXml.child(disk, "source"); //$NON-NLS-1$
		String path = source == null || !"file".equals(disk.getAttribute("type")) ? null : source.getAttribute("file"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String target = DomainXml.child(disk, "target") == null ? "?" : DomainXml.child(disk, "target").getAttribute("dev"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		if (removable) {
			disk.setAttribute("type", "file"); //$NON-NLS-1$ //$NON-NLS-2$
			remove(disk, "source"); // the media stayed on the old host: an empty drive //$NON-NLS-1$
			remove(disk, "backingStore"); //$NON-NLS-1$
			return false;
		}
		if (path == null || !rewrite.diskPaths().containsKey(path)) {
			devices.removeChild(disk);
			String where = source == null ? "no source" : path != null ? path : describe(source); //$NON-NLS-1$
			leftOut.add("disk " + target + " on " + where + " (not one of the volumes this import made)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return false;
		}
		if (!device.isEmpty() && !"disk".equals(device)) { //$NON-NLS-1$
			disk.setAttribute("device", "disk"); //$NON-NLS-1$ //$NON-NLS-2$
			leftOut.add("disk " + target + " device='" + device + "' (made a plain disk)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		Element driver = DomainXml.child(disk, "driver"); //$NON-NLS-1$
		if (driver == null) {
			driver = disk.getOwnerDocument().createElement("driver"); //$NON-NLS-1$
			disk.insertBefore(driver, disk.getFirstChild());
		}
		driver.setAttribute("name", "qemu"); //$NON-NLS-1$ //$NON-NLS-2$
		String format = rewrite.diskFormats().get(path);
		if (format != null) {
			driver.setAttribute("type", format); // the format the volume was made in, whatever the file says //$NON-NLS-1$
		}
		remove(disk, "backingStore"); //$NON-NLS-1$
		source.getParentNode().insertBefore(disk.getOwnerDocument().createElement("backingStore"), source.getNextSibling()); // none //$NON-NLS-1$
		return true;
	}

	private static String describe(Element e) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < e.getAttributes().getLength(); i++) {
			s.append(i == 0 ? "" : " ").append(e.getAttributes().item(i).getNodeName()).append("='") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					.append(e.getAttributes().item(i).getNodeValue()).append('\'');
		}
		return s.length() == 0 ? "an empty source" : s.toString(); //$NON-NLS-1$
	}

	/** NIC {@code n} joins {@code networks[n]} (null: stays as it is); NICs beyond the list go, missing ones are added. */
	private static void reshapeNics(Element devices, List<Element> nics, List<String> networks) {
		Element first = nics.isEmpty() ? null : DomainXml.child(nics.get(0), "model"); //$NON-NLS-1$
		String model = first == null || first.getAttribute("type").isEmpty() ? "virtio" : first.getAttribute("type"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		Node after = nics.isEmpty() ? null : nics.get(nics.size() - 1).getNextSibling();
		for (int n = 0; n < Math.max(nics.size(), networks.size()); n++) {
			if (n >= networks.size()) {
				devices.removeChild(nics.get(n));
				continue;
			}
			if (networks.get(n) == null) {
				continue; // kept as it is (or, past the existing NICs, none added)
			}
			Element nic;
			if (n < nics.size()) {
				nic = nics.get(n);
			} else {
				nic = devices.getOwnerDocument().createElement("interface"); //$NON-NLS-1$
				devices.insertBefore(nic, after);
				Element kind = devices.getOwnerDocument().createElement("model"); //$NON-NLS-1$
				kind.setAttribute("type", model); //$NON-NLS-1$
				nic.appendChild(kind);
			}
			// a NIC on a bridge or another kind of source becomes one on the chosen network
			nic.setAttribute("type", "network"); //$NON-NLS-1$ //$NON-NLS-2$
			remove(nic, "source"); //$NON-NLS-1$
			Element source = devices.getOwnerDocument().createElement("source"); //$NON-NLS-1$
			source.setAttribute("network", networks.get(n)); //$NON-NLS-1$
			nic.insertBefore(source, nic.getFirstChild());
		}
	}

	private static void set(Element parent, String tag, String text) {
		Element e = DomainXml.child(parent, tag);
		if (e == null) {
			e = parent.getOwnerDocument().createElement(tag);
			parent.insertBefore(e, parent.getFirstChild());
		}
		e.setTextContent(text);
	}

	private static void remove(Element parent, String tag) {
		Element e = DomainXml.child(parent, tag);
		if (e != null) {
			parent.removeChild(e);
		}
	}
}
