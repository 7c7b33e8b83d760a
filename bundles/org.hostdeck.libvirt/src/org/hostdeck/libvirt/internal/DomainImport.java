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

	static String rewrite(String definition, ImportRewrite rewrite) throws DriverException {
		try {
			Element root = XmlDocs.parse(definition);
			set(root, "name", rewrite.name()); //$NON-NLS-1$
			if (!rewrite.keepIdentity()) {
				remove(root, "uuid"); //$NON-NLS-1$
			}
			Element devices = DomainXml.child(root, "devices"); //$NON-NLS-1$
			if (devices != null) {
				for (Element disk : DomainXml.children(devices, "disk")) { //$NON-NLS-1$
					Element source = DomainXml.child(disk, "source"); //$NON-NLS-1$
					String path = source == null ? null : source.getAttribute("file"); //$NON-NLS-1$
					String moved = path == null ? null : rewrite.diskPaths().get(path);
					if (moved != null) {
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
			return XmlDocs.toXml(root);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition is not valid XML: " + e.getMessage(), e); //$NON-NLS-1$
		}
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
