package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;

import org.hostdeck.core.driver.ConsoleStream;

/** A display reached over a TCP connection of its own. */
final class SocketConsole implements ConsoleStream {

	private final Socket socket;
	private final String description;
	private final String password;

	SocketConsole(Socket socket, String description, String password) {
		this.socket = socket;
		this.description = description;
		this.password = password;
	}

	@Override
	public InputStream input() {
		try {
			return socket.getInputStream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public OutputStream output() {
		try {
			return socket.getOutputStream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
		try {
			socket.close();
		} catch (IOException e) {
			// closed either way
		}
	}
}
