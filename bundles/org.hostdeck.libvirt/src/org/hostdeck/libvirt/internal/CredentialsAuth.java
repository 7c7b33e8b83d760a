package org.hostdeck.libvirt.internal;

import java.net.URI;
import java.net.URISyntaxException;

import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;

/**
 * Answers libvirt's credential requests (user name, password) from HostDeck's provider, once per
 * connection, and passes the SSH transport's "accept this host key?" question on to it. Nothing
 * is prompted on a terminal and nothing is logged.
 */
final class CredentialsAuth implements AuthenticatedOpen.Answers {

	// libvirt's virConnectCredentialType values
	private static final int USERNAME = 1;
	private static final int AUTHNAME = 2;
	private static final int PASSPHRASE = 5;
	private static final int ECHOPROMPT = 6;
	private static final int NOECHOPROMPT = 7;

	private final String uri;
	private final ICredentialsProvider provider;
	private Credentials credentials;
	private boolean asked;
	private HostKey declined;

	CredentialsAuth(String uri, ICredentialsProvider provider) {
		this.uri = uri;
		this.provider = provider;
	}

	@Override
	public int[] types() {
		return new int[] { AUTHNAME, USERNAME, PASSPHRASE, NOECHOPROMPT, ECHOPROMPT };
	}

	@Override
	public String answer(int type, String prompt, String defresult) {
		if (type == ECHOPROMPT) {
			// libvirt's libssh transport asks this, and only this, for an unknown host key
			HostKey key = HostKey.fromPrompt(address(), prompt);
			if (key == null) {
				return null;
			}
			boolean trusted = provider.trustHostKey(uri, key);
			declined = trusted ? null : key;
			return trusted ? "y" : "n"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		Credentials stored = credentials();
		if (stored == null) {
			return null; // the host wants credentials and HostDeck has none: refuse, do not prompt
		}
		return switch (type) {
		case AUTHNAME, USERNAME -> stored.user() != null ? stored.user() : defresult;
		case PASSPHRASE, NOECHOPROMPT -> stored.password() == null ? null : new String(stored.password());
		default -> null;
		};
	}

	private Credentials credentials() {
		if (!asked) {
			asked = true;
			credentials = provider.credentialsFor(uri);
		}
		return credentials;
	}

	/** {@code host:port} of the URI, the way the user reads the host-key question. */
	private String address() {
		try {
			URI parsed = new URI(uri);
			if (parsed.getHost() != null) {
				return parsed.getHost() + ":" + (parsed.getPort() < 0 ? 22 : parsed.getPort()); //$NON-NLS-1$
			}
		} catch (URISyntaxException e) {
			// fall through: show the URI itself
		}
		return uri;
	}

	/** @return the host key the user would not trust in this connection attempt, or {@code null} */
	HostKey declined() {
		return declined;
	}

	/** Forgets the password once the connection is open. */
	void wipe() {
		if (credentials != null) {
			credentials.wipe();
		}
	}
}
