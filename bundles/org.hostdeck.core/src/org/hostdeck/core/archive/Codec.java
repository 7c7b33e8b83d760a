package org.hostdeck.core.archive;

import java.util.Arrays;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

/**
 * One chunk's compression: a zstd frame (level 3, with zstd's own content checksum) per chunk,
 * so chunks compress on several threads and can be checked, skipped and resumed one by one. A
 * context per thread; zstd-jni's native code does the work.
 */
final class Codec {

	/** Raw bytes per chunk. */
	static final int CHUNK = 4 << 20;
	static final int LEVEL = 3;

	private static final byte[] ZEROS = new byte[CHUNK];

	private static final ThreadLocal<ZstdCompressCtx> COMPRESS = ThreadLocal.withInitial(() -> {
		ZstdCompressCtx ctx = new ZstdCompressCtx();
		ctx.setLevel(LEVEL);
		ctx.setChecksum(true);
		return ctx;
	});

	private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

	private Codec() {
	}

	/** Whether the first {@code length} bytes of {@code data} are all zero (a hole). */
	static boolean zero(byte[] data, int length) {
		return Arrays.mismatch(data, 0, length, ZEROS, 0, length) < 0;
	}

	/** {@code length} bytes of {@code data} as one zstd frame. */
	static byte[] compress(byte[] data, int length) {
		byte[] frame = new byte[(int) com.github.luben.zstd.Zstd.compressBound(length)];
		int n = COMPRESS.get().compressByteArray(frame, 0, frame.length, data, 0, length);
		return Arrays.copyOf(frame, n);
	}

	/**
	 * Decompresses one frame into {@code into} (at least {@code rawLength} long).
	 *
	 * @throws IllegalArgumentException when the frame is damaged or does not hold {@code rawLength} bytes
	 */
	static void decompress(byte[] frame, int frameLength, byte[] into, int rawLength) {
		int n;
		try {
			n = DECOMPRESS.get().decompressByteArray(into, 0, rawLength, frame, 0, frameLength);
		} catch (ZstdException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		if (n != rawLength) {
			throw new IllegalArgumentException("holds " + n + " bytes, not " + rawLength); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/**
	 * A monitor that only passes {@code monitor}'s cancel request on: for a stream whose progress
	 * is told per chunk, not per buffer.
	 */
	static org.eclipse.core.runtime.IProgressMonitor cancelOnly(org.eclipse.core.runtime.IProgressMonitor monitor) {
		return new org.eclipse.core.runtime.NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return monitor.isCanceled();
			}
		};
	}
}
