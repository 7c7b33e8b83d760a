package org.hostdeck.core.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.hostdeck.model.util.Sizes;

/**
 * The shape of an export checked before a host is touched. Anyone who edits an export can
 * recompute its manifest, so the checksums prove nothing about intent: what the manifest and
 * {@code vm.xml} say must also make sense on their own. Every file is a plain name inside the
 * folder and a regular file there (no link); {@code vm.xml} is listed; every disk of
 * {@code vm.xml} has its stream in the manifest and every stream is a disk's; the chunks of a
 * stream tile {@code [0, size)} in order, no gap, no overlap, each at most a chunk long and its
 * frame at most the bound of one; names, formats, sizes and counts are within sane limits.
 */
final class ExportStructure {

	/** A file, volume or disk stream name: no path, no leading dot. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}"); //$NON-NLS-1$
	/** A disk's device name: where a guest sees it (vda, sdb, xvda) or, from P2V, the server's (sda, nvme0n1, loop3). */
	private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9]{0,31}"); //$NON-NLS-1$
	private static final Set<String> FORMATS = Set.of("raw", "qcow2"); //$NON-NLS-1$ //$NON-NLS-2$
	/** More than any host has; a claim beyond it is a crafted file. */
	static final long MAX_MEMORY = 64L << 40;
	static final long MAX_DISK = 1L << 50;
	static final int MAX_DISKS = 64;
	static final int MAX_NICS = 64;
	static final int MAX_VCPUS = 4096;

	/** Files an import or an unfinished export may put beside the listed ones. */
	private static final Set<String> OWN = Set.of(Manifest.NAME, Manifest.NAME + ".part", ImportJournal.NAME); //$NON-NLS-1$

	private ExportStructure() {
	}

	/**
	 * @return notes for the result: files in the folder that the manifest does not list (never read)
	 * @throws ArchiveException naming the file and what is wrong with it
	 */
	static List<String> check(Path dir, Manifest manifest, ExportedVm vm) throws ArchiveException {
		Path manifestFile = dir.resolve(Manifest.NAME);
		Set<String> listed = new HashSet<>();
		for (Manifest.FileEntry f : manifest.files()) {
			if (!PLAIN.matcher(f.name()).matches()) {
				throw new ArchiveException(manifestFile, "lists '" + f.name() + "', which is not a plain file name inside the export."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (!listed.add(f.name())) {
				throw new ArchiveException(manifestFile, "lists " + f.name() + " twice."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (f.size() < 0) {
				throw new ArchiveException(manifestFile, "gives " + f.name() + " a negative size."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Path file = dir.resolve(f.name());
			if (Files.isSymbolicLink(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
				throw new ArchiveException(file, "is not a regular file (a link or a folder): an export holds its files itself."); //$NON-NLS-1$
			}
		}
		if (!listed.contains(ExportedVm.FILE)) {
			throw new ArchiveException(manifestFile, "does not list " + ExportedVm.FILE + ", so nothing vouches for the VM's description."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Path description = dir.resolve(ExportedVm.FILE);
		checkVm(description, vm);
		Set<String> streams = new HashSet<>();
		for (ExportedVm.Disk d : vm.disks()) {
			if (!streams.add(d.file())) {
				throw new ArchiveException(description, "names stream " + d.file() + " for two disks."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (!listed.contains(d.file())) {
				throw new ArchiveException(description, "names stream '" + d.file() + "' for disk " + d.target() //$NON-NLS-1$ //$NON-NLS-2$
						+ ", which the manifest does not list: its data is not in this export."); //$NON-NLS-1$
			}
			checkChunks(dir.resolve(d.file()), d, manifest.chunks(d.file()));
		}
		for (Manifest.FileEntry f : manifest.files()) {
			if (!f.name().equals(ExportedVm.FILE) && !streams.contains(f.name())) {
				throw new ArchiveException(dir.resolve(f.name()), "is listed in the manifest but is no disk's stream in " + ExportedVm.FILE + "."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		for (Manifest.Chunk c : manifest.chunks()) {
			if (!streams.contains(c.file())) {
				throw new ArchiveException(manifestFile, "has chunks of '" + c.file() + "', which is no disk's stream."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		List<String> notes = new ArrayList<>();
		try (var files = Files.list(dir)) {
			List<String> extra = files.map(p -> p.getFileName().toString()).filter(n -> !listed.contains(n) && !OWN.contains(n)).sorted().toList();
			if (!extra.isEmpty()) {
				notes.add("Not part of the export (not in its manifest, not read): " + String.join(", ", extra) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		} catch (IOException e) {
			throw new ArchiveException(dir, "cannot be listed: " + e.getMessage()); //$NON-NLS-1$
		}
		return notes;
	}

	private static void checkVm(Path file, ExportedVm vm) throws ArchiveException {
		if (!name(vm.name())) {
			throw new ArchiveException(file, "gives the VM the name '" + vm.name() //$NON-NLS-1$
					+ "': a name is 1 to 100 characters, without '/', control characters or a leading dot."); //$NON-NLS-1$
		}
		if (vm.memory() <= 0 || vm.memory() > MAX_MEMORY) {
			throw new ArchiveException(file, "gives the VM " + vm.memory() + " bytes of memory: not a size a host has."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (vm.disks().size() > MAX_DISKS || vm.networks().size() > MAX_NICS) {
			throw new ArchiveException(file, "has " + vm.disks().size() + " disks and " + vm.networks().size() + " networks; at most " + MAX_DISKS //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ " of each are imported."); //$NON-NLS-1$
		}
		if (vm.shape() != null && (vm.shape().vcpus() < 1 || vm.shape().vcpus() > MAX_VCPUS || vm.shape().nics().size() > MAX_NICS)) {
			throw new ArchiveException(file, "gives the VM " + vm.shape().vcpus() + " virtual CPUs and " + vm.shape().nics().size() //$NON-NLS-1$ //$NON-NLS-2$
					+ " NICs: not a VM a host runs."); //$NON-NLS-1$
		}
		Set<String> targets = new HashSet<>();
		Set<String> paths = new HashSet<>();
		for (ExportedVm.Disk d : vm.disks()) {
			String disk = "disk '" + d.target() + "'"; //$NON-NLS-1$ //$NON-NLS-2$
			if (!TARGET.matcher(d.target()).matches() || !targets.add(d.target())) {
				throw new ArchiveException(file, "has a " + disk + ": a disk is named like vda, sdb or nvme0n1, each name once."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (d.path().isEmpty() || !paths.add(d.path())) {
				throw new ArchiveException(file, "gives " + disk + " the image path '" + d.path() + "', empty or another disk's too."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (!PLAIN.matcher(d.file()).matches() || !name(d.volume())) {
				throw new ArchiveException(file, "gives " + disk + " the stream '" + d.file() + "' and volume '" + d.volume() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ "': a stream is a plain file name, a volume a name without '/', control characters or a leading dot."); //$NON-NLS-1$
			}
			if (!FORMATS.contains(d.format())) {
				throw new ArchiveException(file, "gives " + disk + " the format '" + d.format() + "'; an export holds raw or qcow2 images."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (d.capacity() <= 0 || d.capacity() > MAX_DISK || d.size() <= 0 || d.size() > MAX_DISK
					|| "raw".equals(d.format()) && d.size() > d.capacity()) { //$NON-NLS-1$
				throw new ArchiveException(file, "gives " + disk + " a capacity of " + d.capacity() + " bytes and an image of " + d.size() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " bytes: not a disk (a raw image is at most its capacity)."); //$NON-NLS-1$
			}
		}
	}

	/** A VM's or a volume's name: 1 to 100 characters, no '/', no control character, no leading dot. */
	static boolean name(String name) {
		return name != null && !name.isBlank() && name.length() <= 100 && !name.startsWith(".") //$NON-NLS-1$
				&& name.chars().noneMatch(c -> c == '/' || c < 0x20 || c == 0x7f);
	}

	/**
	 * The first bytes of a disk's image, checked for what would reach outside the VM: a qcow2
	 * image must be one (magic, version 2 or 3) and self-contained, naming no backing file and no
	 * external data file (either would make the host open a file the image names).
	 *
	 * @param head the image's first bytes (its first chunk), or {@code null} when that chunk is a hole
	 */
	static void checkImageHead(Path file, ExportedVm.Disk disk, byte[] head, int length) throws ArchiveException {
		if (!"qcow2".equals(disk.format())) { //$NON-NLS-1$
			return; // a raw image is data only: the host is told its format and never probes it
		}
		java.nio.ByteBuffer b = head == null ? null : java.nio.ByteBuffer.wrap(head, 0, length);
		if (b == null || length < 104 || b.getInt(0) != 0x514649fb || b.getInt(4) < 2 || b.getInt(4) > 3) {
			throw new ArchiveException(file, "does not begin with a qcow2 header (version 2 or 3), yet " + ExportedVm.FILE + " says disk " //$NON-NLS-1$ //$NON-NLS-2$
					+ disk.target() + " is qcow2."); //$NON-NLS-1$
		}
		long backing = b.getLong(8);
		if (backing != 0) {
			int size = b.getInt(16);
			String name = backing > 0 && size > 0 && size < 1024 && backing + size <= length
					? new String(head, (int) backing, size, java.nio.charset.StandardCharsets.UTF_8)
					: "?"; //$NON-NLS-1$
			throw new ArchiveException(file, "holds a qcow2 image that names the backing file '" + name //$NON-NLS-1$
					+ "': the host would open that file. HostDeck imports self-contained images only; export the VM again (a linked clone is exported whole)."); //$NON-NLS-1$
		}
		if (b.getInt(4) == 3) {
			long incompatible = b.getLong(72);
			if ((incompatible & 4) != 0) {
				throw new ArchiveException(file, "holds a qcow2 image whose data lives in an external file: the host would open that file. HostDeck imports self-contained images only."); //$NON-NLS-1$
			}
			if ((incompatible & ~0x1bL) != 0) {
				throw new ArchiveException(file, "holds a qcow2 image with features HostDeck does not know (incompatible feature bits 0x" //$NON-NLS-1$
						+ Long.toHexString(incompatible) + ")."); //$NON-NLS-1$
			}
		}
	}

	/** The chunks of one stream tile {@code [0, size)} of the image, in order, each at most {@link Codec#CHUNK}. */
	private static void checkChunks(Path file, ExportedVm.Disk disk, List<Manifest.Chunk> chunks) throws ArchiveException {
		long next = 0;
		for (Manifest.Chunk c : chunks) {
			if (c.rawOffset() != next) {
				throw new ArchiveException(file, "chunk " + c.index() + " starts at byte " + c.rawOffset() + " of the image; the chunk before ends at " + next //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ ". Chunks must follow each other without gap or overlap."); //$NON-NLS-1$
			}
			if (c.rawLength() <= 0 || c.rawLength() > Codec.CHUNK || !c.hole() && (c.storedLength() <= 0 || c.storedLength() > Codec.FRAME_BOUND
					|| c.storedOffset() < 0)) {
				throw new ArchiveException(file, "chunk " + c.index() + " claims " + c.rawLength() + " bytes from " + c.storedLength() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " stored; a chunk holds 1 to " + Codec.CHUNK + " bytes."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			next += c.rawLength();
		}
		if (next != disk.size()) {
			throw new ArchiveException(file, "holds " + Sizes.format(next) + " (" + next + " bytes) of disk " + disk.target() + "; " + ExportedVm.FILE //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ " says its image has " + disk.size() + " bytes."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}
}
