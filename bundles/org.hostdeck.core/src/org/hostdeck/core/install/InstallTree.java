package org.hostdeck.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.model.util.Sizes;

/**
 * An exploded install tree on a network share (HTTP, HTTPS, FTP or NFS): where its installer
 * kernel and initrd are, and the kernel arguments that point the installer back at the share,
 * the way virt-install's URL installs do it.
 */
public final class InstallTree {

	/** The well-known places of an installer kernel and initrd, relative to the tree's root. */
	public enum Layout {
		/** Fedora, RHEL, CentOS, Rocky, Alma: Anaconda, {@code inst.repo=}. */
		REDHAT("images/pxeboot/vmlinuz", "images/pxeboot/initrd.img"), //$NON-NLS-1$ //$NON-NLS-2$
		/** Older RHEL's paravirtualized Xen installer. */
		REDHAT_XEN("images/xen/vmlinuz", "images/xen/initrd.img"), //$NON-NLS-1$ //$NON-NLS-2$
		/** A Debian mirror's {@code dists/<suite>/main/installer-amd64/}. */
		DEBIAN_NETBOOT("current/images/netboot/debian-installer/amd64/linux", //$NON-NLS-1$
				"current/images/netboot/debian-installer/amd64/initrd.gz"), //$NON-NLS-1$
		/** Debian's Xen installer on a mirror. */
		DEBIAN_NETBOOT_XEN("current/images/netboot/xen/vmlinuz", "current/images/netboot/xen/initrd.gz"), //$NON-NLS-1$ //$NON-NLS-2$
		/** An exploded Debian CD/DVD. */
		DEBIAN_CD("install.amd/vmlinuz", "install.amd/initrd.gz"), //$NON-NLS-1$ //$NON-NLS-2$
		/** openSUSE and SLES: linuxrc, {@code install=}. */
		SUSE("boot/x86_64/loader/linux", "boot/x86_64/loader/initrd"); //$NON-NLS-1$ //$NON-NLS-2$

		private final String kernel;
		private final String initrd;

		Layout(String kernel, String initrd) {
			this.kernel = kernel;
			this.initrd = initrd;
		}

		public String kernel() {
			return kernel;
		}

		public String initrd() {
			return initrd;
		}

		/** The folder holding both, e.g. {@code images/pxeboot/}. */
		public String folder() {
			return kernel.substring(0, kernel.lastIndexOf('/') + 1);
		}

		/** The kernel's file name in {@link #folder()}. */
		public String kernelFile() {
			return kernel.substring(kernel.lastIndexOf('/') + 1);
		}

		/** The initrd's file name in {@link #folder()}. */
		public String initrdFile() {
			return initrd.substring(initrd.lastIndexOf('/') + 1);
		}

		boolean xen() {
			return this == REDHAT_XEN || this == DEBIAN_NETBOOT_XEN;
		}
	}

	private final URI root;
	private final Layout layout;

	private InstallTree(URI root, Layout layout) {
		this.root = root;
		this.layout = layout;
	}

	/** A tree known to have {@code layout} at {@code root} (e.g. found through the host, for NFS). */
	public static InstallTree at(URI root, Layout layout) {
		return new InstallTree(root, layout);
	}

	/** The layouts in the order to look for them: the paravirtualized Xen installers first when {@code xen}. */
	public static List<Layout> searchOrder(boolean xen) {
		List<Layout> order = new ArrayList<>(List.of(Layout.values()));
		order.sort((a, b) -> Boolean.compare(b.xen() == xen, a.xen() == xen));
		return order;
	}

	/** Whether the host, not HostDeck, reads this tree (NFS). */
	public boolean nfs() {
		return "nfs".equals(root.getScheme()); //$NON-NLS-1$
	}

	public URI root() {
		return root;
	}

	public Layout layout() {
		return layout;
	}

	public URI kernel() {
		return root.resolve(layout.kernel());
	}

	public URI initrd() {
		return root.resolve(layout.initrd());
	}

	/**
	 * Parses an install tree address. The message of the exception says what is wrong and what
	 * is expected.
	 */
	public static URI parse(String url) throws IOException {
		if (url == null || url.isBlank()) {
			throw new IOException("enter the address of an install tree, e.g. http://mirror/fedora/41/Everything/x86_64/os/"); //$NON-NLS-1$
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		} catch (URISyntaxException e) {
			throw new IOException("'" + url + "' is not an address: " + e.getReason()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT); //$NON-NLS-1$
		if (!List.of("http", "https", "ftp", "nfs").contains(scheme)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			throw new IOException("'" + url + "' is not an http://, https://, ftp:// or nfs:// address"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
			throw new IOException("'" + url + "' names no server and folder, e.g. " + scheme + "://server/path/"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + '/'; //$NON-NLS-1$
		try {
			return new URI(scheme, uri.getUserInfo(), uri.getHost(), uri.getPort(), path, null, null);
		} catch (URISyntaxException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/**
	 * Looks for an installer kernel and initrd in the tree at {@code url} (HTTP, HTTPS or FTP),
	 * paravirtualized Xen installers first when {@code xen} asks for them.
	 *
	 * @throws IOException naming the address and what is missing: the server cannot be reached, or
	 *                     it answers but holds none of the known layouts
	 */
	public static InstallTree probe(String url, boolean xen) throws IOException {
		URI root = parse(url);
		if ("nfs".equals(root.getScheme())) { //$NON-NLS-1$
			throw new IOException("an NFS tree is read by the host, not by HostDeck: use " + nfsSource(root) //$NON-NLS-1$
					+ " through the host's storage (a netfs pool), or serve the tree over HTTP or FTP"); //$NON-NLS-1$
		}
		List<Layout> order = searchOrder(xen);
		IOException unreachable = null;
		for (Layout layout : order) {
			try {
				if (exists(root.resolve(layout.kernel())) && exists(root.resolve(layout.initrd()))) {
					return new InstallTree(root, layout);
				}
			} catch (java.net.ConnectException | java.net.UnknownHostException | java.net.SocketTimeoutException e) {
				unreachable = e;
				break;
			}
		}
		if (unreachable != null) {
			throw new IOException(root + " cannot be reached (" + describe(unreachable) + "). Check the address and that the server is up."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		throw noTree(root, order);
	}

	/** The refusal for a tree where none of {@code order} was found. */
	public static IOException noTree(URI root, List<Layout> order) {
		List<String> tried = order.stream().map(Layout::kernel).toList();
		return new IOException(root + " holds no installer kernel and initrd (looked for " + String.join(", ", tried) //$NON-NLS-1$ //$NON-NLS-2$
				+ "). Point at the root of an install tree."); //$NON-NLS-1$
	}

	private static String describe(IOException e) {
		String kind = e instanceof java.net.UnknownHostException ? "unknown host" //$NON-NLS-1$
				: e instanceof java.net.SocketTimeoutException ? "no answer" : "connection refused"; //$NON-NLS-1$ //$NON-NLS-2$
		return e.getMessage() == null || e.getMessage().isEmpty() ? kind : kind + ": " + e.getMessage(); //$NON-NLS-1$
	}

	private static final int TIMEOUT_MS = 10_000;

	private static URLConnection open(URI uri) throws IOException {
		URLConnection connection = uri.toURL().openConnection();
		connection.setConnectTimeout(TIMEOUT_MS);
		connection.setReadTimeout(TIMEOUT_MS);
		return connection;
	}

	private static boolean exists(URI file) throws IOException {
		URLConnection connection = open(file);
		if (connection instanceof HttpURLConnection http) {
			http.setRequestMethod("HEAD"); //$NON-NLS-1$
			try {
				return http.getResponseCode() / 100 == 2;
			} finally {
				http.disconnect();
			}
		}
		try (InputStream in = connection.getInputStream()) {
			return true; // FTP: RETR answered; the data itself is not needed now
		} catch (java.io.FileNotFoundException e) {
			return false;
		}
	}

	/**
	 * The installer's kernel arguments for this tree: where to install from, then {@code extra}
	 * (e.g. {@code console=ttyS0}).
	 */
	public String kernelArgs(String extra) {
		return join(installArgs(root, layout), extra);
	}

	/** The kernel arguments pointing an installer of {@code layout} at the tree at {@code root}. */
	public static String installArgs(URI root, Layout layout) {
		String scheme = root.getScheme();
		String url = root.toString();
		switch (layout) {
		case REDHAT, REDHAT_XEN:
			return "inst.repo=" + ("nfs".equals(scheme) ? "nfs:" + nfsSource(root) : url); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		case SUSE:
			return "install=" + url; //$NON-NLS-1$
		default:
			// debian-installer takes its mirror as preseed answers on the kernel command line
			String path = root.getPath();
			String suite = null;
			int dists = path.indexOf("/dists/"); //$NON-NLS-1$
			if (dists >= 0) {
				String rest = path.substring(dists + "/dists/".length()); //$NON-NLS-1$
				suite = rest.substring(0, Math.max(0, rest.indexOf('/')));
				path = path.substring(0, dists + 1);
			}
			String protocol = "https".equals(scheme) ? "https" : "ftp".equals(scheme) ? "ftp" : "http"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			String host = root.getHost() + (root.getPort() > 0 ? ":" + root.getPort() : ""); //$NON-NLS-1$ //$NON-NLS-2$
			String args = "mirror/protocol=" + protocol + " mirror/" + protocol + "/hostname=" + host + " mirror/" + protocol //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ "/directory=" + path; //$NON-NLS-1$
			return suite == null || suite.isEmpty() ? args : args + " mirror/suite=" + suite; //$NON-NLS-1$
		}
	}

	/** {@code server:/export/path} of an {@code nfs://server/export/path/} address. */
	public static String nfsSource(URI root) {
		String path = root.getPath();
		return root.getHost() + ':' + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path); //$NON-NLS-1$
	}

	private static String join(String a, String b) {
		return b == null || b.isBlank() ? a : a + ' ' + b.trim();
	}

	/**
	 * Downloads {@code file} of this tree into {@code target}, reporting bytes on {@code monitor}.
	 *
	 * @return the bytes written
	 * @throws OperationCanceledException when the monitor is cancelled (the partial file stays for the caller to delete)
	 */
	public static long fetch(URI file, Path target, IProgressMonitor monitor) throws IOException {
		URLConnection connection = open(file);
		long length = connection.getContentLengthLong();
		SubMonitor progress = SubMonitor.convert(monitor, "Fetch " + file, length > 0 ? (int) Math.min(Integer.MAX_VALUE, length / 65536 + 1) : 100); //$NON-NLS-1$
		long done = 0;
		try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
			byte[] buffer = new byte[65536];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				if (progress.isCanceled()) {
					throw new OperationCanceledException();
				}
				out.write(buffer, 0, n);
				long before = done / 65536;
				done += n;
				if (length > 0) {
					progress.worked((int) (done / 65536 - before));
					progress.subTask(Sizes.format(done) + " of " + Sizes.format(length)); //$NON-NLS-1$
				} else {
					progress.setWorkRemaining(100).worked(1);
					progress.subTask(Sizes.format(done));
				}
			}
		} catch (InterruptedIOException e) {
			throw new IOException(file + ": no data for " + TIMEOUT_MS / 1000 + " s", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (length > 0 && done != length) {
			throw new IOException(file + ": the server sent " + done + " of " + length + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return done;
	}
}
