package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.model.util.Sizes;

/**
 * Checks an export on disk against its manifest: every file there with its size and SHA-256,
 * every chunk's stored bytes with their SHA-256 and decompressing (zstd's own checksum) to the
 * size recorded. Used after an export (Verify), before every import, and by Verify Archive.
 */
public final class ArchiveVerifier {

	private ArchiveVerifier() {
	}

	/**
	 * @return the manifest, once everything matched
	 * @throws ArchiveException naming the first file (and chunk) that does not match and what is wrong
	 */
	public static Manifest verify(Path dir, IProgressMonitor monitor) throws ArchiveException, IOException {
		return verifyAll(dir, monitor).manifest();
	}

	/**
	 * An export that passed every check.
	 *
	 * @param notes what the result should say besides (files beside the export that were not read)
	 */
	public record Verified(Manifest manifest, ExportedVm vm, List<String> notes) {
	}

	/**
	 * Checks the export's structure ({@link ExportStructure}), then every byte, then the head of
	 * each image.
	 *
	 * @throws ArchiveException naming the first file (and chunk) that does not match and what is wrong
	 */
	public static Verified verifyAll(Path dir, IProgressMonitor monitor) throws ArchiveException, IOException {
		Manifest manifest = Manifest.read(dir);
		ExportedVm vm = ExportedVm.read(dir);
		List<String> notes = ExportStructure.check(dir, manifest, vm);
		long total = manifest.files().stream().mapToLong(Manifest.FileEntry::size).sum();
		SubMonitor progress = SubMonitor.convert(monitor, "Verifying " + dir.getFileName(), (int) Math.max(1, total >> 20)); //$NON-NLS-1$
		for (Manifest.FileEntry entry : manifest.files()) {
			Path file = dir.resolve(entry.name());
			if (!Files.isRegularFile(file)) {
				throw new ArchiveException(file, "is missing (the manifest lists it). The export is incomplete; export the VM again."); //$NON-NLS-1$
			}
			long size = Files.size(file);
			if (size != entry.size()) {
				throw new ArchiveException(file, "has " + size + " bytes; the manifest says " + entry.size() //$NON-NLS-1$ //$NON-NLS-2$
						+ ". It was cut short or changed; export the VM again."); //$NON-NLS-1$
			}
			ExportedVm.Disk disk = vm.disks().stream().filter(d -> d.file().equals(entry.name())).findFirst().orElse(null);
			checkFile(file, entry, disk, manifest.chunks(entry.name()), progress);
		}
		return new Verified(manifest, vm, notes);
	}

	/** Reads {@code file} once: its digest, and each chunk's bytes as they pass. */
	private static void checkFile(Path file, Manifest.FileEntry entry, ExportedVm.Disk disk, List<Manifest.Chunk> chunks, SubMonitor progress)
			throws IOException, ArchiveException {
		if (disk != null && !chunks.isEmpty() && chunks.get(0).hole()) {
			ExportStructure.checkImageHead(file, disk, null, 0);
		}
		MessageDigest whole = Manifest.Hashes.sha256();
		byte[] raw = new byte[Codec.CHUNK];
		long position = 0;
		try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
			for (Manifest.Chunk c : chunks) {
				if (c.hole()) {
					continue;
				}
				if (c.storedOffset() != position) {
					throw new ArchiveException(file, "chunk " + c.index() + " is not where the manifest says (" + c.storedOffset() //$NON-NLS-1$ //$NON-NLS-2$
							+ ", expected " + position + ")."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				byte[] frame = in.readNBytes(c.storedLength());
				whole.update(frame);
				position += frame.length;
				if (frame.length != c.storedLength() || !c.sha256().equals(Manifest.Hashes.sha256(frame))) {
					throw new ArchiveException(file, "chunk " + c.index() + " (bytes " + c.storedOffset() + " to " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ (c.storedOffset() + c.storedLength()) + ") does not match its checksum: the file was damaged or changed."); //$NON-NLS-1$
				}
				try {
					Codec.decompress(frame, frame.length, raw, c.rawLength());
				} catch (IllegalArgumentException e) {
					throw new ArchiveException(file, "chunk " + c.index() + " does not decompress: " + e.getMessage() + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				if (c.index() == 0 && disk != null) {
					ExportStructure.checkImageHead(file, disk, raw, c.rawLength());
				}
				progress.worked((int) (frame.length >> 20));
				progress.subTask(file.getFileName() + ": " + Sizes.format(position) + " of " + Sizes.format(entry.size())); //$NON-NLS-1$ //$NON-NLS-2$
				if (progress.isCanceled()) {
					throw new org.eclipse.core.runtime.OperationCanceledException();
				}
			}
			byte[] rest = in.readAllBytes();
			whole.update(rest);
		}
		if (!entry.sha256().equals(Manifest.Hashes.hex(whole.digest()))) {
			throw new ArchiveException(file, "does not match its checksum in the manifest: the file was damaged or changed."); //$NON-NLS-1$
		}
	}
}
