package org.hostdeck.libvirt.internal;

import java.net.URI;
import java.util.Locale;

import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.hostdeck.core.driver.GraphicsDisplay;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * How this machine reaches the displays of one libvirt host, decided by the host's URI: a local
 * host's directly; a host reached over SSH ({@code qemu+ssh}, {@code qemu+libssh}) through an SSH
 * channel of the same login (the display listens on the host's loopback); a host reached over TCP
 * or TLS directly when its display listens on a network address.
 */
final class DisplayRoute implements AutoCloseable {

	private final String uri;
	private final String driver;
	private final String transport;
	private final String host;
	private final ICredentialsProvider credentials;
	private SshTunnel tunnel;
	/** Streams open through {@link #tunnel}. */
	private int streams;

	DisplayRoute(String uri, ICredentialsProvider credentials) {
		this.uri = uri;
		this.credentials = credentials;
		URI parsed = URI.create(uri);
		String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT); //$NON-NLS-1$
		int plus = scheme.indexOf('+');
		driver = plus < 0 ? scheme : scheme.substring(0, plus);
		String named = plus < 0 ? "" : scheme.substring(plus + 1); //$NON-NLS-1$
		host = parsed.getHost() == null ? "" : parsed.getHost(); //$NON-NLS-1$
		// libvirt: a URI with a host name and no transport means TLS
		transport = !named.isEmpty() ? named : host.isEmpty() ? "unix" : "tls"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** Refuses the screens of a host whose VMs have none (libvirt's test driver simulates them). */
	void checkScreens(String vm) throws DriverException {
		if ("test".equals(driver)) { //$NON-NLS-1$
			throw new DriverException(Reason.NOT_SUPPORTED, "VM '" + vm + "' runs on libvirt's test driver (" + uri //$NON-NLS-1$ //$NON-NLS-2$
					+ "), which simulates VMs without screens. Its console shows on a real host."); //$NON-NLS-1$
		}
	}

	/** Whether displays are reached through SSH. */
	boolean overSsh() {
		return transport.equals("ssh") || transport.startsWith("libssh"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Opens a stream to the VNC display {@code display} of VM {@code vm}. */
	ConsoleStream open(String vm, GraphicsDisplay display, String password) throws DriverException {
		String listen = display.listen();
		String what = "display of VM '" + vm + "' (" + display + ")"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (listen.startsWith("unix:")) { //$NON-NLS-1$
			throw new DriverException(Reason.NOT_SUPPORTED, "The " + what + " listens on a UNIX socket, which HostDeck cannot reach yet." //$NON-NLS-1$ //$NON-NLS-2$
					+ " Let it listen on loopback (virsh edit: <listen type='address' address='127.0.0.1'/>) and power it off and on."); //$NON-NLS-1$
		}
		boolean anywhere = "0.0.0.0".equals(listen) || "::".equals(listen) || "[::]".equals(listen); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		boolean loopback = listen.startsWith("127.") || "::1".equals(listen) || "localhost".equals(listen); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String target = anywhere ? (listen.contains(":") ? "::1" : "127.0.0.1") : listen; //$NON-NLS-1$ //$NON-NLS-2$
		if ("unix".equals(transport)) { //$NON-NLS-1$
			return DomainConsoles.socket(target, display.port(), what, password);
		}
		if (overSsh()) {
			return throughSsh(target, display.port(), what + " through SSH to " + host, password); //$NON-NLS-1$
		}
		if (loopback) {
			throw new DriverException(Reason.NOT_SUPPORTED, "The " + what + " listens on the loopback of " + host //$NON-NLS-1$ //$NON-NLS-2$
					+ ", which only that host reaches. Connect to the host over SSH (qemu+ssh://user@" + host //$NON-NLS-1$
					+ "/system) and HostDeck tunnels the display through it."); //$NON-NLS-1$
		}
		return DomainConsoles.socket(anywhere ? host : listen, display.port(), what, password);
	}

	/**
	 * A stream through the SSH login, made for the first stream and ended with the last one, so
	 * that nothing stays logged in to the host once every console is closed.
	 */
	private synchronized ConsoleStream throughSsh(String address, int port, String description, String password)
			throws DriverException {
		if (tunnel != null && !tunnel.isOpen()) {
			tunnel.close();
			tunnel = null;
		}
		if (tunnel == null) {
			tunnel = SshTunnel.connect(uri, credentials);
			streams = 0;
		}
		SshTunnel through = tunnel;
		ConsoleStream stream;
		try {
			stream = through.open(address, port, description, password);
		} catch (DriverException e) {
			if (streams == 0) {
				close();
			}
			throw e;
		}
		streams++;
		return ConsoleStream.onClose(stream, () -> {
			synchronized (DisplayRoute.this) {
				if (--streams == 0 && tunnel == through) {
					close();
				}
			}
		});
	}

	/** How many SSH sessions this route holds open now (0 or 1; for tests). */
	synchronized int sshSessions() {
		return tunnel != null && tunnel.isOpen() ? 1 : 0;
	}

	@Override
	public synchronized void close() {
		if (tunnel != null) {
			tunnel.close();
			tunnel = null;
		}
	}
}
