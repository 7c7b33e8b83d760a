package org.hostdeck.core.archive.ova;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVA packages with a file of 9 GiB (the ustar size field ends below 8 GiB): written by HostDeck
 * and read back, and read from packages GNU tar wrote (POSIX and GNU formats). The 9 GiB are
 * zeros but for a mark at the end, and every archive is kept sparse on disk.
 */
class TarTest {

	private static final long SIZE = 9L << 30;
	private static final byte[] MARK = "the last bytes of a 9 GiB disk".getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path dir;

	/** Writes into a file, leaving whole zero blocks as holes (the file stays sparse). */
	private static final class SparseOutput extends OutputStream {
		private final FileChannel channel;
		private long position;
		private byte[] zeros = new byte[1 << 16];

		SparseOutput(Path file) throws IOException {
			channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			while (zeros.length < len) {
				zeros = new byte[zeros.length * 2];
			}
			if (java.util.Arrays.mismatch(b, off, off + len, zeros, 0, len) >= 0) {
				ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
				while (buffer.hasRemaining()) {
					channel.write(buffer, position + buffer.position() - off);
				}
			}
			position += len;
		}

		@Override
		public void close() throws IOException {
			if (channel.size() < position) {
				channel.write(ByteBuffer.wrap(new byte[1]), position - 1);
			}
			channel.close();
		}
	}

	/** {@link #SIZE} zeros ending in {@link #MARK}. */
	private static InputStream bigDisk() {
		return new InputStream() {
			private long at;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (at >= SIZE) {
					return -1;
				}
				int n = (int) Math.min(len, SIZE - at);
				java.util.Arrays.fill(b, off, off + n, (byte) 0);
				long markAt = SIZE - MARK.length;
				for (long i = Math.max(at, markAt); i < at + n; i++) {
					b[off + (int) (i - at)] = MARK[(int) (i - markAt)];
				}
				at += n;
				return n;
			}
		};
	}

	/** The last {@code MARK.length} bytes of {@code entry} in {@code archive}. */
	private static String tail(Path archive, Tar.Entry entry) throws IOException {
		try (FileChannel ch = FileChannel.open(archive)) {
			ByteBuffer b = ByteBuffer.allocate(MARK.length);
			ch.read(b, entry.offset() + entry.size() - MARK.length);
			return new String(b.array(), StandardCharsets.US_ASCII);
		}
	}

	@Test
	void aNineGibFileRoundTrips() throws Exception {
		Path ova = dir.resolve("big.ova");
		byte[] ovf = "<Envelope/>".getBytes(StandardCharsets.UTF_8);
		try (TarArchiveOutputStream tar = Tar.writer(new java.io.BufferedOutputStream(new SparseOutput(ova), 1 << 20))) {
			Tar.add(tar, "big.ovf", ovf.length, 0, new java.io.ByteArrayInputStream(ovf));
			Tar.add(tar, "big-disk001.vmdk", SIZE, 0, new java.io.BufferedInputStream(bigDisk(), 1 << 20));
			tar.finish();
		}
		Tar.Listing listing = Tar.list(ova);
		assertEquals(List.of("big.ovf", "big-disk001.vmdk"), listing.files().stream().map(Tar.Entry::name).toList());
		assertEquals(SIZE, listing.files().get(1).size());
		assertEquals(new String(MARK, StandardCharsets.US_ASCII), tail(ova, listing.files().get(1)));
		assertEquals(List.of(), listing.others());
		// GNU tar reads it too, size and all
		Process gnu = new ProcessBuilder("tar", "-tvf", ova.toString()).redirectErrorStream(true).start();
		String table = new String(gnu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, gnu.waitFor(), table);
		assertTrue(table.contains(Long.toString(SIZE)) && table.contains("big-disk001.vmdk"), table);
	}

	@Test
	void packagesGnuTarWroteAreReadInBothItsFormats() throws Exception {
		Path files = Files.createDirectories(dir.resolve("files"));
		Files.writeString(files.resolve("appliance.ovf"), "<Envelope/>");
		try (FileChannel ch = FileChannel.open(files.resolve("appliance-disk1.vmdk"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ch.write(ByteBuffer.wrap(MARK), SIZE - MARK.length); // 9 GiB, sparse
		}
		Files.createSymbolicLink(files.resolve("link.vmdk"), Path.of("/etc/passwd"));
		for (String format : new String[] { "posix", "gnu" }) {
			Path ova = dir.resolve(format + ".ova");
			Process tar = new ProcessBuilder("tar", "--format=" + format, "-cf", "-", "-C", files.toString(), "appliance.ovf", "appliance-disk1.vmdk",
					"link.vmdk").redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try (InputStream in = tar.getInputStream(); OutputStream out = new SparseOutput(ova)) {
				byte[] buffer = new byte[1 << 20];
				int n;
				while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
					out.write(buffer, 0, n);
				}
			}
			assertEquals(0, tar.waitFor(), "GNU tar, " + format);
			Tar.Listing listing = Tar.list(ova);
			assertEquals(List.of("appliance.ovf", "appliance-disk1.vmdk"), listing.files().stream().map(Tar.Entry::name).toList(), format);
			assertEquals(SIZE, listing.files().get(1).size(), format);
			assertEquals(new String(MARK, StandardCharsets.US_ASCII), tail(ova, listing.files().get(1)), format);
			assertEquals(List.of("link.vmdk"), listing.others(), "a link is no file of the package (" + format + ")");
		}
	}
}
