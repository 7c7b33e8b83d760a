package org.hostdeck.core.driver;

/**
 * A driver call failed. The message is for the user: it names the host or object and the cause.
 */
public class DriverException extends Exception {

	private static final long serialVersionUID = 1L;

	/** Why it failed, when the driver can tell. */
	public enum Reason {
		UNREACHABLE, AUTHENTICATION, NOT_FOUND, NOT_SUPPORTED, INVALID_ARGUMENT, INVALID_STATE, CONNECTION_LOST, OTHER
	}

	private final Reason reason;

	public DriverException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public DriverException(Reason reason, String message) {
		this(reason, message, null);
	}

	public Reason reason() {
		return reason;
	}
}
