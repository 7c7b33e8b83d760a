package org.hostdeck.core.archive.ova;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A disk as a stream-optimized VMDK (VMware's Virtual Disk Format 1.1, "streamOptimized"): the
 * format OVA packages carry and virt-v2v, VirtualBox, VMware and XenCenter import. A sparse
 * extent header, the text descriptor, then each grain of 64 KiB that is not all zeros as a
 * marker (its sector, its length) and its zlib-compressed bytes, then the grain tables, the grain
 * directory, a footer (the header again, now with where the directory is) and an end marker.
 * Written front to back in one pass, so it can be produced while a volume streams in.
 */
public final class StreamVmdk {

	static final int SECTOR = 512;
	static final int GRAIN_SECTORS = 128;
	static final int GRAIN = GRAIN_SECTORS * SECTOR;
	private static final int ENTRIES_PER_GT = 512;
	private static final int MAGIC = 0x564d444b; // "KDMV" little-endian
	private static final int FLAGS = 1 | 1 << 16 | 1 << 17; // newline test, compressed grains, markers
	private static final long GD_AT_END = -1L;
	private static final int MARKER_EOS = 0;
	private static final int MARKER_GT = 1;
	private static final int MARKER_GD = 2;
	private static final int MARKER_FOOTER = 3;

	private StreamVmdk() {
	}

	/** Writes a volume's bytes, in order, as a stream-optimized VMDK. */
	public static final class Writer implements AutoCloseable {

		private final OutputStream out;
		private final long capacity;
		private final long[] gt;
		private final byte[] grain = new byte[GRAIN];
		private final byte[] compressed = new byte[GRAIN + GRAIN / 8 + 64];
		private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		private final long descriptorSectors;
		private int filled;
		private long grainIndex;
		private long position;
		private boolean closed;

		/**
		 * @param out      where the VMDK goes (from its first byte)
		 * @param capacity the disk's size as the guest sees it, bytes (a multiple of 512)
		 * @param fileName the name the descriptor gives the extent (the VMDK's own file name)
		 * @param adapter  {@code ide}, {@code lsilogic} or {@code buslogic}: the controller the guest expects
		 */
		public Writer(OutputStream out, long capacity, String fileName, String adapter) throws IOException {
			if (capacity % SECTOR != 0) {
				throw new IllegalArgumentException("A disk's size is whole sectors of 512 bytes: " + capacity); //$NON-NLS-1$
			}
			this.out = out;
			this.capacity = capacity;
			long grains = (capacity + GRAIN - 1) / GRAIN;
			this.gt = new long[(int) Math.max(ENTRIES_PER_GT, (grains + ENTRIES_PER_GT - 1) / ENTRIES_PER_GT * ENTRIES_PER_GT)];
			byte[] descriptor = descriptor(capacity, fileName, adapter).getBytes(StandardCharsets.US_ASCII);
			descriptorSectors = (descriptor.length + SECTOR - 1) / SECTOR;
			emit(header(GD_AT_END));
			emit(Arrays.copyOf(descriptor, (int) (descriptorSectors * SECTOR)));
		}

		/** Bytes of the VMDK written so far. */
		public long written() {
			return position;
		}

		/** The next {@code length} bytes of the volume. */
		public void write(byte[] data, int offset, int length) throws IOException {
			int at = offset;
			int left = length;
			while (left > 0) {
				int n = Math.min(left, GRAIN - filled);
				System.arraycopy(data, at, grain, filled, n);
				filled += n;
				at += n;
				left -= n;
				if (filled == GRAIN) {
					flushGrain();
				}
			}
		}

		private void flushGrain() throws IOException {
			if ((grainIndex + 1) * GRAIN > capacity + GRAIN - 1) {
				throw new IOException("more data than the disk's " + capacity + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Arrays.fill(grain, filled, GRAIN, (byte) 0);
			if (!zero(grain)) {
				deflater.reset();
				deflater.setInput(grain, 0, GRAIN);
				deflater.finish();
				int size = deflater.deflate(compressed);
				if (!deflater.finished()) {
					throw new IOException("a grain did not compress into its buffer"); //$NON-NLS-1$
				}
				gt[(int) grainIndex] = position / SECTOR;
				ByteBuffer marker = le(12).putLong(grainIndex * GRAIN_SECTORS).putInt(size);
				emit(marker.array());
				emit(compressed, 0, size);
				pad(12 + size);
			}
			grainIndex++;
			filled = 0;
		}

		/**
		 * Ends the VMDK: the last, partial grain, the grain tables and directory, the footer and the
		 * end marker. Throws when fewer bytes came than the disk holds (a stream cut short).
		 */
		@Override
		public void close() throws IOException {
			if (closed) {
				return;
			}
			closed = true;
			if (filled > 0) {
				flushGrain();
			}
			deflater.end();
			long expected = (capacity + GRAIN - 1) / GRAIN;
			if (grainIndex != expected) {
				throw new EOFException("the disk's data ended after " + grainIndex * GRAIN + " of " + capacity + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			int tables = gt.length / ENTRIES_PER_GT;
			long[] gd = new long[tables];
			int gtSectors = ENTRIES_PER_GT * 4 / SECTOR;
			for (int t = 0; t < tables; t++) {
				boolean any = false;
				for (int i = t * ENTRIES_PER_GT; i < (t + 1) * ENTRIES_PER_GT && !any; i++) {
					any = gt[i] != 0;
				}
				if (!any) {
					continue; // a directory entry of 0: all of its grains read as zeros
				}
				emit(marker(gtSectors, MARKER_GT));
				gd[t] = position / SECTOR;
				ByteBuffer table = le(ENTRIES_PER_GT * 4);
				for (int i = t * ENTRIES_PER_GT; i < (t + 1) * ENTRIES_PER_GT; i++) {
					table.putInt((int) gt[i]);
				}
				emit(table.array());
			}
			int gdSectors = (tables * 4 + SECTOR - 1) / SECTOR;
			emit(marker(gdSectors, MARKER_GD));
			long gdOffset = position / SECTOR;
			ByteBuffer directory = le(gdSectors * SECTOR);
			for (long g : gd) {
				directory.putInt((int) g);
			}
			emit(directory.array());
			emit(marker(1, MARKER_FOOTER));
			emit(header(gdOffset));
			emit(marker(0, MARKER_EOS));
			out.flush();
		}

		private byte[] header(long gdOffset) {
			ByteBuffer h = le(SECTOR);
			h.putInt(MAGIC).putInt(3).putInt(FLAGS).putLong(capacity / SECTOR).putLong(GRAIN_SECTORS).putLong(1)
					.putLong(descriptorSectors).putInt(ENTRIES_PER_GT).putLong(0).putLong(gdOffset)
					.putLong(1 + descriptorSectors).put((byte) 0).put((byte) '\n').put((byte) ' ').put((byte) '\r')
					.put((byte) '\n').putShort((short) 1);
			return h.array();
		}

		private static byte[] marker(long sectors, int type) {
			return le(SECTOR).putLong(sectors).putInt(0).putInt(type).array();
		}

		private void emit(byte[] b) throws IOException {
			emit(b, 0, b.length);
		}

		private void emit(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			position += len;
		}

		private void pad(long length) throws IOException {
			int pad = (int) ((SECTOR - length % SECTOR) % SECTOR);
			if (pad > 0) {
				emit(new byte[pad]);
			}
		}
	}

	/** The text descriptor of a single-extent stream-optimized disk. */
	static String descriptor(long capacity, String fileName, String adapter) {
		long sectors = capacity / SECTOR;
		long cylinders = Math.max(1, Math.min(16383, sectors / (255 * 63)));
		String cid = HexFormat.of().toHexDigits(new Random().nextInt());
		return "# Disk DescriptorFile\n" //$NON-NLS-1$
				+ "version=1\n" //$NON-NLS-1$
				+ "CID=" + cid + "\n" //$NON-NLS-1$ //$NON-NLS-2$
				+ "parentCID=ffffffff\n" //$NON-NLS-1$
				+ "createType=\"streamOptimized\"\n\n" //$NON-NLS-1$
				+ "# Extent description\n" //$NON-NLS-1$
				+ "RW " + sectors + " SPARSE \"" + fileName + "\"\n\n" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ "# The Disk Data Base\n#DDB\n\n" //$NON-NLS-1$
				+ "ddb.virtualHWVersion = \"4\"\n" //$NON-NLS-1$
				+ "ddb.geometry.cylinders = \"" + cylinders + "\"\n" //$NON-NLS-1$ //$NON-NLS-2$
				+ "ddb.geometry.heads = \"255\"\n" //$NON-NLS-1$
				+ "ddb.geometry.sectors = \"63\"\n" //$NON-NLS-1$
				+ "ddb.adapterType = \"" + adapter + "\"\n" //$NON-NLS-1$ //$NON-NLS-2$
				+ "ddb.toolsVersion = \"0\"\n"; //$NON-NLS-1$
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static boolean zero(byte[] b) {
		for (int i = 0; i < b.length; i += 8) {
			if (b[i] != 0 || b[i + 1] != 0 || b[i + 2] != 0 || b[i + 3] != 0 || b[i + 4] != 0 || b[i + 5] != 0 || b[i + 6] != 0
					|| b[i + 7] != 0) {
				return false;
			}
		}
		return true;
	}

	/** Receives a VMDK's data as it is read: {@code length} bytes of the disk from {@code offset} on. */
	@FunctionalInterface
	public interface DataSink {
		void data(long offset, byte[] bytes, int length) throws IOException;
	}

	/** The largest capacity read, in sectors: 64 TiB (VMFS's limit is 62 TB). */
	private static final long MAX_SECTORS = 1L << 37;

	/**
	 * Reads a stream-optimized VMDK front to back, handing each grain that holds data to
	 * {@code sink} (grains not present read as zeros and are not handed over).
	 *
	 * @return the disk's size as the guest sees it, bytes
	 * @throws IOException naming what is wrong: not a VMDK, not stream-optimized, a damaged grain,
	 *                     cut short
	 */
	public static long read(InputStream in, DataSink sink) throws IOException {
		byte[] head = in.readNBytes(SECTOR);
		if (head.length < SECTOR) {
			throw new EOFException("it is shorter than a VMDK header"); //$NON-NLS-1$
		}
		ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
		if (h.getInt(0) != MAGIC) {
			throw new IOException("it is not a sparse VMDK (no KDMV header)"); //$NON-NLS-1$
		}
		int flags = h.getInt(8);
		long sectors = h.getLong(12);
		if (sectors < 1 || sectors > MAX_SECTORS) {
			throw new IOException("its header claims a capacity of " + sectors + " sectors; a disk HostDeck imports has 1 to " //$NON-NLS-1$ //$NON-NLS-2$
					+ MAX_SECTORS + " (64 TiB)"); //$NON-NLS-1$
		}
		long capacity = sectors * SECTOR;
		long grainSectors = h.getLong(20);
		long overhead = h.getLong(64);
		int algorithm = h.getShort(77);
		if ((flags & 1 << 16) == 0 || (flags & 1 << 17) == 0 || algorithm != 1) {
			throw new IOException("it is a VMDK but not stream-optimized (flags " + Integer.toHexString(flags) //$NON-NLS-1$
					+ "); convert it first: qemu-img convert -O vmdk -o subformat=streamOptimized"); //$NON-NLS-1$
		}
		long grainBytes = grainSectors * SECTOR;
		if (grainBytes <= 0 || grainBytes > 1 << 24) {
			throw new IOException("its grain size " + grainSectors + " sectors is not one a VMDK may have"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (overhead < 1 || overhead > 1 << 16) {
			throw new IOException("its header is damaged (overhead of " + overhead + " sectors)"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		byte[] front = in.readNBytes((int) (overhead - 1) * SECTOR);
		if (front.length < (overhead - 1) * SECTOR) {
			throw new EOFException("it is cut short before its first grain"); //$NON-NLS-1$
		}
		// a writer that put the grain tables up front (qemu-img does) may end without markers: its
		// tables then say how many grains must follow
		long expected = grainsListed(front, h.getLong(56), h.getInt(44), (capacity + grainBytes - 1) / grainBytes);
		long seen = 0;
		byte[] grain = new byte[(int) grainBytes];
		Inflater inflater = new Inflater();
		try {
			while (true) {
				byte[] m = in.readNBytes(12);
				if (m.length == 0 && expected >= 0 && seen == expected) {
					return capacity;
				}
				if (m.length < 12) {
					throw new EOFException(expected >= 0 ? "it is cut short: " + seen + " of its " + expected + " grains are there" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							: "it ends without its end-of-stream marker"); //$NON-NLS-1$
				}
				ByteBuffer marker = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
				long value = marker.getLong();
				int size = marker.getInt();
				if (size > 0) {
					long offset = value * SECTOR;
					if (offset < 0 || offset >= capacity || size > grain.length * 2 + 1024) {
						throw new IOException("a grain at sector " + value + " lies outside the disk or is too long"); //$NON-NLS-1$ //$NON-NLS-2$
					}
					byte[] data = in.readNBytes(size);
					if (data.length < size) {
						throw new EOFException("it is cut short inside the grain at sector " + value); //$NON-NLS-1$
					}
					inflater.reset();
					inflater.setInput(data);
					int n;
					try {
						n = inflater.inflate(grain);
					} catch (DataFormatException e) {
						throw new IOException("the grain at sector " + value + " is damaged: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
					}
					if (!inflater.finished()) {
						throw new IOException("the grain at sector " + value + " is damaged: it does not end"); //$NON-NLS-1$ //$NON-NLS-2$
					}
					sink.data(offset, grain, (int) Math.min(n, capacity - offset));
					seen++;
					skip(in, (SECTOR - (12 + size) % SECTOR) % SECTOR);
				} else {
					byte[] rest = in.readNBytes(SECTOR - 12);
					if (rest.length < SECTOR - 12) {
						throw new EOFException("it is cut short inside a marker"); //$NON-NLS-1$
					}
					int type = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN).getInt();
					if (type == MARKER_EOS) {
						return capacity;
					}
					skip(in, value * SECTOR);
				}
			}
		} finally {
			inflater.end();
		}
	}

	/**
	 * The grains the grain tables in {@code front} (the sectors after the header, up to the first
	 * grain) list; -1 when the tables are not there (a stream-optimized writer puts them at the end).
	 */
	private static long grainsListed(byte[] front, long gdOffset, int perTable, long grains) {
		if (gdOffset <= 0 || perTable <= 0 || gdOffset > front.length / SECTOR) {
			return -1; // (sector 0, the header, is not in front: gdOffset - 1 is its sector there)
		}
		ByteBuffer b = ByteBuffer.wrap(front).order(ByteOrder.LITTLE_ENDIAN);
		long tables = (grains + perTable - 1) / perTable;
		long listed = 0;
		for (long t = 0; t < tables; t++) {
			long at = (gdOffset - 1) * SECTOR + t * 4;
			if (at + 4 > front.length) {
				return -1;
			}
			long table = b.getInt((int) at) & 0xffffffffL;
			if (table == 0) {
				continue;
			}
			for (int i = 0; i < perTable; i++) {
				long entry = (table - 1) * SECTOR + i * 4L;
				if (entry < 0 || entry + 4 > front.length) {
					return -1;
				}
				if (b.getInt((int) entry) != 0) {
					listed++;
				}
			}
		}
		return listed;
	}

	private static void skip(InputStream in, long n) throws IOException {
		long left = n;
		while (left > 0) {
			long s = in.skip(left);
			if (s <= 0) {
				if (in.read() < 0) {
					throw new EOFException("it is cut short"); //$NON-NLS-1$
				}
				s = 1;
			}
			left -= s;
		}
	}
}
