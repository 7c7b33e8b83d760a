package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;


import org.hostdeck.core.driver.DomainInfo.DiskInfo;
import org.hostdeck.core.driver.DomainInfo.NicInfo;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parts of a libvirt domain definition HostDeck shows: what {@code virDomainGetInfo} does not
 * tell (disks, NICs, OS type, description, scheduler weight).
 */
final class DomainXml {

	final String name;
	final String uuid;
	final String osType;
	final String description;
	final int vcpus;
	final int maxVcpus;
	final long memory;
	final long maxMemory;
	final int cpuShares;
	final List<DiskInfo> disks = new ArrayList<>();
	final List<NicInfo> nics = new ArrayList<>();
	final List<String> consoles = new ArrayList<>();

	DomainXml(String xml) throws IOException {
		Element domain = XmlDocs.parse(xml);
		name = text(child(domain, "name")); //$NON-NLS-1$
		uuid = text(child(domain, "uuid")); //$NON-NLS-1$
		description = text(child(domain, "description")); //$NON-NLS-1$
		Element os = child(domain, "os"); //$NON-NLS-1$
		osType = os == null ? null : text(child(os, "type")); //$NON-NLS-1$
		Element vcpu = child(domain, "vcpu"); //$NON-NLS-1$
		maxVcpus = vcpu == null ? 0 : parseInt(text(vcpu));
		vcpus = vcpu != null && vcpu.hasAttribute("current") ? parseInt(vcpu.getAttribute("current")) : maxVcpus; //$NON-NLS-1$ //$NON-NLS-2$
		maxMemory = bytes(child(domain, "memory")); //$NON-NLS-1$
		Element current = child(domain, "currentMemory"); //$NON-NLS-1$
		memory = current == null ? maxMemory : bytes(current);
		Element tune = child(domain, "cputune"); //$NON-NLS-1$
		cpuShares = tune == null ? 0 : parseInt(text(child(tune, "shares"))); //$NON-NLS-1$
		Element devices = child(domain, "devices"); //$NON-NLS-1$
		if (devices != null) {
			for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (n instanceof Element e) {
					if ("disk".equals(e.getTagName())) { //$NON-NLS-1$
						disks.add(disk(e));
					} else if ("interface".equals(e.getTagName())) { //$NON-NLS-1$
						nics.add(nic(e));
					} else if ("graphics".equals(e.getTagName())) { //$NON-NLS-1$
						String console = console(e);
						if (console != null) {
							consoles.add(console);
						}
					}
				}
			}
		}
	}

	private static DiskInfo disk(Element disk) {
		Element target = child(disk, "target"); //$NON-NLS-1$
		Element driver = child(disk, "driver"); //$NON-NLS-1$
		Element source = child(disk, "source"); //$NON-NLS-1$
		String path = null;
		String pool = null;
		String volume = null;
		if (source != null) {
			path = firstAttribute(source, "file", "dev", "dir", "name"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			if (source.hasAttribute("pool")) { //$NON-NLS-1$
				pool = source.getAttribute("pool"); //$NON-NLS-1$
				volume = source.getAttribute("volume"); //$NON-NLS-1$
				path = null;
			}
		}
		return new DiskInfo(target == null ? null : target.getAttribute("dev"), //$NON-NLS-1$
				target == null ? null : emptyToNull(target.getAttribute("bus")), //$NON-NLS-1$
				emptyToNull(disk.getAttribute("device")), //$NON-NLS-1$
				driver == null ? null : emptyToNull(driver.getAttribute("type")), path, pool, volume); //$NON-NLS-1$
	}

	private static NicInfo nic(Element nic) {
		Element mac = child(nic, "mac"); //$NON-NLS-1$
		Element source = child(nic, "source"); //$NON-NLS-1$
		Element model = child(nic, "model"); //$NON-NLS-1$
		Element target = child(nic, "target"); //$NON-NLS-1$
		String network = source == null ? null : firstAttribute(source, "network", "bridge", "dev"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return new NicInfo(mac == null ? null : mac.getAttribute("address"), network, //$NON-NLS-1$
				model == null ? null : emptyToNull(model.getAttribute("type")), //$NON-NLS-1$
				target == null ? null : emptyToNull(target.getAttribute("dev"))); //$NON-NLS-1$
	}

	/** {@code vnc://127.0.0.1:5901}; port 0 while libvirt assigns it at start (autoport). */
	private static String console(Element graphics) {
		String type = graphics.getAttribute("type"); //$NON-NLS-1$
		if (!"vnc".equals(type) && !"spice".equals(type)) { //$NON-NLS-1$ //$NON-NLS-2$
			return null; // sdl, egl-headless, ...: nothing to connect to
		}
		String listen = graphics.getAttribute("listen"); //$NON-NLS-1$
		Element listenElement = child(graphics, "listen"); //$NON-NLS-1$
		if (listen.isEmpty() && listenElement != null) {
			listen = listenElement.getAttribute("address"); //$NON-NLS-1$
		}
		if (listen.isEmpty()) {
			listen = "127.0.0.1"; //$NON-NLS-1$
		}
		int port = parseInt(graphics.getAttribute("port")); //$NON-NLS-1$
		String host = listen.contains(":") ? "[" + listen + "]" : listen; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return type + "://" + host + ":" + Math.max(0, port); //$NON-NLS-1$ //$NON-NLS-2$
	}

	static Element child(Element parent, String tag) {
		if (parent == null) {
			return null;
		}
		NodeList list = parent.getChildNodes();
		for (int i = 0; i < list.getLength(); i++) {
			if (list.item(i) instanceof Element e && tag.equals(e.getTagName())) {
				return e;
			}
		}
		return null;
	}

	/** @return the child elements of {@code parent} named {@code tag} (any: {@code null}), in order; none for a null parent */
	static List<Element> children(Element parent, String tag) {
		List<Element> result = new ArrayList<>();
		if (parent == null) {
			return result;
		}
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && (tag == null || tag.equals(e.getTagName()))) {
				result.add(e);
			}
		}
		return result;
	}

	static String text(Element e) {
		return e == null ? null : e.getTextContent().trim();
	}

	private static String firstAttribute(Element e, String... names) {
		for (String n : names) {
			if (e.hasAttribute(n)) {
				return e.getAttribute(n);
			}
		}
		return null;
	}

	private static String emptyToNull(String s) {
		return s == null || s.isEmpty() ? null : s;
	}

	private static int parseInt(String s) {
		try {
			return s == null ? 0 : Integer.parseInt(s.trim());
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	/** A libvirt size element ({@code <memory unit='KiB'>1024</memory>}) in bytes. */
	static long bytes(Element e) {
		if (e == null) {
			return 0;
		}
		long value;
		try {
			value = Long.parseLong(text(e));
		} catch (NumberFormatException ex) {
			return 0;
		}
		String unit = e.hasAttribute("unit") ? e.getAttribute("unit") : "KiB"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return value * switch (unit) {
		case "b", "bytes" -> 1L; //$NON-NLS-1$ //$NON-NLS-2$
		case "KB" -> 1000L; //$NON-NLS-1$
		case "k", "KiB" -> 1024L; //$NON-NLS-1$ //$NON-NLS-2$
		case "MB" -> 1000_000L; //$NON-NLS-1$
		case "M", "MiB" -> 1024L * 1024; //$NON-NLS-1$ //$NON-NLS-2$
		case "GB" -> 1000_000_000L; //$NON-NLS-1$
		case "G", "GiB" -> 1024L * 1024 * 1024; //$NON-NLS-1$ //$NON-NLS-2$
		case "TB" -> 1000_000_000_000L; //$NON-NLS-1$
		case "T", "TiB" -> 1024L * 1024 * 1024 * 1024; //$NON-NLS-1$ //$NON-NLS-2$
		default -> 1024L;
		};
	}
}
