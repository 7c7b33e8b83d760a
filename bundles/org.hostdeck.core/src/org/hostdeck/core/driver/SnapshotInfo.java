package org.hostdeck.core.driver;

/**
 * A snapshot of a VM.
 *
 * @param name        its name, unique per VM
 * @param description what the user wrote, may be empty
 * @param parent      the snapshot it was taken on top of, or {@code null} for a root
 * @param created     when it was taken, seconds since the epoch
 * @param state       the VM's state it holds: {@code running} or {@code paused} (memory included),
 *                    {@code shutoff}, or {@code disk-snapshot} (disks only, of a running VM)
 * @param current     whether the VM runs on from this one
 * @param external    its disks are overlay files (disk-only) rather than inside qcow2 images
 */
public record SnapshotInfo(String name, String description, String parent, long created, String state, boolean current,
		boolean external) {

	/** How many snapshots of {@code all} this one sits under (0 for a root): its indent in a tree. */
	public int depth(java.util.List<SnapshotInfo> all) {
		int depth = 0;
		String at = parent;
		while (at != null && depth < all.size()) {
			depth++;
			String p = at;
			at = all.stream().filter(o -> o.name().equals(p)).findFirst().map(SnapshotInfo::parent).orElse(null);
		}
		return depth;
	}

	/** Whether it holds the VM's memory too (reverting to it resumes the running VM). */
	public boolean memory() {
		return "running".equals(state) || "paused".equals(state); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
