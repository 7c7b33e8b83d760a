package org.hostdeck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the fuzz targets share: an input cut into the parts of a file set (the parts separated by
 * {@link #SEPARATOR}, so seeds are written by hand or by {@link Seeds} and stay readable), and a
 * scratch folder emptied before each input.
 */
public final class Inputs {

	/** Between two parts of one input. */
	public static final byte[] SEPARATOR = "\n==hostdeck-fuzz==\n".getBytes(StandardCharsets.US_ASCII);

	private Inputs() {
	}

	/** {@code data} cut at each separator into exactly {@code count} parts (missing ones empty, extra ones kept in the last). */
	public static byte[][] parts(byte[] data, int count) {
		List<byte[]> parts = new ArrayList<>();
		int from = 0;
		while (parts.size() < count - 1) {
			int at = indexOf(data, SEPARATOR, from);
			if (at < 0) {
				break;
			}
			parts.add(Arrays.copyOfRange(data, from, at));
			from = at + SEPARATOR.length;
		}
		parts.add(Arrays.copyOfRange(data, Math.min(from, data.length), data.length));
		while (parts.size() < count) {
			parts.add(new byte[0]);
		}
		return parts.toArray(byte[][]::new);
	}

	/** Parts joined as {@link #parts} cuts them. */
	public static byte[] join(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				out.writeBytes(SEPARATOR);
			}
			out.writeBytes(parts[i]);
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] wanted, int from) {
		outer: for (int i = from; i <= data.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (data[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** An empty scratch folder of the target {@code name} (the same one each time: inputs run one after another). */
	public static Path scratch(String name) {
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "hostdeck-fuzz-" + ProcessHandle.current().pid(), name);
		try {
			if (Files.exists(dir)) {
				try (Stream<Path> all = Files.walk(dir)) {
					for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
						if (!p.equals(dir)) {
							Files.delete(p);
						}
					}
				}
			} else {
				Files.createDirectories(dir);
			}
			return dir;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Fails the input: an invariant of what was accepted does not hold. */
	public static void check(boolean holds, String what) {
		if (!holds) {
			throw new IllegalStateException("accepted, but " + what);
		}
	}
}
