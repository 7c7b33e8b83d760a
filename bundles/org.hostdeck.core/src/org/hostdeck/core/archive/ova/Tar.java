package org.hostdeck.core.archive.ova;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The tar an OVA is (OVF 1.x and 2.x, section 5.3), written and read by Apache Commons Compress:
 * ustar headers, and a POSIX (pax) header only where a value does not fit one (a file of 8 GiB or
 * more, a name over 100 bytes), as GNU tar's {@code --format=posix} writes; GNU's base-256 sizes
 * and long names are read too. Only regular files count as a package's files.
 */
public final class Tar {

	private Tar() {
	}

	/** A regular file in an archive: its name, size and where its data starts. */
	public record Entry(String name, long size, long offset) {
	}

	/** The regular files of an archive, and the names of what else it holds (folders, links, devices, sparse files). */
	public record Listing(List<Entry> files, List<String> others) {
	}

	/** A tar writer onto {@code out}; {@link TarArchiveOutputStream#finish()} ends the archive. */
	public static TarArchiveOutputStream writer(OutputStream out) {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		return tar;
	}

	/** Adds the regular file {@code name}: {@code size} bytes from {@code data}. */
	public static void add(TarArchiveOutputStream tar, String name, long size, long mtimeSeconds, InputStream data) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setSize(size);
		entry.setModTime(mtimeSeconds * 1000);
		entry.setMode(0100644);
		tar.putArchiveEntry(entry);
		long copied = data.transferTo(tar);
		if (copied != size) {
			throw new IOException(name + " had " + copied + " bytes, not " + size + " as announced"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		tar.closeArchiveEntry();
	}

	/**
	 * Reads the headers of the archive at {@code path} (not its files' data).
	 *
	 * @throws java.io.EOFException when it is cut short
	 * @throws IOException when it is not a tar archive, or its headers are damaged
	 */
	public static Listing list(Path path) throws IOException {
		List<Entry> files = new ArrayList<>();
		List<String> others = new ArrayList<>();
		if (java.nio.file.Files.size(path) % 512 != 0) {
			throw new java.io.EOFException("the archive ends inside a 512-byte block"); //$NON-NLS-1$
		}
		try (TarFile tar = new TarFile(path)) {
			for (TarArchiveEntry e : tar.getEntries()) {
				boolean regular = !e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice() && !e.isBlockDevice()
						&& !e.isFIFO() && !e.isSparse() && !e.isGlobalPaxHeader() && (e.isFile());
				if (regular) {
					files.add(new Entry(e.getName(), e.getSize(), e.getDataOffset()));
				} else {
					others.add(e.getName());
				}
			}
		} catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e); // a header Commons Compress cannot parse
		} catch (IOException e) {
			if (String.valueOf(e.getMessage()).startsWith("Truncated")) { //$NON-NLS-1$
				throw new java.io.EOFException("the archive ends inside a file"); //$NON-NLS-1$
			}
			throw e;
		}
		return new Listing(files, others);
	}
}
