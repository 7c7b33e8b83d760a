package org.hostdeck.tests.support.libvirt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hostdeck.tests.support.Wait;

/**
 * A real OpenSSH server on 127.0.0.1 with its own host key, port and folder, stopped by PID. It
 * accepts only public keys listed in {@link #authorizedKeys()} (none at first): a host that
 * refuses authentication, and later the "physical server" for P2V. Needs Debian's
 * openssh-server and root.
 */
public final class SshServer implements AutoCloseable {

	/** A user this server lets log in with a password. */
	public record PasswordUser(String name, String password) {
	}

	/** The account {@link #addPasswordUser} makes on this machine (removed again by {@link #close}). */
	private static final String PASSWORD_USER = "hostdeck-p2v-test"; //$NON-NLS-1$

	private final Path dir;
	private final int port;
	private Process process;
	private boolean madeUser;

	public static boolean available() {
		return org.hostdeck.tests.support.Tools.present("openssh-server", "/usr/sbin/sshd") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("openssh-client", "/usr/bin/ssh-keygen"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public static SshServer start() throws IOException {
		return start(""); //$NON-NLS-1$
	}

	/** @param keyPassphrase passphrase that encrypts {@link #clientKey()} ("" for none) */
	public static SshServer start(String keyPassphrase) throws IOException {
		Path dir = Files.createTempDirectory("hostdeck-sshd-"); //$NON-NLS-1$
		SshServer server = new SshServer(dir, freePort());
		server.launch(keyPassphrase);
		return server;
	}

	private SshServer(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void launch(String keyPassphrase) throws IOException {
		keygen(dir.resolve("host_key"), ""); //$NON-NLS-1$ //$NON-NLS-2$
		keygen(dir.resolve("client_key"), keyPassphrase); //$NON-NLS-1$
		Files.createFile(authorizedKeys());
		Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder //$NON-NLS-1$
		Files.writeString(dir.resolve("sshd_config"), String.join("\n", //$NON-NLS-1$ //$NON-NLS-2$
				"Port " + port, //$NON-NLS-1$
				"ListenAddress 127.0.0.1", //$NON-NLS-1$
				"HostKey " + dir.resolve("host_key"), //$NON-NLS-1$ //$NON-NLS-2$
				"PidFile " + dir.resolve("sshd.pid"), //$NON-NLS-1$ //$NON-NLS-2$
				"AuthorizedKeysFile " + authorizedKeys(), //$NON-NLS-1$
				"PasswordAuthentication no", //$NON-NLS-1$
				"KbdInteractiveAuthentication no", //$NON-NLS-1$
				"PubkeyAuthentication yes", //$NON-NLS-1$
				"PermitRootLogin prohibit-password", //$NON-NLS-1$
				"StrictModes no", //$NON-NLS-1$
				"UsePAM no", "")); //$NON-NLS-1$ //$NON-NLS-2$
		startSshd();
		if (!process.isAlive()) {
			throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** Starts sshd with this server's configuration and waits until it listens. */
	private void startSshd() throws IOException {
		// -D: stay in the foreground, so the Process is sshd itself and stops by its PID
		process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(), "-E", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
				dir.resolve("sshd.log").toString()).start(); //$NON-NLS-1$
		Wait.until("sshd listening on port " + port, () -> listening() || !process.isAlive(), Duration.ofSeconds(20)); //$NON-NLS-1$
	}

	private boolean listening() {
		try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	private static void keygen(Path key, String passphrase) throws IOException {
		try {
			Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key.toString()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
					.redirectErrorStream(true).start();
			if (p.waitFor() != 0) {
				throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes())); //$NON-NLS-1$
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	/** The server gets a new host key (as a reinstalled or impersonated server would) and is started again on the same port. */
	public void replaceHostKey() throws IOException, InterruptedException {
		process.destroy();
		process.waitFor(10, TimeUnit.SECONDS);
		Files.delete(dir.resolve("host_key")); //$NON-NLS-1$
		Files.delete(dir.resolve("host_key.pub")); //$NON-NLS-1$
		keygen(dir.resolve("host_key"), ""); //$NON-NLS-1$ //$NON-NLS-2$
		startSshd();
	}

	public int port() {
		return port;
	}

	/**
	 * Creates the local account {@code hostdeck-p2v-test} (a system account, no home, shell
	 * {@code /bin/sh}) with a random password and lets this server (only it: a {@code Match User}
	 * block) log it in with that password; the server restarts on its port. {@link #close}
	 * deletes the account again.
	 */
	public PasswordUser addPasswordUser() throws IOException, InterruptedException {
		if (new ProcessBuilder("id", PASSWORD_USER).start().waitFor() != 0) { //$NON-NLS-1$
			command(null, "useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", PASSWORD_USER); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
		}
		madeUser = true;
		String password = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
		command(PASSWORD_USER + ":" + password + "\n", "chpasswd"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		Files.writeString(dir.resolve("sshd_config"), "Match User " + PASSWORD_USER + "\n  PasswordAuthentication yes\n", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				java.nio.file.StandardOpenOption.APPEND);
		process.destroy();
		process.waitFor(10, TimeUnit.SECONDS);
		startSshd();
		return new PasswordUser(PASSWORD_USER, password);
	}

	private static void command(String input, String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (input != null) {
			p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		p.getOutputStream().close();
		String out = new String(p.getInputStream().readAllBytes());
		if (p.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + out); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** The file of public keys the server accepts. */
	public Path authorizedKeys() {
		return dir.resolve("authorized_keys"); //$NON-NLS-1$
	}

	/** Lets {@link #clientKey()} log in (as any user the server has). */
	public void authorizeClientKey() throws IOException {
		Files.writeString(authorizedKeys(), Files.readString(dir.resolve("client_key.pub")), //$NON-NLS-1$
				java.nio.file.StandardOpenOption.APPEND);
	}

	/** A private key the server knows nothing about until its public half is authorized. */
	public Path clientKey() {
		return dir.resolve("client_key"); //$NON-NLS-1$
	}

	/**
	 * A libvirt URI through this server with libvirt's libssh transport, using {@link #clientKey()}
	 * and a known-hosts file of its own (the user's ~/.ssh is not touched).
	 */
	public String libvirtUri(String user, String path) {
		return "qemu+libssh://" + user + "@127.0.0.1:" + port + path + "?keyfile=" + clientKey() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ "&known_hosts=" + dir.resolve("known_hosts") + "&known_hosts_verify=ignore&sshauth=privkey"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/**
	 * Like {@link #libvirtUri(String, String, Path)} but checking the host key as a user's
	 * connection does: an unknown key is asked about, a trusted one is written to
	 * {@link #knownHosts()}.
	 */
	public String libvirtUriCheckingHostKey(String user, String path, Path socket) {
		return libvirtUri(user, path, socket).replace("&known_hosts_verify=ignore", ""); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The known-hosts file of the URIs of this server (absent until a key is trusted). */
	public Path knownHosts() {
		return dir.resolve("known_hosts"); //$NON-NLS-1$
	}

	/** The server's host key fingerprint as {@code ssh-keygen -l} prints it ({@code SHA256:...}). */
	public String hostKeyFingerprint() throws IOException {
		return fingerprint(dir.resolve("host_key.pub")); //$NON-NLS-1$
	}

	/** Writes a new key pair at {@code key} and returns the public key's line. */
	public static String newPublicKey(Path key) throws IOException {
		keygen(key, ""); //$NON-NLS-1$
		return Files.readString(Path.of(key + ".pub")).trim(); //$NON-NLS-1$
	}

	private static String fingerprint(Path publicKey) throws IOException {
		Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()).redirectErrorStream(true).start(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		String out = new String(p.getInputStream().readAllBytes()).trim();
		String[] fields = out.split(" "); //$NON-NLS-1$
		if (fields.length < 2 || !fields[1].startsWith("SHA256:")) { //$NON-NLS-1$
			throw new IOException("ssh-keygen -l: " + out); //$NON-NLS-1$
		}
		return fields[1];
	}

	/** Like {@link #libvirtUri}, tunnelled with netcat to the libvirt socket {@code socket} on the server. */
	public String libvirtUri(String user, String path, Path socket) {
		// libvirt's netcat proxy runs nc on this server to reach the test daemon's own socket
		org.hostdeck.tests.support.Tools.need("netcat-openbsd", "/usr/bin/nc"); //$NON-NLS-1$ //$NON-NLS-2$
		return libvirtUri(user, path) + "&proxy=netcat&socket=" + socket; //$NON-NLS-1$
	}

	/** How many logins the server holds now: sshd forks one process per connection. */
	public long sessions() {
		return sessionPids().size();
	}

	/** The processes of the logins the server holds now, one per connection. */
	public java.util.Set<Long> sessionPids() {
		return process.children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		if (madeUser) {
			command(null, "userdel", PASSWORD_USER); //$NON-NLS-1$
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
