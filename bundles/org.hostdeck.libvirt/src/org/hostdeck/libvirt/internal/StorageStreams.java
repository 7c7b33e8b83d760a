package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DirectSink;
import org.hostdeck.core.driver.DriverException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/** Volume upload and download through libvirt streams, with progress and cancel. */
final class StorageStreams {

	private static final int CHUNK = 1 << 20;
	/**
	 * The most data one stream packet carries when uploading: libvirt's legacy payload limit (256 KiB
	 * less the packet header), what virsh sends. Bigger packets cost the daemon far more to take in
	 * (libvirt 9.0): in the P2V benchmark 1 GiB arriving in 1 MiB packets took the daemon 6.4-6.6
	 * CPU-seconds, in these 2.3-2.9; sent from a file in 4 MiB packets 4.6-7.4 CPU-seconds.
	 */
	static final int PACKET = 262_120;

	private StorageStreams() {
	}

	static void upload(Connect connect, StorageVol volume, String name, long offset, InputStream data, long length,
			IProgressMonitor monitor) throws LibvirtException, DriverException {
		SubMonitor progress = SubMonitor.convert(monitor, "Uploading " + name, (int) Math.max(1, length / CHUNK)); //$NON-NLS-1$
		Stream stream = connect.streamNew(0);
		boolean finished = false;
		try {
			volume.upload(stream, offset, length, 0);
			byte[] buffer = new byte[CHUNK];
			// a direct buffer: JNA hands libvirt its address instead of copying a Java array each call
			ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
			long sent = 0;
			while (sent < length) {
				int n = data.read(buffer, 0, (int) Math.min(buffer.length, length - sent));
				if (n < 0) {
					throw new DriverException(DriverException.Reason.INVALID_ARGUMENT,
							"The data for " + name + " ended after " + sent + " of " + length + " bytes."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				}
				send(stream, direct, buffer, 0, n);
				sent += n;
				progress.split(1); // checks for cancellation
				progress.setWorkRemaining((int) Math.max(1, (length - sent) / CHUNK));
			}
			stream.finish();
			finished = true;
		} catch (IOException e) {
			throw failed("Upload to " + name, e); //$NON-NLS-1$
		} finally {
			if (!finished) {
				abort(stream);
			}
			stream.free();
		}
	}

	/** {@code length} bytes (0: all) of {@code volume} from {@code offset} into {@code out}. */
	static long download(Connect connect, StorageVol volume, String name, long offset, long length, OutputStream out,
			IProgressMonitor monitor) throws LibvirtException, DriverException {
		long size = length > 0 ? length : Math.max(1, volume.getInfo().allocation - offset);
		SubMonitor progress = SubMonitor.convert(monitor, "Downloading " + name, (int) Math.max(1, size / CHUNK)); //$NON-NLS-1$
		Stream stream = connect.streamNew(0);
		boolean finished = false;
		try {
			volume.download(stream, offset, length, 0);
			// native memory: libvirt writes into it in place (a Java array would be copied in and out
			// whole on every call, though a call returns one 256 KiB message at most); the sink's own
			// when it lends some, so the bytes are not copied again
			DirectSink sink = out instanceof DirectSink s ? s : null;
			byte[] buffer = sink == null ? new byte[CHUNK] : null;
			ByteBuffer direct = sink == null ? ByteBuffer.allocateDirect(CHUNK) : null;
			long received = 0;
			int n;
			// Stream.read finishes the stream itself when it reaches the end (and answers -1)
			while ((n = Math.max(0, stream.read(sink == null ? direct.clear() : sink.room()))) > 0) {
				if (sink != null) {
					sink.filled(n);
				} else {
					direct.flip().get(buffer, 0, n);
					out.write(buffer, 0, n);
				}
				received += n;
				if (progress.isCanceled()) {
					throw new OperationCanceledException();
				}
				progress.worked(n / CHUNK);
			}
			finished = true;
			return received;
		} catch (IOException e) {
			throw failed("Download of " + name, e); //$NON-NLS-1$
		} finally {
			if (!finished) {
				abort(stream);
			}
			stream.free();
		}
	}

	/**
	 * Streams volume {@code from} (all of its bytes, any format) into volume {@code to}, which may
	 * be on another host: a download stream read into an upload stream. {@code copied} hears the
	 * bytes sent so far; {@code cancelled} is asked after each piece (both streams are then aborted).
	 *
	 * @return the bytes copied
	 * @throws OperationCanceledException when cancelled
	 */
	static long pipe(Connect fromHost, StorageVol from, Connect toHost, StorageVol to, String name, java.util.function.LongConsumer copied,
			java.util.function.BooleanSupplier cancelled) throws LibvirtException, DriverException {
		Stream in = fromHost.streamNew(0);
		Stream out = toHost.streamNew(0);
		boolean finished = false;
		try {
			from.download(in, 0, 0, 0);
			to.upload(out, 0, 0, 0);
			ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
			long sent = 0;
			int n;
			while ((n = Math.max(0, in.read(buffer.clear()))) > 0) {
				buffer.flip();
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
				sent += n;
				copied.accept(sent);
				if (cancelled.getAsBoolean()) {
					throw new OperationCanceledException();
				}
			}
			out.finish();
			finished = true;
			return sent;
		} catch (IOException e) {
			throw failed("Copying " + name, e); //$NON-NLS-1$
		} finally {
			if (!finished) {
				abort(in);
				abort(out);
			}
			in.free();
			out.free();
		}
	}

	/** virStorageVolUpload: the stream may carry holes. */
	private static final int UPLOAD_SPARSE_STREAM = 1;

	/**
	 * One sparse upload stream of {@code length} bytes into {@code volume} from its start (the
	 * writer frees the volume object when closed). Cancelling the monitor makes the next write fail
	 * with {@link OperationCanceledException}.
	 */
	static org.hostdeck.core.driver.VolumeWriter sparseUpload(Connect connect, StorageVol volume, String name, long length,
			IProgressMonitor monitor) throws LibvirtException, DriverException {
		Stream stream = connect.streamNew(0);
		com.sun.jna.Pointer pointer;
		try {
			volume.upload(stream, 0, length, UPLOAD_SPARSE_STREAM);
			pointer = LibvirtCalls.pointer(stream, "vsp"); //$NON-NLS-1$
		} catch (LibvirtException | ReflectiveOperationException e) {
			abort(stream);
			stream.free();
			if (e instanceof LibvirtException le) {
				throw le;
			}
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED, "Cannot stream into " + name + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
		return new org.hostdeck.core.driver.VolumeWriter() {
			private boolean finished;
			private boolean closed;

			@Override
			public void write(byte[] data, int offset, int count) throws DriverException {
				if (monitor != null && monitor.isCanceled()) {
					throw new OperationCanceledException();
				}
				try {
					for (int at = 0; at < count; at += CHUNK) {
						send(stream, direct, data, offset + at, Math.min(CHUNK, count - at));
					}
				} catch (IOException e) {
					throw failed("Upload to " + name, e); //$NON-NLS-1$
				}
			}

			@Override
			public void hole(long count) throws DriverException {
				if (LibvirtCalls.get().virStreamSendHole(pointer, count, 0) < 0) {
					throw failed("Upload to " + name, LibvirtCalls.get().virGetLastErrorMessage(), null); //$NON-NLS-1$
				}
			}

			@Override
			public void finish() throws DriverException {
				try {
					stream.finish();
					finished = true;
				} catch (LibvirtException e) {
					throw failed("Upload to " + name, e); //$NON-NLS-1$
				}
			}

			@Override
			public void close() {
				if (closed) {
					return;
				}
				closed = true;
				if (!finished) {
					abort(stream);
				}
				try {
					stream.free();
				} catch (LibvirtException e) {
					// freed either way
				}
				try {
					volume.free();
				} catch (LibvirtException e) {
					// freed either way
				}
			}
		};
	}

	/**
	 * Sends {@code length} bytes of {@code data} from {@code offset} (at most a chunk) through the
	 * {@code direct} buffer, a {@link #PACKET} at a time.
	 */
	private static void send(Stream stream, ByteBuffer direct, byte[] data, int offset, int length) throws IOException {
		direct.clear();
		direct.put(data, offset, length).flip();
		for (int at = 0; at < length; at += PACKET) {
			direct.limit(Math.min(length, at + PACKET)).position(at);
			stream.write(direct);
		}
	}

	/**
	 * A stream that failed: what was being done and libvirt's own reason (libvirt-java wraps it in an
	 * I/O exception of its own that says only "could not write to stream").
	 */
	private static DriverException failed(String what, Exception e) {
		Throwable reason = e instanceof IOException && e.getCause() instanceof LibvirtException l ? l : e;
		return failed(what, reason.getMessage(), e);
	}

	private static DriverException failed(String what, String reason, Exception cause) {
		String message = String.valueOf(reason).trim();
		return new DriverException(DriverException.Reason.OTHER, what + " failed: " + message + (message.endsWith(".") ? "" : "."), cause); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	private static void abort(Stream stream) {
		try {
			stream.abort();
		} catch (LibvirtException e) {
			// the stream is gone either way
		}
	}
}
