package org.hostdeck.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far an import into a host got, kept in the export's folder: for each disk stream, the
 * chunks before which everything is in the target volume (written when an upload of a run of
 * chunks has ended, so the host has the bytes). An import that was cut off without cleaning up
 * (the program killed, the host gone mid-way) finds it and the volumes it made, checks the last
 * recorded chunk against the volume, and goes on from there. It belongs to one target (host,
 * pool, VM name): an import elsewhere starts afresh. Gone when the import ends, either way.
 */
final class ImportJournal {

	static final String NAME = "import.journal"; //$NON-NLS-1$
	private static final String HEADER = "hostdeck-import-journal 1 "; //$NON-NLS-1$

	private final Path path;
	private final Map<String, Integer> done;

	private ImportJournal(Path path, Map<String, Integer> done) {
		this.path = path;
		this.done = done;
	}

	/**
	 * The journal of an import of {@code dir} into {@code target} (host, pool and name in one
	 * line): what an earlier, cut-off import recorded, or nothing. {@code null} when the folder
	 * cannot be written (a read-only copy: the import then cannot be resumed, and still works).
	 */
	static ImportJournal open(Path dir, String target) {
		Path path = dir.resolve(NAME);
		Map<String, Integer> done = new HashMap<>();
		try {
			if (Files.exists(path)) {
				List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
				if (!lines.isEmpty() && lines.get(0).equals(HEADER + target)) {
					for (String line : lines.subList(1, lines.size())) {
						int space = line.lastIndexOf(' ');
						if (space > 0) {
							int count;
							try {
								count = Integer.parseInt(line.substring(space + 1));
							} catch (NumberFormatException e) {
								break; // a line cut by the crash: what came before stands
							}
							if (count < 0) {
								break; // not written by HostDeck: what came before stands
							}
							done.put(line.substring(0, space), count);
						}
					}
				}
			}
			Files.writeString(path, HEADER + target + "\n" + lines(done), StandardCharsets.UTF_8); //$NON-NLS-1$
			return new ImportJournal(path, done);
		} catch (IOException e) {
			return null;
		}
	}

	/** Whether a cut-off import of {@code dir} into {@code target} left a journal (read only; for pre-checks). */
	static boolean left(Path dir, String target) {
		try {
			List<String> lines = Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8);
			return !lines.isEmpty() && lines.get(0).equals(HEADER + target); // even with no chunk yet: its volumes may be there
		} catch (IOException e) {
			return false;
		}
	}

	/** Chunks of disk stream {@code file} already in its volume (0: none). */
	int done(String file) {
		return done.getOrDefault(file, 0);
	}

	/** Whether an earlier import recorded anything. */
	boolean resumes() {
		return done.values().stream().anyMatch(n -> n > 0);
	}

	/** Everything of {@code file} before chunk {@code next} is in its volume; synced before it returns. */
	void record(String file, int next) throws IOException {
		done.put(file, next);
		Files.writeString(path, file + " " + next + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Forgets a disk whose volume turned out not to hold what was recorded. */
	void restart(String file) throws IOException {
		record(file, 0);
	}

	void delete() {
		try {
			Files.deleteIfExists(path);
		} catch (IOException e) {
			// a stale journal only costs the next import of this folder a check
		}
	}

	private static String lines(Map<String, Integer> done) {
		StringBuilder b = new StringBuilder();
		done.forEach((f, n) -> b.append(f).append(' ').append(n).append('\n'));
		return b.toString();
	}
}
