package org.hostdeck.core.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongConsumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;

/**
 * Data for a volume that arrives as pieces at offsets (grains of a VMDK, the chunks of a disk
 * read over SSH): pieces that follow each other are gathered into runs of up to a buffer's size,
 * each sent as one upload at its offset; what never arrives and pieces that are all zeros are
 * never sent (a new volume reads zeros there), so a raw volume stays sparse.
 */
public final class UploadRuns {

	/** Sends {@code length} bytes of {@code bytes} to the volume at {@code offset}. */
	@FunctionalInterface
	public interface Send {
		void send(long offset, byte[] bytes, int length) throws DriverException;
	}

	private static final byte[] ZEROS = new byte[64 << 10];

	private final LongConsumer progress;
	private final Send send;
	private final byte[] buffer;
	private long start = -1;
	private int filled;

	/**
	 * @param size     the longest run, bytes
	 * @param progress hears the offset each sent run ends at
	 */
	public UploadRuns(int size, LongConsumer progress, Send send) {
		this.buffer = new byte[size];
		this.progress = progress;
		this.send = send;
	}

	/**
	 * Runs into {@code volume} of {@code pool} through {@code connection}; {@code monitor} is only
	 * asked whether to cancel (progress is told per run, to {@code progress}).
	 */
	public static UploadRuns into(IHostConnection connection, String pool, String volume, int size, IProgressMonitor monitor,
			LongConsumer progress) {
		IProgressMonitor cancel = Codec.cancelOnly(monitor);
		return new UploadRuns(size, progress,
				(offset, bytes, length) -> connection.upload(pool, volume, offset, new ByteArrayInputStream(bytes, 0, length), length, cancel));
	}

	/** {@code length} bytes of {@code bytes} (from index 0) belong at {@code offset}; all zeros: nothing is sent. */
	public void add(long offset, byte[] bytes, int length) throws IOException {
		if (zero(bytes, length)) {
			flush(); // what was gathered ends here
			return;
		}
		int at = 0;
		while (at < length) {
			if (start >= 0 && (offset + at != start + filled || filled == buffer.length)) {
				flush();
			}
			if (start < 0) {
				start = offset + at;
			}
			int n = Math.min(length - at, buffer.length - filled);
			System.arraycopy(bytes, at, buffer, filled, n);
			filled += n;
			at += n;
		}
	}

	/** Whether the first {@code length} bytes of {@code bytes} are all zeros. */
	public static boolean zero(byte[] bytes, int length) {
		return zero(bytes, 0, length);
	}

	/** Whether the {@code length} bytes of {@code bytes} from index {@code from} are all zeros. */
	public static boolean zero(byte[] bytes, int from, int length) {
		for (int at = from; at < from + length; at += ZEROS.length) {
			int n = Math.min(ZEROS.length, from + length - at);
			if (Arrays.mismatch(bytes, at, at + n, ZEROS, 0, n) >= 0) {
				return false;
			}
		}
		return true;
	}

	/** Sends what is gathered. */
	public void flush() throws IOException {
		if (filled == 0) {
			return;
		}
		try {
			send.send(start, buffer, filled);
		} catch (DriverException e) {
			throw new IOException(e.getMessage(), e);
		}
		progress.accept(start + filled);
		start = -1;
		filled = 0;
	}
}
