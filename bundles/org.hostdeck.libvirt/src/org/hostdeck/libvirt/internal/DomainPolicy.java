package org.hostdeck.libvirt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * What of a domain definition from a file (an export) may reach a host: an allow-list of the
 * elements and attributes that describe the VM itself (its CPUs, memory, firmware kind, clock,
 * emulated devices), everything else left out and named. Whatever reaches outside the VM has no
 * rule and goes: hypervisor pass-through ({@code qemu:commandline} and the like), host devices,
 * host files and sockets of serial ports, channels, filesystems, firmware, kernel and emulator
 * paths, security labels, host-side tuning (pinning, cgroup partitions, NUMA placement),
 * metadata. Disks are checked before: only the import's own volumes stay as disk sources.
 *
 * <p>A rule is the path of an element below {@code <domain>} mapped to its allowed attributes:
 * {@code name} (any value), {@code name=a|b} (else the element goes), {@code name~a|b} (else the
 * attribute goes; {@code name~} always goes), {@code #text=a|b} (the element's text). A path
 * ending in {@code !} takes its parent along when it goes. A {@code *} stands for any element.
 */
final class DomainPolicy {

	private static final Map<String, String> RULES = new HashMap<>();
	private static final Map<String, String> WHAT = new HashMap<>();

	private static void rule(String path, String attributes) {
		RULES.put(path, attributes);
	}

	static {
		rule("", "type=qemu|kvm|xen"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String plain : new String[] { "name", "uuid", "genid", "title", "description", "iothreads", "devices", "features", "pm", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
				"cputune", "cputune/shares", "cputune/period", "cputune/quota", "blkiotune", "blkiotune/weight", "memtune" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
			rule(plain, ""); //$NON-NLS-1$
		}
		rule("memory", "unit"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("currentMemory", "unit"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("maxMemory", "unit slots"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String limit : new String[] { "hard_limit", "soft_limit", "swap_hard_limit", "min_guarantee" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			rule("memtune/" + limit, "unit"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		rule("vcpu", "placement=static current"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os", "firmware=efi|bios"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/type", "arch machine #text=hvm"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/boot", "dev=hd|cdrom|network|fd"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/bootmenu", "enable=yes|no timeout"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/smbios", "mode=emulate|sysinfo"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/bios", "useserial rebootTimeout"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/firmware", ""); //$NON-NLS-1$ //$NON-NLS-2$
		rule("os/firmware/feature", "enabled name"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("features/*", "state retries value eoi mode driver"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("features/*/*", "state retries value"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu", "mode=custom|host-model|host-passthrough|maximum match check migratable"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/model", "fallback vendor_id"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/vendor", ""); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/topology", "sockets dies clusters cores threads"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/feature", "policy name"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/cache", "level mode=emulate|passthrough|disable"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/numa", ""); //$NON-NLS-1$ //$NON-NLS-2$
		rule("cpu/numa/cell", "id cpus memory unit memAccess discard"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("clock", "offset=utc|localtime|timezone|variable adjustment basis timezone"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("clock/timer", "name present tickpolicy track frequency mode"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String event : new String[] { "on_poweroff", "on_reboot", "on_crash" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			rule(event, "#text=destroy|restart|preserve|rename-restart"); //$NON-NLS-1$
		}
		rule("pm/suspend-to-mem", "enabled"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("pm/suspend-to-disk", "enabled"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("sysinfo", "type=smbios"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("sysinfo/*", ""); //$NON-NLS-1$ //$NON-NLS-2$
		rule("sysinfo/*/entry", "name"); //$NON-NLS-1$ //$NON-NLS-2$
		// devices: what every device may carry
		rule("devices/*/address", "type domain bus slot function multifunction controller target unit port reg cssid ssid devno iobase irq"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/*/alias", "name"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/*/boot", "order"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/*/acpi", "index"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/disk", "type=file device=disk|cdrom|floppy"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/disk/driver", "name=qemu type=raw|qcow2 cache io discard detect_zeroes iothread queues error_policy rerror_policy"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/disk/source", "file startupPolicy"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/disk/backingStore", "#text="); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/disk/target", "dev bus~virtio|sata|scsi|ide|usb|fdc|sd tray removable rotation_rate"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String flag : new String[] { "readonly", "shareable", "serial", "wwn", "vendor", "product", "iotune", "iotune/*" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
			rule("devices/disk/" + flag, ""); //$NON-NLS-1$ //$NON-NLS-2$
		}
		rule("devices/disk/blockio", "logical_block_size physical_block_size"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/controller", "type=pci|usb|ide|sata|scsi|virtio-serial|fdc|ccid|xenbus|isa index model ports vectors"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/controller/driver", "queues iothread cmd_per_lun max_sectors"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/controller/model", "name"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/controller/target", "chassisNr chassis port busNr index hotplug"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/controller/master", "startport"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface", "type=network|bridge|user trustGuestRxFilters"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/source", "network bridge portgroup"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/mac", "address"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/model", "type"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/link", "state=up|down"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/mtu", "size"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/driver", "name=vhost|qemu queues rx_queue_size tx_queue_size txmode ioeventfd event_idx"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/driver/host", "csum gso tso4 tso6 ecn ufo mrg_rxbuf"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/driver/guest", "csum tso4 tso6 ecn ufo"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/interface/rom", "bar enabled"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/input", "type=tablet|mouse|keyboard bus=usb|ps2|virtio|xen"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/graphics", "type=vnc|spice autoport~yes port~-1 listen~127.0.0.1|::1|localhost keymap sharePolicy"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/graphics/listen", "type=address address~127.0.0.1|::1|localhost"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String spice : new String[] { "image", "jpeg", "zlib", "playback", "streaming" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			rule("devices/graphics/" + spice, "compression mode"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		rule("devices/graphics/clipboard", "copypaste"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/graphics/mouse", "mode"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/graphics/filetransfer", "enable"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/graphics/channel", "name mode"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/video", ""); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/video/model", "type=vga|cirrus|qxl|virtio|bochs|ramfb|none vram ram vgamem vram64 heads primary"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/video/model/acceleration", "accel2d"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/sound", "model"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/sound/codec", "type"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/audio", "id type=none|spice"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/memballoon", "model autodeflate freePageReporting"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/memballoon/stats", "period"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/rng", "model"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/rng/backend!", "model=random|builtin #text=/dev/urandom|/dev/random"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/rng/rate", "period bytes"); //$NON-NLS-1$ //$NON-NLS-2$
		for (String port : new String[] { "serial", "console" }) { //$NON-NLS-1$ //$NON-NLS-2$
			rule("devices/" + port, "type=pty"); //$NON-NLS-1$ //$NON-NLS-2$
			rule("devices/" + port + "/target", "type=isa-serial|usb-serial|pci-serial|serial|virtio|sclp port"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			rule("devices/" + port + "/target/model", "name"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		rule("devices/channel", "type=unix|spicevmc|pty"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/channel/source", "mode=bind path~"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/channel/target!", "type=virtio name"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/watchdog", "model action=reset|shutdown|poweroff|pause|none|inject-nmi"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/panic", "model"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/tpm", "model"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/tpm/backend!", "type=emulator version"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/vsock", "model"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/vsock/cid", "auto address"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/hub", "type=usb"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/redirdev", "bus=usb type=spicevmc"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/iommu", "model=intel|smmuv3|virtio"); //$NON-NLS-1$ //$NON-NLS-2$
		rule("devices/iommu/driver", "intremap caching_mode eim iotlb aw_bits"); //$NON-NLS-1$ //$NON-NLS-2$

		WHAT.put("devices/emulator", "the emulator path (the host's own is used)"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("os/loader", "the firmware file (the host picks its own)"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("os/nvram", "the firmware variables file (the host makes a new one)"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("os/kernel", "a kernel file of the host"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("os/initrd", "an initrd file of the host"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("devices/hostdev", "a device of the host passed through"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("devices/filesystem", "a folder of the host shared"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("seclabel", "a security label"); //$NON-NLS-1$ //$NON-NLS-2$
		WHAT.put("metadata", "metadata"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The rules with a {@code *}, split into segments once. */
	private static final Map<String[], String> WILDCARD_RULES = new java.util.LinkedHashMap<>();

	/** Where an element may repeat under its parent (in libvirt's schema); anywhere else libvirt reads the first. */
	private static final List<String[]> REPEATABLE = java.util.stream.Stream.of("devices/*", "os/boot", "os/firmware/feature", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			"cpu/feature", "cpu/numa/cell", "clock/timer", "sysinfo", "sysinfo/*", "sysinfo/*/entry", "seclabel", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
			"devices/graphics/listen", "devices/graphics/channel", "devices/sound/codec", "metadata/*", "qemu:commandline/*") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			.map(r -> r.split("/")).toList(); //$NON-NLS-1$

	static {
		RULES.forEach((path, attributes) -> {
			if (path.contains("*")) { //$NON-NLS-1$
				WILDCARD_RULES.put(path.replace("!", "").split("/"), attributes); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		});
	}

	/** libvirt's usual emulators: left out without a word, the host's own default is the same program. */
	private static final Pattern USUAL_EMULATOR = Pattern.compile("/usr/(local/)?(bin|libexec)/(qemu-system-[a-z0-9_]+|qemu-kvm|kvm)"); //$NON-NLS-1$

	private final List<String> leftOut = new ArrayList<>();

	private DomainPolicy() {
	}

	/**
	 * Keeps of {@code domain} only what the allow-list knows (in place).
	 *
	 * @return what was left out, each named for the user
	 * @throws IllegalArgumentException when the definition is not a VM's at all
	 */
	static List<String> confine(Element domain) {
		DomainPolicy policy = new DomainPolicy();
		Element os = DomainXml.child(domain, "os"); //$NON-NLS-1$
		Element loader = os == null ? null : DomainXml.child(os, "loader"); //$NON-NLS-1$
		if (loader != null && (!"rom".equals(loader.getAttribute("type")) || "efi".equals(os.getAttribute("firmware")))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			os.setAttribute("firmware", "efi"); // UEFI stays UEFI, with the host's firmware //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!policy.walk(domain, "")) { //$NON-NLS-1$
			throw new IllegalArgumentException("it is a domain of type '" + domain.getAttribute("type") + "', not a QEMU, KVM or Xen VM"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return policy.leftOut;
	}

	/** The rule for the element at {@code path}: its own, else one whose {@code *} segments stand for its names. */
	private static String rule(String path) {
		String exact = RULES.containsKey(path) ? RULES.get(path) : RULES.get(path + "!"); //$NON-NLS-1$
		if (exact != null) {
			return exact;
		}
		String[] segments = path.split("/"); //$NON-NLS-1$
		for (Map.Entry<String[], String> r : WILDCARD_RULES.entrySet()) {
			if (matches(r.getKey(), segments)) {
				return r.getValue();
			}
		}
		return null;
	}

	private static boolean matches(String[] pattern, String[] segments) {
		if (pattern.length != segments.length) {
			return false;
		}
		for (int i = 0; i < pattern.length; i++) {
			if (!pattern[i].equals("*") && !pattern[i].equals(segments[i])) { //$NON-NLS-1$
				return false;
			}
		}
		return true;
	}

	/**
	 * Leaves out every second (third...) element of a kind under one parent where libvirt reads one:
	 * it reads the first, so a later one would slip past a check of the first (a second
	 * {@code <source>} of a CD-ROM became its media once the first was removed). Run before anything
	 * else looks at the definition.
	 *
	 * @return what was left out, each named for the user
	 */
	static List<String> onlyFirst(Element domain) {
		List<String> leftOut = new ArrayList<>();
		onlyFirst(domain, "", leftOut); //$NON-NLS-1$
		return leftOut;
	}

	private static void onlyFirst(Element e, String path, List<String> leftOut) {
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (Element child : DomainXml.children(e, null)) {
			String childPath = path.isEmpty() ? child.getTagName() : path + "/" + child.getTagName(); //$NON-NLS-1$
			String[] segments = childPath.split("/"); //$NON-NLS-1$
			if (!seen.add(child.getTagName()) && REPEATABLE.stream().noneMatch(r -> matches(r, segments))) {
				e.removeChild(child);
				leftOut.add("a second " + where(childPath)); //$NON-NLS-1$
			} else {
				onlyFirst(child, childPath, leftOut);
			}
		}
	}

	/** Keeps what {@code e}'s rule allows of its attributes and children; {@code false}: {@code e} must go as a whole. */
	private boolean walk(Element e, String path) {
		String rule = rule(path);
		Map<String, String> allowed = new HashMap<>();
		for (String a : rule.split(" ")) { //$NON-NLS-1$
			if (!a.isEmpty()) {
				int at = indexOfAny(a);
				allowed.put(at < 0 ? a : a.substring(0, at), at < 0 ? null : a.substring(at));
			}
		}
		String text = allowed.get("#text"); //$NON-NLS-1$
		if (text != null && !e.getTextContent().isBlank() && !values(text).contains(e.getTextContent().trim())) {
			note(path, e, "'" + e.getTextContent().trim() + "'"); //$NON-NLS-1$ //$NON-NLS-2$
			return false;
		}
		NamedNodeMap attributes = e.getAttributes();
		List<Attr> list = new ArrayList<>();
		for (int i = 0; i < attributes.getLength(); i++) {
			list.add((Attr) attributes.item(i));
		}
		for (Attr a : list) {
			String name = a.getName();
			String value = a.getValue();
			if (name.startsWith("xmlns")) { //$NON-NLS-1$
				e.removeAttributeNode(a); // a namespace declaration; what uses it goes below
				continue;
			}
			if (!allowed.containsKey(name)) {
				e.removeAttributeNode(a);
				leftOut.add(where(path) + " " + name + "='" + value + "'"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				continue;
			}
			String values = allowed.get(name);
			if (values != null && !values(values).contains(value)) {
				if (values.startsWith("=")) { //$NON-NLS-1$
					note(path, e, name + "='" + value + "'"); //$NON-NLS-1$ //$NON-NLS-2$
					return false;
				}
				e.removeAttributeNode(a);
				if (!(name.equals("port") || name.equals("autoport"))) { // a display port: the host picks one //$NON-NLS-1$ //$NON-NLS-2$
					leftOut.add(where(path) + " " + name + "='" + value + "'"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			}
		}
		for (Element child : DomainXml.children(e, null)) {
			String childPath = path.isEmpty() ? child.getTagName() : path + "/" + child.getTagName(); //$NON-NLS-1$
			if (rule(childPath) == null) {
				e.removeChild(child);
				if (!silent(childPath, child)) {
					note(childPath, child, null);
				}
			} else if (!walk(child, childPath)) {
				if (RULES.containsKey(childPath + "!")) { //$NON-NLS-1$
					return false; // the parent is nothing without it
				}
				e.removeChild(child);
			}
		}
		return true;
	}

	/** What the host sets itself: left out without a word. */
	private static boolean silent(String path, Element e) {
		return "devices/emulator".equals(path) && USUAL_EMULATOR.matcher(e.getTextContent().trim()).matches() //$NON-NLS-1$
				|| "seclabel".equals(path) && "dynamic".equals(e.getAttribute("type")) && !e.hasChildNodes() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| "resource".equals(path) && "/machine".equals(e.getTextContent().trim()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private void note(String path, Element e, String why) {
		StringBuilder s = new StringBuilder(WHAT.getOrDefault(path, "<" + path + ">")); //$NON-NLS-1$ //$NON-NLS-2$
		String target = "devices/disk".equals(path) ? attribute(DomainXml.child(e, "target"), "dev") : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (target != null) {
			s.append(' ').append(target);
		}
		if (why != null) {
			s.append(' ').append(why);
		} else if (!e.getAttribute("type").isEmpty()) { //$NON-NLS-1$
			s.append(" type='").append(e.getAttribute("type")).append('\''); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (!e.hasAttributes() && !e.getTextContent().isBlank()) {
			String text = e.getTextContent().trim();
			s.append(" '").append(text.length() > 80 ? text.substring(0, 80) + "..." : text).append('\''); //$NON-NLS-1$ //$NON-NLS-2$
		}
		leftOut.add(s.toString());
	}

	private static String attribute(Element e, String name) {
		return e == null || e.getAttribute(name).isEmpty() ? null : e.getAttribute(name);
	}

	private static String where(String path) {
		return "<" + (path.isEmpty() ? "domain" : path) + ">"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private static int indexOfAny(String a) {
		int eq = a.indexOf('=');
		int tilde = a.indexOf('~');
		return eq < 0 ? tilde : tilde < 0 ? eq : Math.min(eq, tilde);
	}

	private static List<String> values(String spec) {
		return List.of(spec.substring(1).split("\\|", -1)); //$NON-NLS-1$
	}
}
