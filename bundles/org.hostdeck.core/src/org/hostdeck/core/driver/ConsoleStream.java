package org.hostdeck.core.driver;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A two-way byte stream to a VM's console: a graphical display's protocol (VNC) or a serial
 * console's characters. Reading and writing may happen on two threads at once. Reading returns
 * -1 when the other end closed (the VM stopped, the host went away); {@link #close()} ends both
 * directions and releases what the stream holds (a socket, an SSH channel, a libvirt stream).
 */
public interface ConsoleStream extends AutoCloseable {

	InputStream input();

	OutputStream output();

	/** What this stream is connected to, for messages (e.g. {@code vnc://127.0.0.1:5901 through SSH to hv1}). */
	String description();

	/** The display's password when the host gave one (a VNC display's); else {@code null}. */
	default String password() {
		return null;
	}

	/** Closes both directions; never throws. */
	@Override
	void close();

	/**
	 * A stream made of {@code input} and {@code output}; {@code close} ends them (it runs once, the
	 * first time the stream is closed, and must not throw).
	 */
	static ConsoleStream of(InputStream input, OutputStream output, String description, String password, Runnable close) {
		java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
		return new ConsoleStream() {
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
			public String password() {
				return password;
			}

			@Override
			public void close() {
				if (closed.compareAndSet(false, true)) {
					close.run();
				}
			}
		};
	}

	/** {@code stream}, running {@code afterClose} once, the first time it is closed. */
	static ConsoleStream onClose(ConsoleStream stream, Runnable afterClose) {
		return of(stream.input(), stream.output(), stream.description(), stream.password(), () -> {
			stream.close();
			afterClose.run();
		});
	}
}
