package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.SnapshotInfo;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * Snapshots of a domain through libvirt. Without {@code diskOnly} they are internal: inside the
 * qcow2 images, with the memory of a running domain. Disk-only ones are external overlay files;
 * libvirt before 9.9 can take those but neither revert to them nor delete them, and no libvirt
 * here takes internal snapshots of a UEFI (pflash) guest: both are refused up front, saying so.
 */
final class DomainSnapshots {

	/** virDomainSnapshotCreateXML flags. */
	private static final int DISK_ONLY = 16;
	private static final int ATOMIC = 128;
	/** libvirt 9.9.0, the first to revert to and delete external snapshots. */
	private static final long EXTERNAL_REVERT = 9_009_000L;

	private DomainSnapshots() {
	}

	static List<SnapshotInfo> list(Domain domain) throws LibvirtException, DriverException {
		String current = null;
		if (domain.hasCurrentSnapshot() == 1) {
			DomainSnapshot snapshot = domain.snapshotCurrent();
			try {
				current = DomainXml.text(DomainXml.child(parse(snapshot.getXMLDesc()), "name")); //$NON-NLS-1$
			} finally {
				snapshot.free();
			}
		}
		Map<String, SnapshotInfo> byName = new LinkedHashMap<>();
		for (String name : domain.snapshotListNames()) {
			DomainSnapshot snapshot = domain.snapshotLookupByName(name);
			try {
				byName.put(name, info(parse(snapshot.getXMLDesc()), current));
			} finally {
				snapshot.free();
			}
		}
		// parents before children, each level by time
		List<SnapshotInfo> ordered = new ArrayList<>();
		List<SnapshotInfo> left = new ArrayList<>(byName.values());
		left.sort(java.util.Comparator.comparingLong(SnapshotInfo::created).thenComparing(SnapshotInfo::name));
		while (!left.isEmpty()) {
			boolean moved = false;
			for (java.util.Iterator<SnapshotInfo> it = left.iterator(); it.hasNext();) {
				SnapshotInfo s = it.next();
				if (s.parent() == null || !byName.containsKey(s.parent()) || ordered.stream().anyMatch(o -> o.name().equals(s.parent()))) {
					ordered.add(s);
					it.remove();
					moved = true;
				}
			}
			if (!moved) {
				ordered.addAll(left); // a cycle cannot happen; keep whatever is left rather than loop
				break;
			}
		}
		return ordered;
	}

	private static SnapshotInfo info(Element root, String current) {
		String name = DomainXml.text(DomainXml.child(root, "name")); //$NON-NLS-1$
		String description = DomainXml.text(DomainXml.child(root, "description")); //$NON-NLS-1$
		String parent = DomainXml.text(DomainXml.child(DomainXml.child(root, "parent"), "name")); //$NON-NLS-1$ //$NON-NLS-2$
		String created = DomainXml.text(DomainXml.child(root, "creationTime")); //$NON-NLS-1$
		String state = DomainXml.text(DomainXml.child(root, "state")); //$NON-NLS-1$
		boolean external = false;
		for (Element disk : DomainXml.children(DomainXml.child(root, "disks"), "disk")) { //$NON-NLS-1$ //$NON-NLS-2$
			external |= "external".equals(disk.getAttribute("snapshot")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new SnapshotInfo(name, description == null ? "" : description, parent, created == null ? 0 : Long.parseLong(created.trim()), //$NON-NLS-1$
				state, name.equals(current), external);
	}

	static SnapshotInfo create(Connect connect, Domain domain, String vm, String host, String name, String description, boolean diskOnly)
			throws LibvirtException, DriverException {
		if (name == null || name.isBlank() || name.contains("/")) { //$NON-NLS-1$
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT,
					"'" + name + "' is not a snapshot name: give one without '/'."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		for (String taken : domain.snapshotListNames()) {
			if (taken.equals(name)) {
				throw new DriverException(DriverException.Reason.INVALID_ARGUMENT,
						vm + " has a snapshot '" + name + "' already: choose another name, or delete that one first."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		Element definition = parse(domain.getXMLDesc(0));
		if (!diskOnly) {
			Element loader = DomainXml.child(DomainXml.child(definition, "os"), "loader"); //$NON-NLS-1$ //$NON-NLS-2$
			if (loader != null && "pflash".equals(loader.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
				throw new DriverException(DriverException.Reason.NOT_SUPPORTED, vm + " boots with UEFI firmware (pflash): libvirt " //$NON-NLS-1$
						+ version(connect.getLibVersion()) + " on " + host + " cannot keep its firmware variables in an internal snapshot. " //$NON-NLS-1$ //$NON-NLS-2$
						+ "Take a disk-only snapshot, or export the VM to keep a copy."); //$NON-NLS-1$
			}
			for (Element disk : DomainXml.children(DomainXml.child(definition, "devices"), "disk")) { //$NON-NLS-1$ //$NON-NLS-2$
				Element driver = DomainXml.child(disk, "driver"); //$NON-NLS-1$
				String format = driver == null ? "raw" : driver.getAttribute("type"); //$NON-NLS-1$ //$NON-NLS-2$
				boolean readOnly = DomainXml.child(disk, "readonly") != null || "cdrom".equals(disk.getAttribute("device")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (!readOnly && !"qcow2".equals(format)) { //$NON-NLS-1$
					throw new DriverException(DriverException.Reason.NOT_SUPPORTED, "Disk " //$NON-NLS-1$
							+ DomainXml.child(disk, "target").getAttribute("dev") + " of " + vm + " is " + format //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							+ ": snapshots with the disks' contents inside need qcow2 images. Take a disk-only snapshot instead."); //$NON-NLS-1$
				}
			}
		}
		String xml = "<domainsnapshot><name>" + XmlDocs.escape(name) + "</name>" //$NON-NLS-1$ //$NON-NLS-2$
				+ (description == null || description.isBlank() ? "" : "<description>" + XmlDocs.escape(description) + "</description>") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ "</domainsnapshot>"; //$NON-NLS-1$
		DomainSnapshot made = domain.snapshotCreateXML(xml, diskOnly ? DISK_ONLY | ATOMIC : 0);
		try {
			return info(parse(made.getXMLDesc()), name);
		} finally {
			made.free();
		}
	}

	static void revert(Connect connect, Domain domain, String vm, String host, String name) throws LibvirtException, DriverException {
		onSnapshot(connect, domain, vm, host, name, "revert to", domain::revertToSnapshot); //$NON-NLS-1$
	}

	static void delete(Connect connect, Domain domain, String vm, String host, String name) throws LibvirtException, DriverException {
		onSnapshot(connect, domain, vm, host, name, "delete", snapshot -> snapshot.delete(0)); //$NON-NLS-1$
	}

	/** Something done to a snapshot. */
	private interface SnapshotAction {
		void apply(DomainSnapshot snapshot) throws LibvirtException;
	}

	/** Does {@code action} to snapshot {@code name}, refused for a disk-only one where libvirt cannot {@code doing} it. */
	private static void onSnapshot(Connect connect, Domain domain, String vm, String host, String name, String doing, SnapshotAction action)
			throws LibvirtException, DriverException {
		DomainSnapshot snapshot = lookup(domain, vm, name);
		try {
			refuseExternal(connect, snapshot, vm, host, doing);
			action.apply(snapshot);
		} finally {
			snapshot.free();
		}
	}

	private static DomainSnapshot lookup(Domain domain, String vm, String name) throws LibvirtException, DriverException {
		for (String known : domain.snapshotListNames()) {
			if (known.equals(name)) {
				return domain.snapshotLookupByName(name);
			}
		}
		throw new DriverException(DriverException.Reason.NOT_FOUND, vm + " has no snapshot '" + name + "'."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static void refuseExternal(Connect connect, DomainSnapshot snapshot, String vm, String host, String doing)
			throws LibvirtException, DriverException {
		long version = connect.getLibVersion();
		if (version < EXTERNAL_REVERT && info(parse(snapshot.getXMLDesc()), null).external()) {
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED, "The snapshot of " + vm + " is disk-only (overlay files): libvirt " //$NON-NLS-1$ //$NON-NLS-2$
					+ version(version) + " on " + host + " cannot " + doing + " such snapshots (libvirt 9.9 and later can)."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	private static String version(long v) {
		return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static Element parse(String xml) throws DriverException {
		try {
			return XmlDocs.parse(xml);
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, "Malformed snapshot XML: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}
}
