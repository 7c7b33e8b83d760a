package org.hostdeck.core.archive.ova;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The POSIX ustar format an OVA is (OVF 1.x, section 5.3): 512-byte headers, each file's data
 * padded to 512 bytes, two zero blocks at the end. Only regular files; names up to 100 bytes.
 */
public final class Tar {

	public static final int BLOCK = 512;

	private Tar() {
	}

	/** The header block of a regular file {@code name} of {@code size} bytes. */
	public static byte[] header(String name, long size, long mtimeSeconds) {
		byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
		if (name8.length > 100) {
			throw new IllegalArgumentException("A file name in an OVA is at most 100 bytes: " + name); //$NON-NLS-1$
		}
		byte[] h = new byte[BLOCK];
		System.arraycopy(name8, 0, h, 0, name8.length);
		octal(h, 100, 8, 0644);
		octal(h, 108, 8, 0);
		octal(h, 116, 8, 0);
		octal(h, 124, 12, size);
		octal(h, 136, 12, mtimeSeconds);
		Arrays.fill(h, 148, 156, (byte) ' '); // the checksum counts its own field as spaces
		h[156] = '0';
		System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6); //$NON-NLS-1$
		h[263] = '0';
		h[264] = '0';
		long sum = 0;
		for (byte b : h) {
			sum += b & 0xff;
		}
		octal(h, 148, 7, sum);
		h[155] = ' ';
		return h;
	}

	/** Zero bytes that pad {@code size} bytes of data to a whole block. */
	public static int padding(long size) {
		return (int) ((BLOCK - size % BLOCK) % BLOCK);
	}

	/** The end of an archive: two zero blocks. */
	public static void end(OutputStream out) throws IOException {
		out.write(new byte[2 * BLOCK]);
	}

	private static void octal(byte[] h, int at, int width, long value) {
		String s = Long.toOctalString(value);
		if (s.length() > width - 1) {
			throw new IllegalArgumentException("too large for a tar header: " + value); //$NON-NLS-1$
		}
		s = "0".repeat(width - 1 - s.length()) + s; //$NON-NLS-1$
		System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, at, width - 1);
		h[at + width - 1] = 0;
	}

	/** A file in an archive: its name, size and where its data starts. */
	public record Entry(String name, long size, long offset) {
	}

	/**
	 * Reads the header at the stream's position (a block boundary).
	 *
	 * @param offset where the header is in the archive, to record where the data starts
	 * @return the entry, or {@code null} at the end of the archive
	 * @throws IOException when the header is damaged (its checksum does not match) or cut short
	 */
	public static Entry next(InputStream in, long offset) throws IOException {
		byte[] h = in.readNBytes(BLOCK);
		if (h.length == 0) {
			return null;
		}
		if (h.length < BLOCK) {
			throw new EOFException("the archive ends inside a header"); //$NON-NLS-1$
		}
		boolean zero = true;
		for (byte b : h) {
			if (b != 0) {
				zero = false;
				break;
			}
		}
		if (zero) {
			return null;
		}
		long stored = parseOctal(h, 148, 8);
		long sum = 0;
		for (int i = 0; i < BLOCK; i++) {
			sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
		}
		if (sum != stored) {
			throw new IOException("a tar header's checksum does not match at byte " + offset); //$NON-NLS-1$
		}
		int end = 0;
		while (end < 100 && h[end] != 0) {
			end++;
		}
		String name = new String(h, 0, end, StandardCharsets.UTF_8);
		if (h[345] != 0 && h[257] == 'u') {
			int pend = 345;
			while (pend < 500 && h[pend] != 0) {
				pend++;
			}
			name = new String(h, 345, pend - 345, StandardCharsets.UTF_8) + "/" + name; //$NON-NLS-1$
		}
		long size = parseOctal(h, 124, 12);
		char type = (char) h[156];
		if (type != '0' && type != 0) {
			// a folder, link or extended header: not data, skipped by the caller like any entry
			name = type == 'x' || type == 'g' ? "" : name; //$NON-NLS-1$
		}
		return new Entry(name, size, offset + BLOCK);
	}

	private static long parseOctal(byte[] h, int at, int width) throws IOException {
		long v = 0;
		int i = at;
		int end = at + width;
		while (i < end && (h[i] == ' ' || h[i] == 0)) {
			i++;
		}
		for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
			v = v * 8 + (h[i] - '0');
		}
		return v;
	}
}
