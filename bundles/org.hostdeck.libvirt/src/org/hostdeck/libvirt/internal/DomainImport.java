package org.hostdeck.libvirt.internal;

import java.io.IOException;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ImportRewrite;
import org.w3c.dom.Element;

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
				for (Element nic : DomainXml.children(devices, "interface")) { //$NON-NLS-1$
					Element source = DomainXml.child(nic, "source"); //$NON-NLS-1$
					if (source != null && rewrite.networks().containsKey(source.getAttribute("network"))) { //$NON-NLS-1$
						source.setAttribute("network", rewrite.networks().get(source.getAttribute("network"))); //$NON-NLS-1$ //$NON-NLS-2$
					}
					if (!rewrite.keepIdentity()) {
						remove(nic, "mac"); //$NON-NLS-1$
					}
				}
			}
			return XmlDocs.toXml(root);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, "The exported definition is not valid XML: " + e.getMessage(), e); //$NON-NLS-1$
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
