package org.hostdeck.libvirt.internal;

import java.net.URI;
import java.net.URISyntaxException;

import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.libvirt.ConnectAuth;

/**
 * Answers libvirt's credential requests (user name, password) from HostDeck's provider, once per
 * connection, and passes the SSH transport's "accept this host key?" question on to it. Nothing
 * is prompted on a terminal and nothing is logged.
 */
final class CredentialsAuth extends ConnectAuth {

	private final String uri;
	private final ICredentialsProvider provider;
	private Credentials credentials;
	private boolean asked;
	private HostKey declined;

	CredentialsAuth(String uri, ICredentialsProvider provider) {
		this.uri = uri;
		this.provider = provider;
		credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
				CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT, CredentialType.VIR_CRED_ECHOPROMPT };
	}

	@Override
	public int callback(Credential[] requests) {
		for (Credential request : requests) {
			if (request.type == CredentialType.VIR_CRED_ECHOPROMPT) {
				// libvirt's libssh transport asks this, and only this, for an unknown host key
				HostKey key = HostKey.fromPrompt(address(), request.prompt);
				if (key == null) {
					return -1;
				}
				boolean trusted = provider.trustHostKey(uri, key);
				declined = trusted ? null : key;
				request.result = trusted ? "y" : "n"; //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			Credentials stored = credentials();
			if (stored == null) {
				return -1; // the host wants credentials and HostDeck has none: refuse, do not prompt
			}
			switch (request.type) {
			case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> request.result = stored.user() != null ? stored.user()
					: request.defresult;
			case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> {
				if (stored.password() == null) {
					return -1;
				}
				request.result = new String(stored.password());
			}
			default -> {
				return -1;
			}
			}
		}
		return 0;
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
