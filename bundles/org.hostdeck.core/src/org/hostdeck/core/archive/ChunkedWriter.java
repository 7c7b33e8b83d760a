package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The raw bytes of one volume in, its disk stream out: cut into {@link Codec#CHUNK}-sized chunks,
 * each compressed on the pool's threads (zeros become holes), appended to the stream file in
 * order, and reported to {@code done} once written (the export journal). Bounded: at most twice
 * as many chunks in flight as threads, so memory stays at a few dozen MiB.
 */
final class ChunkedWriter extends OutputStream {

	private record Stored(Manifest.Chunk chunk, byte[] frame) {
	}

	private final FileChannel file;
	private final String fileName;
	private final ExecutorService pool;
	private final int maxInFlight;
	private final Consumer<Manifest.Chunk> done;
	private final ArrayDeque<Future<Stored>> inFlight = new ArrayDeque<>();
	private byte[] buffer = new byte[Codec.CHUNK];
	private int filled;
	private int nextIndex;
	private long rawOffset;
	private long storedOffset;
	private long written;

	/**
	 * @param path        the stream file; written from {@code storedOffset} on (what is after it is cut off)
	 * @param firstIndex  the index of the first chunk written now (after the ones a resume kept)
	 * @param rawOffset   where that chunk starts in the volume
	 */
	ChunkedWriter(Path path, int firstIndex, long rawOffset, long storedOffset, ExecutorService pool, int threads,
			Consumer<Manifest.Chunk> done) throws IOException {
		this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		this.file.truncate(storedOffset);
		this.file.position(storedOffset);
		this.fileName = path.getFileName().toString();
		this.pool = pool;
		this.maxInFlight = 2 * threads;
		this.done = done;
		this.nextIndex = firstIndex;
		this.rawOffset = rawOffset;
		this.storedOffset = storedOffset;
	}

	/** Raw bytes taken so far (this session). */
	long written() {
		return written;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] data, int offset, int length) throws IOException {
		int at = offset;
		int left = length;
		while (left > 0) {
			int n = Math.min(left, buffer.length - filled);
			System.arraycopy(data, at, buffer, filled, n);
			filled += n;
			at += n;
			left -= n;
			written += n;
			if (filled == buffer.length) {
				submit();
			}
		}
	}

	private void submit() throws IOException {
		byte[] raw = buffer;
		int length = filled;
		int index = nextIndex++;
		long offset = rawOffset;
		rawOffset += length;
		buffer = new byte[Codec.CHUNK];
		filled = 0;
		inFlight.add(pool.submit(() -> {
			if (Codec.zero(raw, length)) {
				return new Stored(new Manifest.Chunk(fileName, index, offset, length, 0, 0, null), null);
			}
			byte[] frame = Codec.compress(raw, length);
			String sha = Manifest.Hashes.sha256(frame);
			return new Stored(new Manifest.Chunk(fileName, index, offset, length, 0, frame.length, sha), frame);
		}));
		while (inFlight.size() >= maxInFlight) {
			store(inFlight.poll());
		}
	}

	/** Appends a finished chunk to the file (in submission order) and reports it. */
	private void store(Future<Stored> future) throws IOException {
		Stored s;
		try {
			s = future.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while compressing"); //$NON-NLS-1$
		} catch (ExecutionException e) {
			throw new IOException("compressing a chunk failed: " + e.getCause(), e.getCause()); //$NON-NLS-1$
		}
		Manifest.Chunk c = s.chunk();
		if (s.frame() != null) {
			ByteBuffer bytes = ByteBuffer.wrap(s.frame());
			while (bytes.hasRemaining()) {
				file.write(bytes);
			}
			c = new Manifest.Chunk(c.file(), c.index(), c.rawOffset(), c.rawLength(), storedOffset, c.storedLength(), c.sha256());
			storedOffset += c.storedLength();
		}
		done.accept(c);
	}

	/** Writes what is left (a last, shorter chunk) and waits for every chunk to be on disk. */
	@Override
	public void close() throws IOException {
		try {
			if (filled > 0) {
				submit();
			}
			while (!inFlight.isEmpty()) {
				store(inFlight.poll());
			}
			file.force(false);
		} finally {
			abandon();
		}
	}

	/** Drops chunks still being compressed and closes the file (after a failure or cancel). */
	void abandon() throws IOException {
		for (Future<Stored> f : inFlight) {
			f.cancel(true);
		}
		inFlight.clear();
		file.close();
	}
}
