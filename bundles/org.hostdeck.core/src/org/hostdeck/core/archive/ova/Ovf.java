package org.hostdeck.core.archive.ova;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The OVF descriptor of an OVA: written as OVF 1.0 (what VirtualBox, VMware, XenCenter and
 * virt-v2v all read), read from OVF 1.x and 2.x. What HostDeck maps: the VM's name and
 * description, vCPUs, memory, disks (with their controller) and NICs (network and model). Every
 * other hardware item is listed as not mapped, so an import can say what it left out.
 */
public final class Ovf {

	static final String OVF1 = "http://schemas.dmtf.org/ovf/envelope/1"; //$NON-NLS-1$
	static final String RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"; //$NON-NLS-1$
	static final String VSSD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"; //$NON-NLS-1$
	static final String HOSTDECK = "urn:hostdeck:ovf:1"; //$NON-NLS-1$
	static final String STREAM_OPTIMIZED = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"; //$NON-NLS-1$

	/**
	 * A disk of the package.
	 *
	 * @param file     its file in the OVA
	 * @param capacity what the guest sees, bytes
	 * @param bus      {@code virtio}, {@code scsi}, {@code sata} or {@code ide}
	 * @param format   the file's format as the descriptor names it (a URL for VMDK)
	 */
	public record Disk(String file, long capacity, String bus, String format) {
	}

	/** A NIC: its network's name and its model ({@code virtio}, {@code e1000}, {@code rtl8139}). */
	public record Nic(String network, String model) {
	}

	/** The VM an OVA describes, and (when read) what of it HostDeck could not map. */
	public record Vm(String name, String description, int vcpus, long memory, List<Disk> disks, List<Nic> nics, List<String> notMapped) {
		public Vm {
			disks = List.copyOf(disks);
			nics = List.copyOf(nics);
			notMapped = List.copyOf(notMapped);
		}
	}

	private Ovf() {
	}

	/** The OVF 1.0 descriptor of {@code vm}; {@code fileSizes} gives each disk file's size. */
	public static String write(Vm vm, Map<String, Long> fileSizes) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			Document doc = factory.newDocumentBuilder().newDocument();
			Element env = doc.createElementNS(OVF1, "Envelope"); //$NON-NLS-1$
			env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ovf", OVF1); //$NON-NLS-1$
			env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rasd", RASD); //$NON-NLS-1$
			env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vssd", VSSD); //$NON-NLS-1$
			env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:hostdeck", HOSTDECK); //$NON-NLS-1$
			env.setAttributeNS(OVF1, "ovf:version", "1.0"); //$NON-NLS-1$ //$NON-NLS-2$
			doc.appendChild(env);
			Element refs = el(env, "References"); //$NON-NLS-1$
			Element diskSection = el(env, "DiskSection"); //$NON-NLS-1$
			text(diskSection, "Info", "Virtual disk information"); //$NON-NLS-1$ //$NON-NLS-2$
			for (int i = 0; i < vm.disks().size(); i++) {
				Disk d = vm.disks().get(i);
				Element f = el(refs, "File"); //$NON-NLS-1$
				f.setAttributeNS(OVF1, "ovf:href", d.file()); //$NON-NLS-1$
				f.setAttributeNS(OVF1, "ovf:id", "file" + (i + 1)); //$NON-NLS-1$ //$NON-NLS-2$
				f.setAttributeNS(OVF1, "ovf:size", Long.toString(fileSizes.getOrDefault(d.file(), 0L))); //$NON-NLS-1$
				Element disk = el(diskSection, "Disk"); //$NON-NLS-1$
				disk.setAttributeNS(OVF1, "ovf:capacity", Long.toString(d.capacity())); //$NON-NLS-1$
				disk.setAttributeNS(OVF1, "ovf:capacityAllocationUnits", "byte"); //$NON-NLS-1$ //$NON-NLS-2$
				disk.setAttributeNS(OVF1, "ovf:diskId", "vmdisk" + (i + 1)); //$NON-NLS-1$ //$NON-NLS-2$
				disk.setAttributeNS(OVF1, "ovf:fileRef", "file" + (i + 1)); //$NON-NLS-1$ //$NON-NLS-2$
				disk.setAttributeNS(OVF1, "ovf:format", STREAM_OPTIMIZED); //$NON-NLS-1$
			}
			Element networks = el(env, "NetworkSection"); //$NON-NLS-1$
			text(networks, "Info", "The logical networks the VM's NICs are on"); //$NON-NLS-1$ //$NON-NLS-2$
			for (String n : vm.nics().stream().map(Nic::network).distinct().toList()) {
				Element net = el(networks, "Network"); //$NON-NLS-1$
				net.setAttributeNS(OVF1, "ovf:name", n); //$NON-NLS-1$
				text(net, "Description", "The " + n + " network"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			Element system = el(env, "VirtualSystem"); //$NON-NLS-1$
			system.setAttributeNS(OVF1, "ovf:id", vm.name()); //$NON-NLS-1$
			text(system, "Info", "A virtual machine"); //$NON-NLS-1$ //$NON-NLS-2$
			text(system, "Name", vm.name()); //$NON-NLS-1$
			Element annotation = el(system, "AnnotationSection"); //$NON-NLS-1$
			text(annotation, "Info", "A human-readable annotation"); //$NON-NLS-1$ //$NON-NLS-2$
			text(annotation, "Annotation", vm.description() == null ? "" : vm.description()); //$NON-NLS-1$ //$NON-NLS-2$
			Element os = el(system, "OperatingSystemSection"); //$NON-NLS-1$
			os.setAttributeNS(OVF1, "ovf:id", "1"); //$NON-NLS-1$ //$NON-NLS-2$
			text(os, "Info", "The kind of installed guest operating system"); //$NON-NLS-1$ //$NON-NLS-2$
			text(os, "Description", "Other"); //$NON-NLS-1$ //$NON-NLS-2$
			Element hw = el(system, "VirtualHardwareSection"); //$NON-NLS-1$
			text(hw, "Info", "Virtual hardware requirements"); //$NON-NLS-1$ //$NON-NLS-2$
			Element sys = el(hw, "System"); //$NON-NLS-1$
			cim(sys, VSSD, "vssd:ElementName", "Virtual Hardware Family"); //$NON-NLS-1$ //$NON-NLS-2$
			cim(sys, VSSD, "vssd:InstanceID", "0"); //$NON-NLS-1$ //$NON-NLS-2$
			cim(sys, VSSD, "vssd:VirtualSystemIdentifier", vm.name()); //$NON-NLS-1$
			cim(sys, VSSD, "vssd:VirtualSystemType", "vmx-07"); //$NON-NLS-1$ //$NON-NLS-2$
			int id = 1;
			// rasd elements in the schema's (alphabetical) order, as strict readers want
			item(hw, null, "hertz * 10^6", null, null, vm.vcpus() + " virtual CPU(s)", null, id++, null, null, 3, //$NON-NLS-1$ //$NON-NLS-2$
					Integer.toString(vm.vcpus()));
			item(hw, null, "byte * 2^20", null, null, (vm.memory() >> 20) + " MB of memory", null, id++, null, null, 4, //$NON-NLS-1$ //$NON-NLS-2$
					Long.toString(vm.memory() >> 20));
			Map<String, Integer> controllers = new HashMap<>();
			Map<String, Integer> nextAddress = new HashMap<>();
			for (Disk d : vm.disks()) {
				String kind = controllerOf(d.bus());
				if (!controllers.containsKey(kind)) {
					int cid = id++;
					controllers.put(kind, cid);
					switch (kind) {
					case "ide" -> item(hw, "0", null, null, null, "IDE controller", null, cid, null, null, 5, null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					case "sata" -> item(hw, "0", null, null, null, "SATA controller", null, cid, null, "AHCI", 20, null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					default -> item(hw, "0", null, null, null, "SCSI controller", null, cid, null, "lsilogic", 6, null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
				}
			}
			for (int i = 0; i < vm.disks().size(); i++) {
				Disk d = vm.disks().get(i);
				String kind = controllerOf(d.bus());
				int address = nextAddress.merge(kind, 1, Integer::sum) - 1;
				item(hw, Integer.toString(address), null, null, null, "disk" + (i + 1), "ovf:/disk/vmdisk" + (i + 1), id++, //$NON-NLS-1$ //$NON-NLS-2$
						Integer.toString(controllers.get(kind)), null, 17, null);
			}
			for (int i = 0; i < vm.nics().size(); i++) {
				Nic n = vm.nics().get(i);
				item(hw, Integer.toString(i), null, "true", n.network(), "ethernet" + i, null, id++, null, //$NON-NLS-1$ //$NON-NLS-2$
						"virtio".equals(n.model()) ? "VirtioNet" : "E1000", 10, null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			// how HostDeck's own import restores the buses and models exactly (others skip it)
			Element own = doc.createElementNS(HOSTDECK, "hostdeck:Devices"); //$NON-NLS-1$
			own.setAttributeNS(OVF1, "ovf:required", "false"); //$NON-NLS-1$ //$NON-NLS-2$
			system.appendChild(own);
			text(own, "Info", "The disk buses and NIC models the VM had in HostDeck"); //$NON-NLS-1$ //$NON-NLS-2$
			for (Disk d : vm.disks()) {
				Element e = doc.createElementNS(HOSTDECK, "hostdeck:Disk"); //$NON-NLS-1$
				e.setAttribute("file", d.file()); //$NON-NLS-1$
				e.setAttribute("bus", d.bus()); //$NON-NLS-1$
				own.appendChild(e);
			}
			for (Nic n : vm.nics()) {
				Element e = doc.createElementNS(HOSTDECK, "hostdeck:Nic"); //$NON-NLS-1$
				e.setAttribute("network", n.network()); //$NON-NLS-1$
				e.setAttribute("model", n.model()); //$NON-NLS-1$
				own.appendChild(e);
			}
			StringWriter out = new StringWriter();
			var t = TransformerFactory.newInstance().newTransformer();
			t.setOutputProperty(OutputKeys.INDENT, "yes"); //$NON-NLS-1$
			t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2"); //$NON-NLS-1$ //$NON-NLS-2$
			t.transform(new DOMSource(doc), new StreamResult(out));
			return out.toString();
		} catch (javax.xml.parsers.ParserConfigurationException | javax.xml.transform.TransformerException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String controllerOf(String bus) {
		return "ide".equals(bus) ? "ide" : "sata".equals(bus) ? "sata" : "scsi"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	private static void item(Element hw, String address, String units, String automatic, String connection, String name,
			String hostResource, int instance, String parent, String subType, int type, String quantity) {
		Element item = el(hw, "Item"); //$NON-NLS-1$
		if (address != null) {
			cim(item, RASD, "rasd:AddressOnParent", address); //$NON-NLS-1$
		}
		if (units != null) {
			cim(item, RASD, "rasd:AllocationUnits", units); //$NON-NLS-1$
		}
		if (automatic != null) {
			cim(item, RASD, "rasd:AutomaticAllocation", automatic); //$NON-NLS-1$
		}
		if (connection != null) {
			cim(item, RASD, "rasd:Connection", connection); //$NON-NLS-1$
		}
		cim(item, RASD, "rasd:ElementName", name); //$NON-NLS-1$
		if (hostResource != null) {
			cim(item, RASD, "rasd:HostResource", hostResource); //$NON-NLS-1$
		}
		cim(item, RASD, "rasd:InstanceID", Integer.toString(instance)); //$NON-NLS-1$
		if (parent != null) {
			cim(item, RASD, "rasd:Parent", parent); //$NON-NLS-1$
		}
		if (subType != null) {
			cim(item, RASD, "rasd:ResourceSubType", subType); //$NON-NLS-1$
		}
		cim(item, RASD, "rasd:ResourceType", Integer.toString(type)); //$NON-NLS-1$
		if (quantity != null) {
			cim(item, RASD, "rasd:VirtualQuantity", quantity); //$NON-NLS-1$
		}
	}

	private static Element el(Element parent, String name) {
		Element e = parent.getOwnerDocument().createElementNS(OVF1, name);
		parent.appendChild(e);
		return e;
	}

	private static void text(Element parent, String name, String value) {
		el(parent, name).setTextContent(value);
	}

	private static void cim(Element parent, String ns, String name, String value) {
		Element e = parent.getOwnerDocument().createElementNS(ns, name);
		e.setTextContent(value);
		parent.appendChild(e);
	}

	/**
	 * Reads an OVF descriptor (1.x or 2.x) as HostDeck maps it.
	 *
	 * @throws IOException naming what is missing or malformed
	 */
	public static Vm read(String xml) throws IOException {
		Document doc;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); //$NON-NLS-1$
			doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
		} catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
			throw new IOException("the OVF descriptor is not well-formed XML: " + e.getMessage(), e); //$NON-NLS-1$
		}
		Element env = doc.getDocumentElement();
		if (!"Envelope".equals(env.getLocalName())) { //$NON-NLS-1$
			throw new IOException("the OVF descriptor has no Envelope"); //$NON-NLS-1$
		}
		List<String> notMapped = new ArrayList<>();
		Map<String, String> files = new HashMap<>();
		for (Element f : all(env, "File")) { //$NON-NLS-1$
			files.put(attr(f, "id"), attr(f, "href")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Map<String, Disk> disksById = new HashMap<>();
		for (Element d : all(env, "Disk")) { //$NON-NLS-1$
			if (!"DiskSection".equals(((Element) d.getParentNode()).getLocalName())) { //$NON-NLS-1$
				continue;
			}
			String file = files.get(attr(d, "fileRef")); //$NON-NLS-1$
			long capacity = number(attr(d, "capacity"), "a disk's capacity") //$NON-NLS-1$ //$NON-NLS-2$
					* units(attr(d, "capacityAllocationUnits"), 1); //$NON-NLS-1$
			disksById.put(attr(d, "diskId"), new Disk(file, capacity, "ide", attr(d, "format"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		List<Element> systems = all(env, "VirtualSystem"); //$NON-NLS-1$
		if (systems.isEmpty()) {
			throw new IOException("the OVF descriptor describes no VirtualSystem"); //$NON-NLS-1$
		}
		Element system = systems.get(0);
		for (int i = 1; i < systems.size(); i++) {
			notMapped.add("virtual system " + attr(systems.get(i), "id") + " (only the first of a collection is imported)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		String name = childText(system, "Name"); //$NON-NLS-1$
		if (name == null || name.isBlank()) {
			name = attr(system, "id"); //$NON-NLS-1$
		}
		String description = null;
		for (Element a : all(system, "Annotation")) { //$NON-NLS-1$
			description = a.getTextContent().trim();
		}
		int vcpus = 1;
		long memory = 0;
		Map<String, String> controllerBus = new HashMap<>();
		List<Element> items = new ArrayList<>();
		for (Element e : all(system, "*")) { //$NON-NLS-1$
			String local = e.getLocalName();
			if (("Item".equals(local) || "StorageItem".equals(local) || "EthernetPortItem".equals(local)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					&& "VirtualHardwareSection".equals(((Element) e.getParentNode()).getLocalName())) { //$NON-NLS-1$
				items.add(e);
			}
		}
		for (Element item : items) {
			int type = (int) number(cimText(item, "ResourceType"), "an item's ResourceType"); //$NON-NLS-1$ //$NON-NLS-2$
			String sub = cimText(item, "ResourceSubType"); //$NON-NLS-1$
			String instance = cimText(item, "InstanceID"); //$NON-NLS-1$
			if (type == 5) {
				controllerBus.put(instance, "ide"); //$NON-NLS-1$
			} else if (type == 6) {
				controllerBus.put(instance, "scsi"); //$NON-NLS-1$
			} else if (type == 20) {
				controllerBus.put(instance, sub != null && sub.toLowerCase(Locale.ROOT).contains("ahci") ? "sata" : "sata"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		List<Disk> disks = new ArrayList<>();
		List<Nic> nics = new ArrayList<>();
		for (Element item : items) {
			int type = (int) number(cimText(item, "ResourceType"), "an item's ResourceType"); //$NON-NLS-1$ //$NON-NLS-2$
			String element = cimText(item, "ElementName"); //$NON-NLS-1$
			switch (type) {
			case 3 -> vcpus = (int) number(cimText(item, "VirtualQuantity"), "the number of CPUs"); //$NON-NLS-1$ //$NON-NLS-2$
			case 4 -> memory = number(cimText(item, "VirtualQuantity"), "the memory size") //$NON-NLS-1$ //$NON-NLS-2$
					* units(cimText(item, "AllocationUnits"), 1L << 20); //$NON-NLS-1$
			case 5, 6, 20 -> {
				// controllers: their buses go to their disks
			}
			case 17 -> {
				String resource = cimText(item, "HostResource"); //$NON-NLS-1$
				String id = resource == null ? null : resource.substring(resource.lastIndexOf('/') + 1);
				Disk d = id == null ? null : disksById.get(id);
				if (d == null || d.file() == null) {
					notMapped.add("disk item '" + element + "' (it names no disk file of the package)"); //$NON-NLS-1$ //$NON-NLS-2$
				} else {
					disks.add(new Disk(d.file(), d.capacity(), controllerBus.getOrDefault(cimText(item, "Parent"), "ide"), d.format())); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			case 10 -> {
				String sub = cimText(item, "ResourceSubType"); //$NON-NLS-1$
				String model = sub == null ? "e1000" //$NON-NLS-1$
						: sub.toLowerCase(Locale.ROOT).contains("virtio") ? "virtio" //$NON-NLS-1$ //$NON-NLS-2$
								: sub.toLowerCase(Locale.ROOT).contains("pcnet") ? "rtl8139" : "e1000"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				String network = cimText(item, "Connection"); //$NON-NLS-1$
				nics.add(new Nic(network == null || network.isBlank() ? "default" : network, model)); //$NON-NLS-1$
			}
			default -> notMapped.add(describe(type, element));
			}
		}
		// HostDeck's own section restores buses and models exactly
		for (Element own : all(system, "Devices")) { //$NON-NLS-1$
			if (!HOSTDECK.equals(own.getNamespaceURI())) {
				continue;
			}
			Map<String, String> bus = new HashMap<>();
			for (Element d : all(own, "Disk")) { //$NON-NLS-1$
				bus.put(d.getAttribute("file"), d.getAttribute("bus")); //$NON-NLS-1$ //$NON-NLS-2$
			}
			disks.replaceAll(d -> bus.containsKey(d.file()) ? new Disk(d.file(), d.capacity(), bus.get(d.file()), d.format()) : d);
			List<Element> ownNics = all(own, "Nic"); //$NON-NLS-1$
			if (ownNics.size() == nics.size()) {
				for (int i = 0; i < nics.size(); i++) {
					nics.set(i, new Nic(nics.get(i).network(), ownNics.get(i).getAttribute("model"))); //$NON-NLS-1$
				}
			}
		}
		if (memory <= 0) {
			throw new IOException("the OVF descriptor gives the VM no memory (no memory item)"); //$NON-NLS-1$
		}
		return new Vm(name, description, Math.max(1, vcpus), memory, disks, nics, notMapped);
	}

	/** What an item HostDeck does not map is, in words. */
	private static String describe(int type, String element) {
		String kind = switch (type) {
		case 1 -> "other device"; //$NON-NLS-1$
		case 14 -> "floppy drive"; //$NON-NLS-1$
		case 15, 16 -> "CD/DVD drive"; //$NON-NLS-1$
		case 21 -> "serial port"; //$NON-NLS-1$
		case 22 -> "parallel port"; //$NON-NLS-1$
		case 23 -> "USB controller"; //$NON-NLS-1$
		case 24 -> "graphics controller"; //$NON-NLS-1$
		case 35 -> "sound card"; //$NON-NLS-1$
		default -> "device of resource type " + type; //$NON-NLS-1$
		};
		return element == null ? kind : kind + " '" + element + "'"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Bytes per unit of a programmatic unit string such as {@code byte * 2^20}, {@code MegaBytes}, {@code GB}. */
	static long units(String units, long otherwise) throws IOException {
		if (units == null || units.isBlank()) {
			return otherwise;
		}
		String u = units.replace(" ", "").toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$
		switch (u) {
		case "byte", "bytes": //$NON-NLS-1$ //$NON-NLS-2$
			return 1;
		case "kilobytes", "kb": //$NON-NLS-1$ //$NON-NLS-2$
			return 1L << 10;
		case "megabytes", "mb": //$NON-NLS-1$ //$NON-NLS-2$
			return 1L << 20;
		case "gigabytes", "gb": //$NON-NLS-1$ //$NON-NLS-2$
			return 1L << 30;
		default:
			break;
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("byte\\*(\\d+)\\^(\\d+)").matcher(u); //$NON-NLS-1$
		if (m.matches()) {
			return (long) Math.pow(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
		}
		throw new IOException("the OVF descriptor uses allocation units HostDeck does not know: " + units); //$NON-NLS-1$
	}

	private static long number(String text, String what) throws IOException {
		try {
			return Long.parseLong(text.trim());
		} catch (RuntimeException e) {
			throw new IOException("the OVF descriptor gives " + what + " as '" + text + "', not a number"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	private static List<Element> all(Element root, String localName) {
		List<Element> result = new ArrayList<>();
		var nodes = root.getElementsByTagNameNS("*", localName); //$NON-NLS-1$
		for (int i = 0; i < nodes.getLength(); i++) {
			result.add((Element) nodes.item(i));
		}
		return result;
	}

	private static String attr(Element e, String localName) {
		String v = e.getAttributeNS(OVF1, localName);
		if (v.isEmpty()) {
			v = e.getAttributeNS("http://schemas.dmtf.org/ovf/envelope/2", localName); //$NON-NLS-1$
		}
		if (v.isEmpty()) {
			v = e.getAttribute("ovf:" + localName); //$NON-NLS-1$
		}
		return v.isEmpty() ? null : v;
	}

	private static String childText(Element e, String localName) {
		for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element c && localName.equals(c.getLocalName())) {
				return c.getTextContent().trim();
			}
		}
		return null;
	}

	private static String cimText(Element item, String localName) {
		return childText(item, localName);
	}
}
