package org.hostdeck.core.driver;

/**
 * Supplies credentials when a host asks for them while connecting. HostDeck's implementation
 * reads Eclipse Secure Storage; nothing else keeps passwords. The workbench also asks the user
 * whether to trust an SSH host it has never seen.
 */
@FunctionalInterface
public interface ICredentialsProvider {

	/** Provides nothing: hosts that need a password refuse the connection. */
	ICredentialsProvider NONE = uri -> null;

	/** @return the credentials for {@code uri}, or {@code null} when none are stored */
	Credentials credentialsFor(String uri);

	/**
	 * Asked when a host is reached over SSH for the first time and presents a key that no
	 * known-hosts file holds. Trusted keys are remembered by the transport, so this is asked
	 * once per host. A key that differs from the remembered one is refused without asking.
	 *
	 * @return {@code true} to trust the key and connect; the default trusts nothing
	 */
	default boolean trustHostKey(String uri, HostKey key) {
		return false;
	}
}
