package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code vm.xml} of an export: the VM's hypervisor definition as its host gave it (libvirt
 * domain XML, no secrets) plus what HostDeck knows on top: description, CPU weight, template
 * flag, source host, planning profile, and one entry per disk stream. An export made without a
 * hypervisor (a physical server converted into a folder) has no definition but a {@link Shape}:
 * the import defines the VM from it, the first disk booting.
 *
 * @param definition the driver's native definition (for libvirt, the domain XML), or empty
 * @param networks   the networks its NICs are on (for the import's network mapping)
 * @param profile    planning profile (CPU, memory, network, disk shares 0..1) or {@code null}
 * @param shape      what to define the VM from when there is no definition, else {@code null}
 */
public record ExportedVm(String name, String uuid, String sourceHost, String description, String cpuWeight,
		boolean template, double[] profile, long memory, List<Disk> disks, List<String> networks, String definition, Shape shape) {

	/**
	 * A VM to be defined from scratch on import.
	 *
	 * @param virtio whether its disks and NICs are virtio (else IDE and e1000)
	 * @param nics   the network of each NIC, in order
	 */
	public record Shape(int vcpus, boolean virtio, List<String> nics) {
		public Shape {
			nics = List.copyOf(nics);
		}
	}

	/** An export of a VM a hypervisor defined: its definition. */
	public ExportedVm(String name, String uuid, String sourceHost, String description, String cpuWeight, boolean template, double[] profile,
			long memory, List<Disk> disks, List<String> networks, String definition) {
		this(name, uuid, sourceHost, description, cpuWeight, template, profile, memory, disks, networks, definition, null);
	}

	public static final String FILE = "vm.xml"; //$NON-NLS-1$

	/**
	 * A disk stream.
	 *
	 * @param file     its stream file in the export, e.g. {@code disk-0.zst}
	 * @param target   where the VM sees it, e.g. {@code vda}
	 * @param path     the image's path on the source host (the definition refers to it)
	 * @param volume   the volume's name there
	 * @param format   {@code qcow2}, {@code raw}, ...
	 * @param capacity what the guest sees, bytes
	 * @param size     the bytes of the image as streamed (the stream file's raw length)
	 */
	public record Disk(String file, String target, String path, String volume, String format, long capacity, long size) {
	}

	public ExportedVm {
		disks = List.copyOf(disks);
		networks = List.copyOf(networks);
	}

	/** A planning profile as an export keeps it (CPU, memory, network, disk), or {@code null} for none. */
	public static double[] profile(org.hostdeck.model.WorkloadProfile w) {
		return w == null ? null : new double[] { w.getCpu(), w.getMemory(), w.getNetwork(), w.getDisk() };
	}

	/** The planning profile this export keeps, as a new model object, or {@code null}. */
	public org.hostdeck.model.WorkloadProfile workload() {
		if (profile == null) {
			return null;
		}
		org.hostdeck.model.WorkloadProfile w = org.hostdeck.model.InventoryFactory.eINSTANCE.createWorkloadProfile();
		w.setCpu(profile[0]);
		w.setMemory(profile[1]);
		w.setNetwork(profile[2]);
		w.setDisk(profile[3]);
		return w;
	}

	public ExportedVm withDisks(List<Disk> newDisks) {
		return new ExportedVm(name, uuid, sourceHost, description, cpuWeight, template, profile, memory, newDisks, networks,
				definition, shape);
	}

	/** Writes {@code vm.xml} into {@code dir} (the manifest, which vouches for it, is written after). */
	public void write(Path dir) throws IOException {
		try {
			Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
			Element root = doc.createElement("hostdeck-export"); //$NON-NLS-1$
			root.setAttribute("version", "1"); //$NON-NLS-1$ //$NON-NLS-2$
			doc.appendChild(root);
			Element vm = child(root, "vm"); //$NON-NLS-1$
			vm.setAttribute("name", name); //$NON-NLS-1$
			vm.setAttribute("uuid", uuid); //$NON-NLS-1$
			vm.setAttribute("source-host", sourceHost); //$NON-NLS-1$
			vm.setAttribute("cpu-weight", cpuWeight); //$NON-NLS-1$
			vm.setAttribute("template", Boolean.toString(template)); //$NON-NLS-1$
			vm.setAttribute("memory", Long.toString(memory)); //$NON-NLS-1$
			child(vm, "description").setTextContent(description == null ? "" : description); //$NON-NLS-1$ //$NON-NLS-2$
			if (profile != null) {
				Element p = child(vm, "planning-profile"); //$NON-NLS-1$
				String[] names = { "cpu", "memory", "network", "disk" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				for (int r = 0; r < names.length; r++) {
					p.setAttribute(names[r], Double.toString(profile[r]));
				}
			}
			for (String network : networks) {
				child(vm, "network").setAttribute("name", network); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (shape != null) {
				Element e = child(vm, "shape"); //$NON-NLS-1$
				e.setAttribute("vcpus", Integer.toString(shape.vcpus())); //$NON-NLS-1$
				e.setAttribute("virtio", Boolean.toString(shape.virtio())); //$NON-NLS-1$
				for (String nic : shape.nics()) {
					child(e, "nic").setAttribute("network", nic); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			for (Disk d : disks) {
				Element e = child(root, "disk"); //$NON-NLS-1$
				e.setAttribute("file", d.file()); //$NON-NLS-1$
				e.setAttribute("target", d.target()); //$NON-NLS-1$
				e.setAttribute("path", d.path()); //$NON-NLS-1$
				e.setAttribute("volume", d.volume()); //$NON-NLS-1$
				e.setAttribute("format", d.format()); //$NON-NLS-1$
				e.setAttribute("capacity", Long.toString(d.capacity())); //$NON-NLS-1$
				e.setAttribute("size", Long.toString(d.size())); //$NON-NLS-1$
			}
			child(root, "definition").setTextContent(definition == null ? "" : definition); //$NON-NLS-1$ //$NON-NLS-2$
			var transformer = TransformerFactory.newInstance().newTransformer();
			transformer.setOutputProperty(OutputKeys.INDENT, "yes"); //$NON-NLS-1$
			StringWriter out = new StringWriter();
			transformer.transform(new DOMSource(doc), new StreamResult(out));
			Files.writeString(dir.resolve(FILE), out.toString(), StandardCharsets.UTF_8);
		} catch (javax.xml.parsers.ParserConfigurationException | javax.xml.transform.TransformerException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	private static Element child(Element parent, String tag) {
		Element e = parent.getOwnerDocument().createElement(tag);
		parent.appendChild(e);
		return e;
	}

	/** Reads {@code vm.xml} of the export in {@code dir}; the exception names the file and the problem. */
	public static ExportedVm read(Path dir) throws ArchiveException {
		Path file = dir.resolve(FILE);
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); //$NON-NLS-1$
			factory.setExpandEntityReferences(false);
			Element root = factory.newDocumentBuilder()
					.parse(new InputSource(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))).getDocumentElement();
			if (!"hostdeck-export".equals(root.getTagName()) || !"1".equals(root.getAttribute("version"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				throw new ArchiveException(file, "is not a HostDeck export description (version 1)."); //$NON-NLS-1$
			}
			Element vm = first(root, "vm"); //$NON-NLS-1$
			Element profileElement = first(vm, "planning-profile"); //$NON-NLS-1$
			double[] profile = null;
			if (profileElement != null) {
				profile = new double[] { Double.parseDouble(profileElement.getAttribute("cpu")), //$NON-NLS-1$
						Double.parseDouble(profileElement.getAttribute("memory")), //$NON-NLS-1$
						Double.parseDouble(profileElement.getAttribute("network")), //$NON-NLS-1$
						Double.parseDouble(profileElement.getAttribute("disk")) }; //$NON-NLS-1$
			}
			List<String> networks = new ArrayList<>();
			NodeList nets = vm.getElementsByTagName("network"); //$NON-NLS-1$
			for (int i = 0; i < nets.getLength(); i++) {
				networks.add(((Element) nets.item(i)).getAttribute("name")); //$NON-NLS-1$
			}
			List<Disk> disks = new ArrayList<>();
			NodeList ds = root.getElementsByTagName("disk"); //$NON-NLS-1$
			for (int i = 0; i < ds.getLength(); i++) {
				Element d = (Element) ds.item(i);
				disks.add(new Disk(d.getAttribute("file"), d.getAttribute("target"), d.getAttribute("path"), d.getAttribute("volume"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						d.getAttribute("format"), Long.parseLong(d.getAttribute("capacity")), Long.parseLong(d.getAttribute("size")))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			Element description = first(vm, "description"); //$NON-NLS-1$
			Element shapeElement = first(vm, "shape"); //$NON-NLS-1$
			Shape shape = null;
			if (shapeElement != null) {
				List<String> nics = new ArrayList<>();
				NodeList ns = shapeElement.getElementsByTagName("nic"); //$NON-NLS-1$
				for (int i = 0; i < ns.getLength(); i++) {
					nics.add(((Element) ns.item(i)).getAttribute("network")); //$NON-NLS-1$
				}
				shape = new Shape(Integer.parseInt(shapeElement.getAttribute("vcpus")), //$NON-NLS-1$
						Boolean.parseBoolean(shapeElement.getAttribute("virtio")), nics); //$NON-NLS-1$
			}
			String definition = first(root, "definition").getTextContent(); //$NON-NLS-1$
			if (definition.isBlank() && shape == null) {
				throw new ArchiveException(file, "has neither a VM definition nor a shape to define the VM from."); //$NON-NLS-1$
			}
			return new ExportedVm(vm.getAttribute("name"), vm.getAttribute("uuid"), vm.getAttribute("source-host"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					description == null ? "" : description.getTextContent(), vm.getAttribute("cpu-weight"), //$NON-NLS-1$ //$NON-NLS-2$
					Boolean.parseBoolean(vm.getAttribute("template")), profile, Long.parseLong(vm.getAttribute("memory")), disks, //$NON-NLS-1$ //$NON-NLS-2$
					networks, definition, shape);
		} catch (NoSuchFileException e) {
			throw new ArchiveException(file, "is missing: this folder holds no HostDeck export."); //$NON-NLS-1$
		} catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException | RuntimeException e) {
			throw new ArchiveException(file, "cannot be read: " + e.getMessage()); //$NON-NLS-1$
		}
	}

	private static Element first(Element parent, String tag) {
		NodeList list = parent.getElementsByTagName(tag);
		return list.getLength() == 0 ? null : (Element) list.item(0);
	}
}
