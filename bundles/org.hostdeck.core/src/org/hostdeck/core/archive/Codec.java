package org.hostdeck.core.archive;

import java.nio.ByteBuffer;

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

	/** The largest frame a chunk can become (incompressible data plus zstd's framing). */
	static final int FRAME_BOUND = (int) com.github.luben.zstd.Zstd.compressBound(CHUNK);

	private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(CHUNK);

	private static final ThreadLocal<ZstdCompressCtx> COMPRESS = ThreadLocal.withInitial(() -> {
		ZstdCompressCtx ctx = new ZstdCompressCtx();
		ctx.setLevel(LEVEL);
		ctx.setChecksum(true);
		return ctx;
	});

	private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

	private Codec() {
	}

	/** Whether the first {@code length} bytes of {@code data} (from index 0) are all zero (a hole). */
	static boolean zero(ByteBuffer data, int length) {
		return data.slice(0, length).mismatch(ZEROS.slice(0, length)) < 0;
	}

	/**
	 * Compresses {@code length} bytes of {@code data} (direct, from index 0) into one zstd frame at
	 * the start of {@code frame} (direct, {@link #FRAME_BOUND} long); returns the frame's length.
	 */
	static int compress(ByteBuffer data, int length, ByteBuffer frame) {
		return COMPRESS.get().compressDirectByteBuffer(frame, 0, frame.capacity(), data, 0, length);
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
