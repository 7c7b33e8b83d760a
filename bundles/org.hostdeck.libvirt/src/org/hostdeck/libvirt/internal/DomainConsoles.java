package org.hostdeck.libvirt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DeviceChange;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.hostdeck.core.driver.GraphicsDisplay;
import org.hostdeck.core.driver.IVmConsoles;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.w3c.dom.Element;

/**
 * Consoles and media of one libvirt host's domains: the VNC display reached from this machine
 * (straight, or through the host's SSH connection), the hypervisor's screenshot, the serial
 * console as a libvirt stream (virDomainOpenConsole, which libvirt-java 0.5.4 does not bind), and
 * CD/DVD media. Every stream it opens is closed with the connection at the latest.
 */
final class DomainConsoles implements IVmConsoles {

	/** virDomainGetXMLDesc: include passwords (a read-only connection may not). */
	private static final int XML_SECURE = 1;
	/** virDomainOpenConsole: end another client's session on the console first. */
	private static final int CONSOLE_FORCE = 1;
	private static final int CONNECT_TIMEOUT_MS = 10_000;

	private final LibvirtConnection host;
	private final Connect connect;
	private final DisplayRoute route;
	private final Set<ConsoleStream> open = ConcurrentHashMap.newKeySet();

	DomainConsoles(LibvirtConnection host, Connect connect, DisplayRoute route) {
		this.host = host;
		this.connect = connect;
		this.route = route;
	}

	@Override
	public GraphicsDisplay graphics(String uuid) throws DriverException {
		return host.onDomain(uuid, vm -> "Cannot read the display of VM " + vm, d -> display(definition(d))); //$NON-NLS-1$
	}

	/** The live definition with passwords where this connection may read them. */
	private static Element definition(Domain d) throws LibvirtException, DriverException {
		String xml;
		try {
			xml = d.getXMLDesc(XML_SECURE);
		} catch (LibvirtException e) {
			xml = d.getXMLDesc(0); // a read-only connection: no passwords
		}
		try {
			return XmlDocs.parse(xml);
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, "Cannot read a definition from libvirt: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	/** The first VNC display, else the first display of another kind, else {@code null}. */
	static GraphicsDisplay display(Element root) {
		Element chosen = null;
		for (Element g : DomainXml.children(DomainXml.child(root, "devices"), "graphics")) { //$NON-NLS-1$ //$NON-NLS-2$
			if ("vnc".equals(g.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
				chosen = g;
				break;
			}
			if (chosen == null) {
				chosen = g;
			}
		}
		if (chosen == null) {
			return null;
		}
		return new GraphicsDisplay(chosen.getAttribute("type"), listen(chosen), port(chosen), chosen.hasAttribute("passwd")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String listen(Element graphics) {
		Element listen = DomainXml.child(graphics, "listen"); //$NON-NLS-1$
		if (listen != null && "socket".equals(listen.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
			return "unix:" + listen.getAttribute("socket"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (listen != null && "none".equals(listen.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
			return ""; //$NON-NLS-1$
		}
		String address = graphics.getAttribute("listen"); //$NON-NLS-1$
		if (address.isEmpty() && listen != null) {
			address = listen.getAttribute("address"); //$NON-NLS-1$
		}
		return address.isEmpty() ? "127.0.0.1" : address; // libvirt's default (vnc_listen) //$NON-NLS-1$
	}

	private static int port(Element graphics) {
		try {
			return Math.max(0, Integer.parseInt(graphics.getAttribute("port"))); //$NON-NLS-1$
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	@Override
	public ConsoleStream openGraphics(String uuid) throws DriverException {
		Element[] root = new Element[1];
		String name = host.onDomain(uuid, vm -> "Cannot read the display of VM " + vm, d -> { //$NON-NLS-1$
			if (d.isActive() != 1) {
				throw new DriverException(Reason.INVALID_STATE, "VM '" + d.getName() + "' is not running: power it on to see its screen."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			root[0] = definition(d);
			return d.getName();
		});
		route.checkScreens(name);
		GraphicsDisplay display = display(root[0]);
		String problem = problem(name, display);
		if (problem != null) {
			throw new DriverException(Reason.NOT_SUPPORTED, problem);
		}
		Element vnc = null;
		for (Element g : DomainXml.children(DomainXml.child(root[0], "devices"), "graphics")) { //$NON-NLS-1$ //$NON-NLS-2$
			if ("vnc".equals(g.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
				vnc = g;
				break;
			}
		}
		String password = vnc == null || !vnc.hasAttribute("passwd") ? null : vnc.getAttribute("passwd"); //$NON-NLS-1$ //$NON-NLS-2$
		return track(route.open(name, display, password));
	}

	/** Why HostDeck cannot show {@code display} of VM {@code name}, with the fix; {@code null} when it can. */
	static String problem(String name, GraphicsDisplay display) {
		String vnc = "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>"; //$NON-NLS-1$
		if (display == null) {
			return "VM '" + name + "' has no graphical display. Add a VNC display to its definition (virsh edit: " + vnc //$NON-NLS-1$ //$NON-NLS-2$
					+ " in <devices>) and power it off and on; its serial console may still answer."; //$NON-NLS-1$
		}
		if (!display.viewable()) {
			return "VM '" + name + "' has only a " + display.type().toUpperCase(java.util.Locale.ROOT) //$NON-NLS-1$ //$NON-NLS-2$
					+ " display, which HostDeck cannot show. Add a VNC display beside it (virsh edit: " + vnc //$NON-NLS-1$
					+ ") and power it off and on, or use a " + display.type() + " viewer."; //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (display.listen().isEmpty()) {
			return "The VNC display of VM '" + name + "' listens nowhere (<listen type='none'/>). Give it an address (virsh edit: " //$NON-NLS-1$ //$NON-NLS-2$
					+ "<listen type='address' address='127.0.0.1'/>) and power it off and on."; //$NON-NLS-1$
		}
		if (display.port() <= 0 && !display.listen().startsWith("unix:")) { //$NON-NLS-1$
			return "The VNC display of VM '" + name + "' has no port yet: it gets one when the VM starts."; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return null;
	}

	@Override
	public byte[] screenshot(String uuid) throws DriverException {
		return host.onDomain(uuid, vm -> "Cannot take a screenshot of VM " + vm, d -> { //$NON-NLS-1$
			if (d.isActive() != 1) {
				throw new DriverException(Reason.INVALID_STATE, "VM '" + d.getName() + "' is not running: it has no screen to take."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Stream stream = connect.streamNew(0);
			boolean finished = false;
			try {
				String type = d.screenshot(stream, 0);
				ByteArrayOutputStream image = new ByteArrayOutputStream(1 << 20);
				byte[] buffer = new byte[1 << 16];
				for (int n; (n = stream.receive(buffer)) > 0;) {
					image.write(buffer, 0, n);
				}
				stream.finish();
				finished = true;
				return Screenshots.png(type, image.toByteArray());
			} finally {
				if (!finished) {
					abort(stream);
				}
				free(stream);
			}
		});
	}

	@Override
	public ConsoleStream openSerial(String uuid, boolean takeOver) throws DriverException {
		return track(host.onDomain(uuid, vm -> "Cannot open the serial console of VM " + vm, d -> { //$NON-NLS-1$
			if (d.isActive() != 1) {
				throw new DriverException(Reason.INVALID_STATE,
						"VM '" + d.getName() + "' is not running: its serial console answers once it runs."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Stream stream = connect.streamNew(0);
			try {
				int rc = LibvirtCalls.get().virDomainOpenConsole(LibvirtCalls.pointer(d, "vdp"), null, LibvirtCalls.pointer(stream, "vsp"), //$NON-NLS-1$ //$NON-NLS-2$
						takeOver ? CONSOLE_FORCE : 0);
				if (rc < 0) {
					String reason = LibvirtCalls.get().virGetLastErrorMessage();
					Reason why = Reason.OTHER;
					if (reason != null && reason.contains("Active console session")) { //$NON-NLS-1$
						why = Reason.INVALID_STATE;
						reason = "another client (virsh console, another HostDeck) has it open. Take it over to end that session"; //$NON-NLS-1$
					} else if (reason != null && reason.contains("cannot find character device")) { //$NON-NLS-1$
						why = Reason.NOT_SUPPORTED;
						reason = "it has no serial console. Add one to its definition (virsh edit: <serial type='pty'><target port='0'/></serial>" //$NON-NLS-1$
								+ " in <devices>) and power it off and on"; //$NON-NLS-1$
					}
					throw new DriverException(why, "Cannot open the serial console of VM '" + d.getName() + "' on " + host.uri() + ": " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ reason + "."); //$NON-NLS-1$
				}
				ConsoleStream console = new StreamConsole(stream, "serial console of VM '" + d.getName() + "' on " + host.uri()); //$NON-NLS-1$ //$NON-NLS-2$
				stream = null;
				return console;
			} catch (ReflectiveOperationException e) {
				throw new DriverException(Reason.OTHER, "Cannot reach libvirt's console call: " + e, e); //$NON-NLS-1$
			} finally {
				if (stream != null) {
					free(stream);
				}
			}
		}));
	}

	@Override
	public DeviceChange changeMedia(String uuid, String target, String pool, String volume) throws DriverException {
		String what = volume == null ? "Cannot eject the media of VM " : "Cannot insert " + volume + " into VM "; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return host.onDomain(uuid, vm -> what + vm, d -> DomainMedia.change(connect, d, target, pool, volume));
	}

	@Override
	public DeviceChange addMediaDrive(String uuid) throws DriverException {
		return host.onDomain(uuid, vm -> "Cannot add a CD/DVD drive to VM " + vm, d -> DomainMedia.addDrive(connect, d)); //$NON-NLS-1$
	}

	/** Remembers {@code stream} until it is closed, so that {@link #closeAll} can end it. */
	private ConsoleStream track(ConsoleStream stream) {
		ConsoleStream[] tracked = new ConsoleStream[1];
		tracked[0] = ConsoleStream.onClose(stream, () -> open.remove(tracked[0]));
		open.add(tracked[0]);
		return tracked[0];
	}

	/** Closes every stream still open (the connection closes). */
	void closeAll() {
		for (ConsoleStream stream : open) {
			stream.close();
		}
		route.close();
	}

	/** How many streams are open now (for tests: none is left behind). */
	int openStreams() {
		return open.size();
	}

	/** A plain TCP connection to a display this machine reaches directly. */
	static ConsoleStream socket(String host, int port, String description, String password) throws DriverException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
			return ConsoleStream.of(socket.getInputStream(), socket.getOutputStream(), description, password, () -> {
				try {
					socket.close();
				} catch (IOException e) {
					// closed either way
				}
			});
		} catch (IOException e) {
			try {
				socket.close();
			} catch (IOException c) {
				e.addSuppressed(c);
			}
			throw new DriverException(Reason.UNREACHABLE, "Cannot reach the " + description + ": " + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
					+ ". Check that the VM still runs and that nothing blocks the port.", e); //$NON-NLS-1$
		}
	}

	static void abort(Stream stream) {
		try {
			stream.abort();
		} catch (LibvirtException e) {
			// the stream is gone either way
		}
	}

	static void free(Stream stream) {
		try {
			stream.free();
		} catch (LibvirtException e) {
			// freed already
		}
	}
}
