package org.hostdeck.libvirt.internal;

import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.libvirt.ConnectAuth;

/**
 * Answers libvirt's credential requests (user name, password) from HostDeck's provider, once per
 * connection. Nothing is prompted and nothing is logged.
 */
final class CredentialsAuth extends ConnectAuth {

	private final String uri;
	private final ICredentialsProvider provider;
	private Credentials credentials;
	private boolean asked;

	CredentialsAuth(String uri, ICredentialsProvider provider) {
		this.uri = uri;
		this.provider = provider;
		credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
				CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT };
	}

	@Override
	public int callback(Credential[] requests) {
		if (!asked) {
			asked = true;
			credentials = provider.credentialsFor(uri);
		}
		if (credentials == null) {
			return -1; // the host wants credentials and HostDeck has none: refuse, do not prompt
		}
		for (Credential request : requests) {
			switch (request.type) {
			case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> request.result = credentials.user() != null ? credentials.user()
					: request.defresult;
			case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> {
				if (credentials.password() == null) {
					return -1;
				}
				request.result = new String(credentials.password());
			}
			default -> {
				return -1;
			}
			}
		}
		return 0;
	}

	/** Forgets the password once the connection is open. */
	void wipe() {
		if (credentials != null) {
			credentials.wipe();
		}
	}
}
