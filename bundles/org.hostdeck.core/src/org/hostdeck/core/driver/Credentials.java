package org.hostdeck.core.driver;

import java.util.Arrays;

/**
 * A user name and password for a host. The password is a char array so that it can be wiped
 * after use; {@link #toString()} never shows it.
 */
public record Credentials(String user, char[] password) {

	/** Overwrites the password in memory. */
	public void wipe() {
		if (password != null) {
			Arrays.fill(password, '\0');
		}
	}

	@Override
	public String toString() {
		return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Credentials c && java.util.Objects.equals(user, c.user) && Arrays.equals(password, c.password);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(user) * 31 + Arrays.hashCode(password);
	}
}
