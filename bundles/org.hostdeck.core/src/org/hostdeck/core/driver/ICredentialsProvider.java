package org.hostdeck.core.driver;

/**
 * Supplies credentials when a host asks for them while connecting. HostDeck's implementation
 * reads Eclipse Secure Storage; nothing else keeps passwords.
 */
@FunctionalInterface
public interface ICredentialsProvider {

	/** Provides nothing: hosts that need a password refuse the connection. */
	ICredentialsProvider NONE = uri -> null;

	/** @return the credentials for {@code uri}, or {@code null} when none are stored */
	Credentials credentialsFor(String uri);
}
