package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The raw bytes of a run of data chunks of a disk stream, decompressed one chunk at a time as
 * they are read; {@code consumed} hears of each chunk once all its bytes were read.
 */
final class ChunkReader extends InputStream {

	private final FileChannel file;
	private final List<Manifest.Chunk> chunks;
	private final Consumer<Manifest.Chunk> consumed;
	private final byte[] raw = new byte[Codec.CHUNK];
	private byte[] frame = new byte[0];
	private int next;
	private int position;
	private int limit;
	private Manifest.Chunk current;

	ChunkReader(Path path, List<Manifest.Chunk> chunks, Consumer<Manifest.Chunk> consumed) throws IOException {
		this.file = FileChannel.open(path, StandardOpenOption.READ);
		this.chunks = chunks;
		this.consumed = consumed;
	}

	private boolean fill() throws IOException {
		if (current != null) {
			consumed.accept(current);
			current = null;
		}
		if (next >= chunks.size()) {
			return false;
		}
		Manifest.Chunk c = chunks.get(next++);
		if (frame.length < c.storedLength()) {
			frame = new byte[c.storedLength()];
		}
		ByteBuffer buffer = ByteBuffer.wrap(frame, 0, c.storedLength());
		while (buffer.hasRemaining()) {
			if (file.read(buffer, c.storedOffset() + buffer.position()) < 0) {
				throw new IOException(c.file() + " ends inside chunk " + c.index()); //$NON-NLS-1$
			}
		}
		try {
			Codec.decompress(frame, c.storedLength(), raw, c.rawLength());
		} catch (IllegalArgumentException e) {
			throw new IOException(c.file() + " chunk " + c.index() + " does not decompress: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		current = c;
		position = 0;
		limit = c.rawLength();
		return true;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] into, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (position >= limit && !fill()) {
			return -1;
		}
		int n = Math.min(length, limit - position);
		System.arraycopy(raw, position, into, offset, n);
		position += n;
		if (position >= limit && next >= chunks.size() && current != null) {
			consumed.accept(current); // the last chunk is done as soon as it is read
			current = null;
		}
		return n;
	}

	@Override
	public void close() throws IOException {
		file.close();
	}
}
