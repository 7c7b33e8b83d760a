package org.hostdeck.core.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an export in progress has written so far, chunk by chunk, so that an interrupted export
 * (cancelled, crashed, killed, disk full) resumes from its last verified chunk. On opening, each
 * recorded chunk is checked against the stream file; the first that does not match, and all
 * after it, are dropped. Gone once the manifest is written.
 */
final class ExportJournal implements AutoCloseable {

	static final String NAME = "export.journal"; //$NON-NLS-1$
	private static final String HEADER = "hostdeck-export-journal 1 "; //$NON-NLS-1$
	/**
	 * Time between two syncs of the journal to disk: a sync is costly (the file system may flush
	 * other files' data with it), and lines lost in a crash only mean that work is done again.
	 */
	private static final long SYNC_EVERY_NANOS = 1_000_000_000L;

	private final Path path;
	private final List<Manifest.Chunk> chunks;
	private BufferedWriter out;
	private FileChannel channel;
	private long lastSync = System.nanoTime();

	private ExportJournal(Path path, List<Manifest.Chunk> chunks) {
		this.path = path;
		this.chunks = chunks;
	}

	/** Whether {@code dir} holds an export that can be resumed. */
	static boolean exists(Path dir) {
		return Files.isRegularFile(dir.resolve(NAME));
	}

	/**
	 * Checks, by its first line only, that the journal in {@code dir} belongs to the VM {@code uuid}.
	 *
	 * @throws ArchiveException when it belongs to another VM
	 */
	static void checkOwner(Path dir, String uuid) throws ArchiveException, IOException {
		Path path = dir.resolve(NAME);
		// decoded leniently, as open() does: bytes that are no UTF-8 make a line that matches nothing
		try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
			if (!(HEADER + uuid).equals(in.readLine())) {
				throw foreign(path);
			}
		}
	}

	private static ArchiveException foreign(Path path) {
		return new ArchiveException(path, "belongs to an export of another VM. Choose another folder."); //$NON-NLS-1$
	}

	/**
	 * Opens the journal of {@code dir} for the VM {@code uuid}: a new one, or the one an
	 * interrupted export left, keeping its chunks that the stream files still hold intact.
	 *
	 * @throws ArchiveException when the journal belongs to another VM or cannot be read
	 */
	static ExportJournal open(Path dir, String uuid) throws ArchiveException, IOException {
		Path path = dir.resolve(NAME);
		List<Manifest.Chunk> kept = new ArrayList<>();
		if (Files.exists(path)) {
			// decoded leniently: a line with bytes that are no UTF-8 (damage, or not written by HostDeck) is a broken line
			List<String> lines = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().toList();
			if (lines.isEmpty() || !lines.get(0).equals(HEADER + uuid)) {
				throw foreign(path);
			}
			java.util.Set<String> broken = new java.util.HashSet<>();
			for (String line : lines.subList(1, lines.size())) {
				Manifest.Chunk c = Manifest.Chunk.parse(line);
				if (c == null || broken.contains(c.file()) || c.index() != next(kept, c.file()) || !intact(dir, c)) {
					if (c != null) {
						broken.add(c.file()); // a chunk cut short by the interruption: it and what follows are written again
					}
					continue;
				}
				kept.add(c);
			}
		}
		ExportJournal journal = new ExportJournal(path, kept);
		journal.rewrite(uuid);
		return journal;
	}

	private static int next(List<Manifest.Chunk> chunks, String file) {
		int n = 0;
		for (Manifest.Chunk c : chunks) {
			if (c.file().equals(file)) {
				n = c.index() + 1;
			}
		}
		return n;
	}

	/** Whether the stream file holds {@code c}'s bytes as recorded. */
	static boolean intact(Path dir, Manifest.Chunk c) throws IOException {
		if (c.hole()) {
			return true;
		}
		Path file = dir.resolve(c.file());
		if (!Files.exists(file) || Files.size(file) < c.storedOffset() + c.storedLength()) {
			return false;
		}
		return c.sha256().equals(Manifest.Hashes.sha256(read(file, c)));
	}

	/** The stored bytes of {@code c}. */
	static byte[] read(Path file, Manifest.Chunk c) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer bytes = ByteBuffer.allocate(c.storedLength());
			while (bytes.hasRemaining()) {
				if (ch.read(bytes, c.storedOffset() + bytes.position()) < 0) {
					throw new IOException(file + " ends before chunk " + c.index()); //$NON-NLS-1$
				}
			}
			return bytes.array();
		}
	}

	private void rewrite(String uuid) throws IOException {
		StringBuilder text = new StringBuilder(HEADER).append(uuid).append('\n');
		for (Manifest.Chunk c : chunks) {
			text.append(c.line()).append('\n');
		}
		Files.writeString(path, text, StandardCharsets.UTF_8);
		channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		out = new BufferedWriter(java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8));
	}

	/** The chunks kept (and recorded since) for {@code file}, in order. */
	List<Manifest.Chunk> chunks(String file) {
		return chunks.stream().filter(c -> c.file().equals(file)).toList();
	}

	List<Manifest.Chunk> chunks() {
		return List.copyOf(chunks);
	}

	/** Records a chunk the stream file now holds. */
	void add(Manifest.Chunk c) {
		chunks.add(c);
		try {
			out.write(c.line());
			out.write('\n');
			if (System.nanoTime() - lastSync >= SYNC_EVERY_NANOS) {
				sync();
			}
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	void sync() throws IOException {
		out.flush();
		channel.force(false);
		lastSync = System.nanoTime();
	}

	@Override
	public void close() throws IOException {
		if (out != null) {
			out.close();
			out = null;
		}
	}

	/** Removes the journal (the manifest is written: the export is whole). */
	void delete() throws IOException {
		close();
		Files.deleteIfExists(path);
	}
}
