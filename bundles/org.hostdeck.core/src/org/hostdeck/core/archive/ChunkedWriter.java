package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.hostdeck.core.driver.DirectSink;

/**
 * The raw bytes of one volume in, its disk stream out: cut into {@link Codec#CHUNK}-sized chunks,
 * each compressed on the pool's threads (zeros become holes), appended to the stream file in
 * order, and reported to {@code done} once written (the export journal). The file's SHA-256 is
 * kept as the frames are written, so the manifest need not read the file again. A driver fills
 * the chunk buffers in place ({@link DirectSink}); the buffers are native memory, reused, and
 * bounded: at most twice as many chunks in flight as threads.
 */
final class ChunkedWriter extends OutputStream implements DirectSink {

	/** A chunk's raw bytes and its compressed frame, both native memory, used again and again. */
	/** Bytes written between two background flushes to disk. */
	private static final long FLUSH_EVERY = 64L << 20;

	private static final class Slot {
		final ByteBuffer raw = ByteBuffer.allocateDirect(Codec.CHUNK);
		final ByteBuffer frame = ByteBuffer.allocateDirect(Codec.FRAME_BOUND);
	}

	private record Stored(Manifest.Chunk chunk, Slot slot, int frameLength) {
	}

	private final FileChannel file;
	private final String fileName;
	private final ExecutorService pool;
	private final int maxInFlight;
	private final Consumer<Manifest.Chunk> done;
	private final ArrayDeque<Future<Stored>> inFlight = new ArrayDeque<>();
	private final ArrayDeque<Slot> free = new ArrayDeque<>();
	private final MessageDigest fileDigest = Manifest.Hashes.sha256();
	/** Writes the file's data to disk while the stream runs, so that closing has little left to wait for. */
	private final ExecutorService flusher;
	private Future<?> flushing;
	private long flushedAt;
	private Slot current = new Slot();
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
		this.flushedAt = storedOffset;
		this.flusher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "HostDeck export flush"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
		if (storedOffset > 0) {
			// the kept part counts in the file's checksum too
			try (InputStream kept = Files.newInputStream(path)) {
				byte[] buffer = new byte[1 << 20];
				long left = storedOffset;
				int n;
				while (left > 0 && (n = kept.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
					fileDigest.update(buffer, 0, n);
					left -= n;
				}
			}
		}
	}

	/** Raw bytes taken so far (this session). */
	long written() {
		return written;
	}

	/** The stream file as the manifest lists it; after {@link #close()}. */
	Manifest.FileEntry entry() {
		return new Manifest.FileEntry(fileName, storedOffset, Manifest.Hashes.hex(fileDigest.digest()));
	}

	@Override
	public ByteBuffer room() {
		return current.raw.slice(filled, Codec.CHUNK - filled);
	}

	@Override
	public void filled(int n) throws IOException {
		filled += n;
		written += n;
		if (filled == Codec.CHUNK) {
			submit();
		}
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
			int n = Math.min(left, Codec.CHUNK - filled);
			current.raw.put(filled, data, at, n);
			at += n;
			left -= n;
			filled(n);
		}
	}

	private void submit() throws IOException {
		Slot slot = current;
		int length = filled;
		int index = nextIndex++;
		long offset = rawOffset;
		rawOffset += length;
		current = free.isEmpty() ? new Slot() : free.pop();
		filled = 0;
		inFlight.add(pool.submit(() -> {
			if (Codec.zero(slot.raw, length)) {
				return new Stored(new Manifest.Chunk(fileName, index, offset, length, 0, 0, null), slot, 0);
			}
			int frameLength = Codec.compress(slot.raw, length, slot.frame);
			MessageDigest digest = Manifest.Hashes.sha256();
			digest.update(slot.frame.slice(0, frameLength));
			String sha = Manifest.Hashes.hex(digest.digest());
			return new Stored(new Manifest.Chunk(fileName, index, offset, length, 0, frameLength, sha), slot, frameLength);
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
		if (s.frameLength() > 0) {
			ByteBuffer bytes = s.slot().frame.slice(0, s.frameLength());
			while (bytes.hasRemaining()) {
				file.write(bytes);
			}
			fileDigest.update(s.slot().frame.slice(0, s.frameLength()));
			c = new Manifest.Chunk(c.file(), c.index(), c.rawOffset(), c.rawLength(), storedOffset, c.storedLength(), c.sha256());
			storedOffset += c.storedLength();
		}
		free.push(s.slot());
		done.accept(c);
		if (storedOffset - flushedAt >= FLUSH_EVERY && (flushing == null || flushing.isDone())) {
			flushedAt = storedOffset;
			flushing = flusher.submit(() -> {
				file.force(false);
				return null;
			});
		}
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
		flusher.shutdown();
		file.close();
	}
}
