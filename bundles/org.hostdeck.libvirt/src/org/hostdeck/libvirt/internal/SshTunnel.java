package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * One SSH login to a libvirt host reached over SSH, made the way libvirt made its own from the
 * same URI (user, port, {@code keyfile}, {@code known_hosts}, {@code known_hosts_verify}, the
 * password or key passphrase HostDeck keeps for the host), through which displays on the host's
 * loopback are reached (SSH {@code direct-tcpip} channels; nothing listens on this machine). The
 * host key rules are libvirt's: a key in the known-hosts file passes, a changed one is refused, an
 * unknown one is asked about through the credentials provider and remembered when trusted.
 */
final class SshTunnel implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final SshClient client;
	private final ClientSession session;
	private final String host;

	private SshTunnel(SshClient client, ClientSession session, String host) {
		this.client = client;
		this.session = session;
		this.host = host;
	}

	static SshTunnel connect(String uri, ICredentialsProvider provider) throws DriverException {
		URI parsed = URI.create(uri);
		Map<String, String> query = query(parsed.getRawQuery());
		String host = parsed.getHost();
		int port = parsed.getPort() < 0 ? 22 : parsed.getPort();
		Credentials stored = provider.credentialsFor(uri);
		String user = parsed.getUserInfo() != null ? parsed.getUserInfo()
				: stored != null && stored.user() != null ? stored.user() : System.getProperty("user.name"); //$NON-NLS-1$
		String secret = stored == null || stored.password() == null ? null : new String(stored.password());
		if (stored != null) {
			stored.wipe();
		}
		String where = user + "@" + host + ":" + port; //$NON-NLS-1$ //$NON-NLS-2$
		Path home = Path.of(System.getProperty("user.home"), ".ssh"); //$NON-NLS-1$ //$NON-NLS-2$
		Path knownHosts = query.containsKey("known_hosts") ? Path.of(query.get("known_hosts")) : home.resolve("known_hosts"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		boolean verify = !"ignore".equals(query.get("known_hosts_verify")); //$NON-NLS-1$ //$NON-NLS-2$
		String[] refusal = new String[1];
		SshClient client = SshClient.setUpDefaultClient();
		client.setServerKeyVerifier((s, address, key) -> {
			if (!verify) {
				return true; // the URI says so, as it told libvirt
			}
			try {
				refusal[0] = check(uri, host, port, key, knownHosts, provider);
			} catch (IOException | GeneralSecurityException | RuntimeException e) {
				refusal[0] = "The host key of " + host + " could not be checked against " + knownHosts + ": " + e.getMessage(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return refusal[0] == null;
		});
		client.start();
		ClientSession session = null;
		try {
			session = client.connect(user, host, port).verify(TIMEOUT).getSession();
			List<Path> keys = new ArrayList<>();
			if (query.containsKey("keyfile")) { //$NON-NLS-1$
				keys.add(Path.of(query.get("keyfile"))); //$NON-NLS-1$
			} else {
				for (String name : new String[] { "id_ed25519", "id_ecdsa", "id_rsa" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					if (Files.isReadable(home.resolve(name))) {
						keys.add(home.resolve(name));
					}
				}
			}
			int identities = 0;
			for (Path key : keys) {
				try (InputStream in = Files.newInputStream(key)) {
					for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(key.toString()), in,
							secret == null ? null : FilePasswordProvider.of(secret))) {
						session.addPublicKeyIdentity(pair);
						identities++;
					}
				} catch (IOException | GeneralSecurityException e) {
					if (query.containsKey("keyfile")) { //$NON-NLS-1$
						throw new DriverException(Reason.AUTHENTICATION, "Cannot reach the displays of " + uri + ": the key " + key //$NON-NLS-1$ //$NON-NLS-2$
								+ " cannot be read (" + e.getMessage() + "). Check the file and the passphrase HostDeck keeps for the host.", e); //$NON-NLS-1$ //$NON-NLS-2$
					}
				}
			}
			String auth = query.getOrDefault("sshauth", ""); //$NON-NLS-1$ //$NON-NLS-2$
			if (secret != null && (identities == 0 || auth.contains("password") || auth.contains("keyboard"))) { //$NON-NLS-1$ //$NON-NLS-2$
				session.addPasswordIdentity(secret);
			}
			session.auth().verify(TIMEOUT);
			SshTunnel tunnel = new SshTunnel(client, session, host);
			session = null;
			return tunnel;
		} catch (IOException e) {
			if (refusal[0] != null) {
				throw new DriverException(Reason.AUTHENTICATION, "Cannot reach the displays of " + uri + ": " + refusal[0], e); //$NON-NLS-1$ //$NON-NLS-2$
			}
			throw new DriverException(Reason.UNREACHABLE, "Cannot reach the displays of " + uri + " through SSH (" + where + "): " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ e.getMessage() + ". HostDeck logs in as libvirt did; an ssh-agent is not used, so give the host's URI a keyfile" //$NON-NLS-1$
					+ " or keep its password in HostDeck.", e); //$NON-NLS-1$
		} finally {
			if (session != null) {
				closeQuietly(session);
				client.stop();
			}
		}
	}

	/** Checks {@code key} against {@code knownHosts}; @return null when it passes, else why not. */
	private static String check(String uri, String host, int port, PublicKey key, Path knownHosts, ICredentialsProvider provider)
			throws IOException, GeneralSecurityException {
		List<KnownHostEntry> entries = Files.exists(knownHosts) ? KnownHostEntry.readKnownHostEntries(knownHosts) : List.of();
		for (KnownHostEntry entry : entries) {
			if (!entry.isHostMatch(host, port) || entry.getKeyEntry() == null) {
				continue;
			}
			PublicKey known = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
			if (known != null && KeyUtils.getKeyType(known).equals(KeyUtils.getKeyType(key))) {
				return KeyUtils.compareKeys(known, key) ? null
						: "the host key of " + host + " changed (now " + KeyUtils.getFingerPrint(key) + ", not the one in " + knownHosts //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
								+ "). Someone may be impersonating the host; if it was reinstalled, remove its old line (ssh-keygen -R '[" //$NON-NLS-1$
								+ host + "]:" + port + "' -f " + knownHosts + ") and connect again."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		HostKey asked = new HostKey(host + ":" + port, KeyUtils.getFingerPrint(key)); //$NON-NLS-1$
		if (!provider.trustHostKey(uri, asked)) {
			return "the host key of " + host + " (" + asked.fingerprint() + ") is not in " + knownHosts + " and was not trusted."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		Path folder = knownHosts.toAbsolutePath().getParent();
		if (folder != null) {
			Files.createDirectories(folder);
		}
		StringBuilder line = new StringBuilder(port == 22 ? host : "[" + host + "]:" + port).append(' '); //$NON-NLS-1$ //$NON-NLS-2$
		PublicKeyEntry.appendPublicKeyEntry(line, key);
		Files.writeString(knownHosts, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		return null;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> result = new HashMap<>();
		if (raw == null) {
			return result;
		}
		for (String pair : raw.split("&")) { //$NON-NLS-1$
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			result.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)); //$NON-NLS-1$
		}
		return result;
	}

	boolean isOpen() {
		return session.isOpen();
	}

	/** A stream to {@code address:port} as the host sees it. */
	ConsoleStream open(String address, int port, String description, String password) throws DriverException {
		ChannelDirectTcpip channel = null;
		try {
			channel = session.createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(address, port)); //$NON-NLS-1$
			channel.open().verify(TIMEOUT);
			ChannelDirectTcpip opened = channel;
			channel = null;
			return ConsoleStream.of(opened.getInvertedOut(), opened.getInvertedIn(), description, password, () -> closeQuietly(opened));
		} catch (IOException e) {
			throw new DriverException(Reason.UNREACHABLE, "Cannot reach the " + description + ": " + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
					+ ". Check that the VM still runs and that sshd on " + host + " allows TCP forwarding (AllowTcpForwarding).", e); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			if (channel != null) {
				closeQuietly(channel);
			}
		}
	}

	private static void closeQuietly(org.apache.sshd.common.Closeable closeable) {
		try {
			closeable.close(false).await(TIMEOUT);
		} catch (IOException e) {
			// closed either way
		}
	}

	@Override
	public void close() {
		closeQuietly(session);
		client.stop();
	}
}
