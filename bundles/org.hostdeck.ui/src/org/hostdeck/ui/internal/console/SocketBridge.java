package org.hostdeck.ui.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.hostdeck.core.driver.ConsoleStream;

import com.sun.jna.Memory;

/**
 * Joins a {@link ConsoleStream} to one end of a private pair of UNIX sockets, whose other end a
 * native viewer reads and writes as if it were the display's own socket: nothing listens on this
 * machine, so no other user can reach the display through HostDeck. Two daemon threads carry the
 * bytes; when either side ends, the other is ended too.
 */
final class SocketBridge implements AutoCloseable {

	private static final int SHUT_WR = 1;
	private static final int SHUT_RDWR = 2;

	private final GtkVnc.Libc libc;
	private final ConsoleStream stream;
	private final int viewerFd;
	private final int bridgeFd;
	private final Thread toViewer;
	private final Thread fromViewer;
	private volatile boolean closed;
	private volatile Runnable onEnd = () -> {
	};

	SocketBridge(GtkVnc.Libc libc, ConsoleStream stream) throws IOException {
		this.libc = libc;
		this.stream = stream;
		int[] fds = new int[2];
		if (libc.socketpair(GtkVnc.AF_UNIX, GtkVnc.SOCK_STREAM, 0, fds) != 0) {
			throw new IOException("Cannot make a socket pair for the console"); //$NON-NLS-1$
		}
		viewerFd = fds[0];
		bridgeFd = fds[1];
		toViewer = new Thread(this::toViewer, "HostDeck console: " + stream.description() + " -> viewer"); //$NON-NLS-1$ //$NON-NLS-2$
		fromViewer = new Thread(this::fromViewer, "HostDeck console: viewer -> " + stream.description()); //$NON-NLS-1$
		toViewer.setDaemon(true);
		fromViewer.setDaemon(true);
	}

	/** The viewer's end; the viewer owns it from {@link #start} on and closes it. */
	int viewerFd() {
		return viewerFd;
	}

	/** Starts carrying bytes; {@code ended} runs once on a bridge thread when either side ends. */
	void start(Runnable ended) {
		onEnd = ended;
		toViewer.start();
		fromViewer.start();
	}

	private void toViewer() {
		byte[] buffer = new byte[64 * 1024];
		Memory block = new Memory(buffer.length);
		InputStream in = stream.input();
		try {
			for (int n; (n = in.read(buffer)) > 0;) {
				block.write(0, buffer, 0, n);
				for (long done = 0; done < n;) {
					long written = libc.write(bridgeFd, block.share(done), n - done);
					if (written <= 0) {
						return; // the viewer closed its end
					}
					done += written;
				}
			}
		} catch (IOException e) {
			// the display's side ended: the viewer sees its socket close
		} finally {
			libc.shutdown(bridgeFd, SHUT_WR);
			end();
		}
	}

	private void fromViewer() {
		byte[] buffer = new byte[16 * 1024];
		OutputStream out = stream.output();
		try {
			for (long n; (n = libc.read(bridgeFd, buffer, buffer.length)) > 0;) {
				out.write(buffer, 0, (int) n);
				out.flush();
			}
		} catch (IOException e) {
			// the display's side ended
		} finally {
			end();
		}
	}

	private synchronized void end() {
		if (!closed) {
			closed = true;
			stream.close();
			libc.shutdown(bridgeFd, SHUT_RDWR);
			onEnd.run();
		}
	}

	/**
	 * Ends both directions and the stream; the bridge's socket is closed once both threads have
	 * left it (on a thread of its own, so this never blocks the caller).
	 */
	@Override
	public void close() {
		end();
		Thread closer = new Thread(() -> {
			try {
				if (toViewer.isAlive() || toViewer.getState() != Thread.State.NEW) {
					toViewer.join(10_000);
				}
				if (fromViewer.isAlive() || fromViewer.getState() != Thread.State.NEW) {
					fromViewer.join(10_000);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			libc.close(bridgeFd);
		}, "HostDeck console: closing " + stream.description()); //$NON-NLS-1$
		closer.setDaemon(true);
		closer.start();
	}
}
