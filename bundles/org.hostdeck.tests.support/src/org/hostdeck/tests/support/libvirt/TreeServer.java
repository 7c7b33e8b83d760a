package org.hostdeck.tests.support.libvirt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.hostdeck.tests.support.Wait;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A network share for install tests: an exploded install tree in a temp folder, served over
 * HTTP by the JDK's server on loopback, or over FTP by Debian's pyftpdlib. The HTTP side can
 * break one file the way a failing server does (it announces the whole length, sends half and
 * drops the connection).
 */
public final class TreeServer implements AutoCloseable {

	private final Path root;
	private final HttpServer http;
	private Process ftp;
	private int ftpPort;
	private final Set<String> broken = ConcurrentHashMap.newKeySet();
	private final Map<String, Integer> requests = new ConcurrentHashMap<>();

	private TreeServer(Path root) throws IOException {
		this.root = root;
		http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		http.createContext("/", this::serve); //$NON-NLS-1$
		http.start();
	}

	/**
	 * Serves a Red Hat style tree: {@code images/pxeboot/vmlinuz} is {@link BootImages#kernel()}
	 * and {@code images/pxeboot/initrd.img} prints {@code initrdText}.
	 */
	public static TreeServer redHatTree(String initrdText) throws IOException {
		Path root = Files.createTempDirectory("hostdeck-tree-"); //$NON-NLS-1$
		Path images = Files.createDirectories(root.resolve("tree/images/pxeboot")); //$NON-NLS-1$
		Files.write(images.resolve("vmlinuz"), BootImages.kernel()); //$NON-NLS-1$
		Files.write(images.resolve("initrd.img"), BootImages.initrd(initrdText)); //$NON-NLS-1$
		Files.createDirectories(root.resolve("empty")); //$NON-NLS-1$
		return new TreeServer(root);
	}

	/** The served folder; {@code tree/} holds the install tree, {@code empty/} nothing. */
	public Path root() {
		return root;
	}

	/** {@code http://127.0.0.1:port/} + {@code path}. */
	public String http(String path) {
		return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + path; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** From now on, a GET of {@code path} (e.g. {@code /tree/images/pxeboot/initrd.img}) sends half and drops. */
	public void breakFile(String path) {
		broken.add(path);
	}

	/** How many GET requests {@code path} has had. */
	public int gets(String path) {
		return requests.getOrDefault(path, 0);
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Path file = root.resolve(path.substring(1)).normalize();
			if (!file.startsWith(root) || !Files.isRegularFile(file)) {
				byte[] body = "not found".getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
				exchange.sendResponseHeaders(404, body.length);
				exchange.getResponseBody().write(body);
				return;
			}
			byte[] data = Files.readAllBytes(file);
			if ("HEAD".equals(exchange.getRequestMethod())) { //$NON-NLS-1$
				exchange.getResponseHeaders().add("Content-Length", Integer.toString(data.length)); //$NON-NLS-1$
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			requests.merge(path, 1, Integer::sum);
			exchange.sendResponseHeaders(200, data.length);
			OutputStream out = exchange.getResponseBody();
			if (broken.contains(path)) {
				out.write(data, 0, data.length / 2);
				out.flush();
				return; // closing the exchange short of the announced length drops the connection
			}
			out.write(data);
		}
	}

	/** Whether {@link #startFtp()} can run here (Debian's {@code python3-pyftpdlib}). */
	public static boolean ftpAvailable() {
		return org.hostdeck.tests.support.Tools.present("python3-pyftpdlib", "/usr/lib/python3/dist-packages/pyftpdlib", "/usr/bin/python3"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** Serves the same folder over anonymous read-only FTP on loopback; returns its {@code ftp://} root. */
	public String startFtp() throws IOException {
		ftpPort = freePort();
		ftp = new ProcessBuilder("/usr/bin/python3", "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", Integer.toString(ftpPort), "-d", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
				root.toString()).redirectErrorStream(true).redirectOutput(root.resolve("../" + root.getFileName() + "-ftp.log").toFile()) //$NON-NLS-1$ //$NON-NLS-2$
				.start();
		Wait.until("FTP server on port " + ftpPort, () -> { //$NON-NLS-1$
			try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), ftpPort)) {
				return true;
			} catch (IOException e) {
				return !ftp.isAlive();
			}
		}, Duration.ofSeconds(20));
		if (!ftp.isAlive()) {
			throw new IOException("pyftpdlib exited at start"); //$NON-NLS-1$
		}
		return "ftp://127.0.0.1:" + ftpPort + "/"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		http.stop(0);
		if (ftp != null) {
			ftp.destroy();
			ftp.waitFor(10, TimeUnit.SECONDS);
		}
		try (java.util.stream.Stream<Path> files = Files.walk(root)) {
			for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		Files.deleteIfExists(root.resolve("../" + root.getFileName() + "-ftp.log").normalize()); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
