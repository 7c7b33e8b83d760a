package org.hostdeck.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of an export, written last: every file with its size and SHA-256, and
 * every chunk of every disk stream (where its raw bytes go in the volume, where its compressed
 * bytes are in the file, their SHA-256; or a hole of zeros). A folder without it is an export
 * that did not finish and is never imported. The last line holds the SHA-256 of all lines before
 * it, so a manifest cut short or edited is refused too.
 *
 * <pre>
 * hostdeck-export 1
 * file vm.xml 2188 9f86d0...
 * chunk disk-0.zst 0 0 4194304 0 1201331 2c26b4...
 * hole disk-0.zst 1 4194304 4194304
 * end 7d865e...
 * </pre>
 */
public final class Manifest {

	public static final String NAME = "manifest.txt"; //$NON-NLS-1$
	private static final String HEADER = "hostdeck-export 1"; //$NON-NLS-1$

	/** A file of the export. */
	public record FileEntry(String name, long size, String sha256) {
	}

	/**
	 * A chunk of a disk stream: {@code rawLength} bytes of the volume at {@code rawOffset}, stored
	 * compressed as {@code storedLength} bytes at {@code storedOffset} of {@code file}; a hole
	 * (all zeros) stores nothing and has no hash.
	 */
	public record Chunk(String file, int index, long rawOffset, int rawLength, long storedOffset, int storedLength,
			String sha256) {

		public boolean hole() {
			return sha256 == null;
		}

		/** The manifest (and journal) line. */
		String line() {
			return hole() ? "hole " + file + ' ' + index + ' ' + rawOffset + ' ' + rawLength //$NON-NLS-1$
					: "chunk " + file + ' ' + index + ' ' + rawOffset + ' ' + rawLength + ' ' + storedOffset + ' ' + storedLength //$NON-NLS-1$
							+ ' ' + sha256;
		}

		/** Parses a {@link #line()}; {@code null} when it is not one. */
		static Chunk parse(String line) {
			String[] f = line.split(" "); //$NON-NLS-1$
			if (f.length < 2 || !ExportStructure.name(f[1])) {
				return null; // a stream is a file of the export folder itself: no path, no leading dot
			}
			try {
				Chunk c = null;
				if (f.length == 5 && "hole".equals(f[0])) { //$NON-NLS-1$
					c = new Chunk(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]), 0, 0, null);
				}
				if (f.length == 8 && "chunk".equals(f[0]) && f[7].length() == 64) { //$NON-NLS-1$
					c = new Chunk(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]),
							Integer.parseInt(f[6]), f[7]);
				}
				// no negative index, offset or length: what reads a chunk (export journal, verifier, import) relies on it
				return c == null || c.index() < 0 || c.rawOffset() < 0 || c.rawLength() < 0 || c.storedOffset() < 0 || c.storedLength() < 0 ? null : c;
			} catch (NumberFormatException e) {
				return null;
			}
		}
	}

	private final List<FileEntry> files;
	private final List<Chunk> chunks;

	public Manifest(List<FileEntry> files, List<Chunk> chunks) {
		this.files = List.copyOf(files);
		this.chunks = List.copyOf(chunks);
	}

	public List<FileEntry> files() {
		return files;
	}

	public List<Chunk> chunks() {
		return chunks;
	}

	/** The chunks of {@code file}, in order. */
	public List<Chunk> chunks(String file) {
		return chunks.stream().filter(c -> c.file().equals(file)).toList();
	}

	public FileEntry file(String name) {
		return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
	}

	/** Writes the manifest into {@code dir} in one step (a temp file renamed), so it is there whole or not at all. */
	public void write(Path dir) throws IOException {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		for (FileEntry f : files) {
			text.append("file ").append(f.name()).append(' ').append(f.size()).append(' ').append(f.sha256()).append('\n'); //$NON-NLS-1$
		}
		for (Chunk c : chunks) {
			text.append(c.line()).append('\n');
		}
		String closing = Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
		text.append("end ").append(closing).append('\n'); //$NON-NLS-1$
		Path temp = dir.resolve(NAME + ".part"); //$NON-NLS-1$
		Files.writeString(temp, text, StandardCharsets.UTF_8);
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		try {
			Files.move(temp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(temp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Reads the manifest of the export in {@code dir}.
	 *
	 * @throws ArchiveException naming the file and what is wrong: missing (an export that did not
	 *                          finish), cut short, edited, or malformed at a line
	 */
	public static Manifest read(Path dir) throws ArchiveException {
		Path file = dir.resolve(NAME);
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			throw new ArchiveException(file, "is missing: the export did not finish (it was cancelled, interrupted or is still running)." //$NON-NLS-1$
					+ " Resume or repeat the export."); //$NON-NLS-1$
		} catch (IOException e) {
			throw new ArchiveException(file, "cannot be read: " + e.getMessage()); //$NON-NLS-1$
		}
		if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
			throw new ArchiveException(file, "is not a HostDeck export manifest (its first line is not '" + HEADER + "')."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String last = lines.get(lines.size() - 1);
		StringBuilder body = new StringBuilder();
		for (String line : lines.subList(0, lines.size() - 1)) {
			body.append(line).append('\n');
		}
		if (!last.startsWith("end ") || !last.substring(4).equals(Hashes.sha256(body.toString().getBytes(StandardCharsets.UTF_8)))) { //$NON-NLS-1$
			throw new ArchiveException(file, "is cut short or was changed (its closing checksum does not match). Export the VM again."); //$NON-NLS-1$
		}
		List<FileEntry> files = new ArrayList<>();
		List<Chunk> chunks = new ArrayList<>();
		Map<String, Integer> nextIndex = new LinkedHashMap<>();
		for (int n = 1; n < lines.size() - 1; n++) {
			String line = lines.get(n);
			String[] f = line.split(" "); //$NON-NLS-1$
			if (f.length == 4 && "file".equals(f[0]) && f[3].length() == 64 && !f[1].contains("/")) { //$NON-NLS-1$ //$NON-NLS-2$
				try {
					files.add(new FileEntry(f[1], Long.parseLong(f[2]), f[3]));
					continue;
				} catch (NumberFormatException e) {
					// reported below
				}
			}
			Chunk c = Chunk.parse(line);
			if (c == null || c.index() != nextIndex.getOrDefault(c.file(), 0)) {
				throw new ArchiveException(file, "line " + (n + 1) + " is malformed: " + line); //$NON-NLS-1$ //$NON-NLS-2$
			}
			nextIndex.put(c.file(), c.index() + 1);
			chunks.add(c);
		}
		return new Manifest(files, chunks);
	}

	/** Hex SHA-256. */
	static final class Hashes {
		private Hashes() {
		}

		static java.security.MessageDigest sha256() {
			try {
				return java.security.MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
			} catch (java.security.NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}

		static String sha256(byte[] data) {
			return hex(sha256().digest(data));
		}

		static String sha256(byte[] data, int offset, int length) {
			java.security.MessageDigest digest = sha256();
			digest.update(data, offset, length);
			return hex(digest.digest());
		}

		static String hex(byte[] digest) {
			return HexFormat.of().formatHex(digest);
		}
	}
}
