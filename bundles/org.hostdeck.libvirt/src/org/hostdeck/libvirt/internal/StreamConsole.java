package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.hostdeck.core.driver.ConsoleStream;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

/**
 * A libvirt stream (a domain's serial console) as a console: one thread may read while another
 * writes. Closing aborts the stream, which wakes a blocked read; the stream is freed once no call
 * is inside it any more, by whichever thread leaves last.
 */
final class StreamConsole implements ConsoleStream {

	private final Stream stream;
	private final String description;
	/** Held shared by each read and write, exclusively to free the stream. */
	private final ReadWriteLock calls = new ReentrantReadWriteLock();
	private volatile boolean closed;
	private boolean freed;

	private final InputStream input = new InputStream() {
		private final byte[] buffer = new byte[8192];
		private int from;
		private int to;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (from == to) {
				int n = receive(buffer);
				if (n <= 0) {
					return -1;
				}
				from = 0;
				to = n;
			}
			int n = Math.min(len, to - from);
			System.arraycopy(buffer, from, b, off, n);
			from += n;
			return n;
		}

		@Override
		public int available() {
			return to - from;
		}
	};

	private final OutputStream output = new OutputStream() {
		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			byte[] rest = Arrays.copyOfRange(b, off, off + len);
			while (rest.length > 0) {
				int n = send(rest);
				rest = Arrays.copyOfRange(rest, n, rest.length);
			}
		}
	};

	StreamConsole(Stream stream, String description) {
		this.stream = stream;
		this.description = description;
	}

	private int receive(byte[] into) throws IOException {
		calls.readLock().lock();
		try {
			if (closed) {
				return -1;
			}
			return stream.receive(into); // 0 at the end of the stream
		} catch (LibvirtException e) {
			if (closed) {
				return -1;
			}
			throw new IOException("The " + description + " ended: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			calls.readLock().unlock();
			freeIfClosed();
		}
	}

	private int send(byte[] data) throws IOException {
		calls.readLock().lock();
		try {
			if (closed) {
				throw new IOException("The " + description + " is closed."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			int n = stream.send(data);
			if (n <= 0) {
				throw new IOException("The " + description + " takes no more input."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return n;
		} catch (LibvirtException e) {
			throw new IOException("The " + description + " ended: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			calls.readLock().unlock();
			freeIfClosed();
		}
	}

	@Override
	public InputStream input() {
		return input;
	}

	@Override
	public OutputStream output() {
		return output;
	}

	@Override
	public String description() {
		return description;
	}

	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		DomainConsoles.abort(stream); // wakes a read blocked in libvirt
		freeIfClosed();
	}

	private void freeIfClosed() {
		if (closed && calls.writeLock().tryLock()) {
			try {
				if (!freed) {
					freed = true;
					DomainConsoles.free(stream);
				}
			} finally {
				calls.writeLock().unlock();
			}
		}
	}
}
