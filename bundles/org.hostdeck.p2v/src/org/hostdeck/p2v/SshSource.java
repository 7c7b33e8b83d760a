package org.hostdeck.p2v;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A Linux machine reached over SSH (Apache MINA SSHD): the source of a P2V conversion. The
 * server's host key is checked against a known-hosts file (OpenSSH's format): a key seen before
 * passes, an unknown one is asked about ({@link HostKeyQuestion}) and written there once
 * trusted, a changed one is refused. HostDeck only ever runs commands that read.
 */
public final class SshSource implements AutoCloseable {

	/** Where to log in. */
	public record Target(String host, int port, String user) {
		@Override
		public String toString() {
			return user + "@" + host + (port == 22 ? "" : ":" + port); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	/** How to log in: a password, or a private key file (OpenSSH format) with its passphrase ("" for none). */
	public sealed interface Credentials {
		record Password(String password) implements Credentials {
		}

		record Key(Path file, String passphrase) implements Credentials {
		}
	}

	/** The question about a host key never seen before; {@code true} trusts it (and it is remembered). */
	@FunctionalInterface
	public interface HostKeyQuestion {
		boolean trust(Target target, String algorithm, String fingerprint);

		/** For scripts and tests: an unknown key is refused. */
		HostKeyQuestion REFUSE = (t, a, f) -> false;
	}

	/** A command's outcome. */
	public record Result(int exit, String out, String err) {
	}

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final SshClient client;
	private final ClientSession session;
	private final Target target;

	private SshSource(SshClient client, ClientSession session, Target target) {
		this.client = client;
		this.session = session;
		this.target = target;
	}

	public Target target() {
		return target;
	}

	/**
	 * Connects and logs in.
	 *
	 * @param knownHosts the known-hosts file to check the host key against (created when a key is trusted)
	 * @throws P2vException naming what failed and what to do: unreachable, host key unknown and not
	 *                      trusted, host key changed, login refused
	 */
	public static SshSource connect(Target target, Credentials credentials, Path knownHosts, HostKeyQuestion question)
			throws P2vException {
		String[] refusal = new String[1];
		SshClient client = SshClient.setUpDefaultClient();
		// AES-GCM first: the JDK runs it on the CPU's AES instructions, while SSHD's own ChaCha20 (its
		// default first choice) is plain Java and caps a disk copy near 100 MiB/s
		client.setCipherFactories(List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
				BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr, BuiltinCiphers.cc20p1305_openssh));
		client.setServerKeyVerifier((s, address, key) -> {
			try {
				refusal[0] = verify(target, key, knownHosts, question);
			} catch (IOException | GeneralSecurityException | RuntimeException e) {
				refusal[0] = "The host key of " + target.host() + " could not be checked against " + knownHosts + ": " + e.getMessage(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return refusal[0] == null;
		});
		client.start();
		ClientSession session = null;
		try {
			try {
				session = client.connect(target.user(), target.host(), target.port()).verify(TIMEOUT).getSession();
			} catch (IOException e) {
				throw new P2vException("Cannot reach " + target + ": " + cause(e) + ". Check the address, the port and that sshd runs there."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (credentials instanceof Credentials.Password p) {
				session.addPasswordIdentity(p.password());
			} else if (credentials instanceof Credentials.Key k) {
				try (InputStream in = Files.newInputStream(k.file())) {
					for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(k.file().toString()), in,
							k.passphrase() == null || k.passphrase().isEmpty() ? null : FilePasswordProvider.of(k.passphrase()))) {
						session.addPublicKeyIdentity(pair);
					}
				} catch (IOException | GeneralSecurityException e) {
					throw new P2vException("Cannot read the key " + k.file() + ": " + cause(e) + ". Check the file and its passphrase."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			}
			try {
				session.auth().verify(TIMEOUT);
			} catch (IOException e) {
				if (refusal[0] != null) {
					throw new P2vException(refusal[0]);
				}
				throw new P2vException(target + " refused the login (" + cause(e) + "). Check the user name and the " //$NON-NLS-1$ //$NON-NLS-2$
						+ (credentials instanceof Credentials.Password ? "password." : "key (is its public half in the user's authorized_keys?).")); //$NON-NLS-1$ //$NON-NLS-2$
			}
			SshSource source = new SshSource(client, session, target);
			session = null;
			return source;
		} catch (P2vException e) {
			if (refusal[0] != null && !e.getMessage().equals(refusal[0])) {
				throw new P2vException(refusal[0]);
			}
			throw e;
		} finally {
			if (session != null) {
				try {
					session.close();
				} catch (IOException e) {
					// closing after a failure
				}
				client.stop();
			}
		}
	}

	/** Checks {@code key} against the known hosts; @return null when it passes, else why not. */
	private static String verify(Target target, PublicKey key, Path knownHosts, HostKeyQuestion question)
			throws IOException, GeneralSecurityException {
		String fingerprint = KeyUtils.getFingerPrint(key);
		List<KnownHostEntry> entries = Files.exists(knownHosts) ? KnownHostEntry.readKnownHostEntries(knownHosts) : List.of();
		boolean changed = false;
		for (KnownHostEntry entry : entries) {
			if (!entry.isHostMatch(target.host(), target.port()) || entry.getKeyEntry() == null) {
				continue;
			}
			PublicKey known = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
			if (known == null) {
				continue;
			}
			if (KeyUtils.compareKeys(known, key)) {
				return null;
			}
			changed |= KeyUtils.getKeyType(known).equals(KeyUtils.getKeyType(key));
		}
		String algorithm = KeyUtils.getKeyType(key);
		if (changed) {
			return "The host key of " + target.host() + " changed: it is now " + algorithm + " " + fingerprint //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ ", not the one in " + knownHosts + ". Someone may be in the middle; if the server was really reinstalled," //$NON-NLS-1$ //$NON-NLS-2$
					+ " remove its old line there (ssh-keygen -R " + pattern(target) + " -f " + knownHosts + ") and connect again."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (!question.trust(target, algorithm, fingerprint)) {
			return "The host key of " + target.host() + " (" + algorithm + " " + fingerprint //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ ") is not known and was not trusted. Compare it with the server's (ssh-keygen -l -f /etc/ssh/ssh_host_*_key.pub there) and trust it."; //$NON-NLS-1$
		}
		Path folder = knownHosts.toAbsolutePath().getParent();
		if (folder != null) {
			Files.createDirectories(folder);
		}
		StringBuilder line = new StringBuilder(pattern(target)).append(' ');
		PublicKeyEntry.appendPublicKeyEntry(line, key);
		Files.writeString(knownHosts, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		return null;
	}

	/** The host as known_hosts names it: {@code host}, or {@code [host]:port} off port 22. */
	private static String pattern(Target target) {
		return target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String cause(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}

	/** Runs {@code command} and answers its exit code and output. */
	public Result exec(String command) throws P2vException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = stream(command, out, err, () -> false);
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Runs {@code command}; its output, or an exception with its error output when it fails. */
	public String run(String command) throws P2vException {
		Result r = exec(command);
		if (r.exit() != 0) {
			throw new P2vException("'" + command + "' failed on " + target.host() + " (exit " + r.exit() + "): " + r.err().trim()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return r.out();
	}

	/**
	 * Runs {@code command} with its output going to {@code out} as it comes (a disk's bytes);
	 * {@code cancelled} is asked while it runs and closes the channel when it says so.
	 *
	 * @return the command's exit code
	 */
	public int stream(String command, OutputStream out, OutputStream err, BooleanSupplier cancelled) throws P2vException {
		try (ChannelExec channel = session.createExecChannel(command)) {
			channel.setOut(out);
			channel.setErr(err);
			channel.open().verify(TIMEOUT);
			while (true) {
				var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), 200);
				if (events.contains(ClientChannelEvent.CLOSED)) {
					break;
				}
				if (cancelled.getAsBoolean()) {
					channel.close(true);
					throw new org.eclipse.core.runtime.OperationCanceledException();
				}
				if (events.contains(ClientChannelEvent.EXIT_STATUS)) {
					channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT.toMillis());
					break;
				}
			}
			Integer exit = channel.getExitStatus();
			return exit == null ? -1 : exit;
		} catch (IOException e) {
			throw new P2vException("'" + command + "' could not run on " + target.host() + ": " + cause(e)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	@Override
	public void close() {
		try {
			session.close();
		} catch (IOException e) {
			// the connection goes either way
		}
		client.stop();
	}
}
