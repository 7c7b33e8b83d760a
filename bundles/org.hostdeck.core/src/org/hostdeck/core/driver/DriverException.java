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
	private java.util.List<Volume> leftBehind = java.util.List.of();

	/** A volume of a pool on a host. */
	public record Volume(String pool, String name) {
		@Override
		public String toString() {
			return pool + "/" + name; //$NON-NLS-1$
		}
	}

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

	/**
	 * What the failed call made on a host (the other host of a migration) and could not remove
	 * again, the host being gone: none by default.
	 */
	public java.util.List<Volume> leftBehind() {
		return leftBehind;
	}

	/** This exception, saying it left {@code volumes} behind. */
	public DriverException withLeftBehind(java.util.List<Volume> volumes) {
		this.leftBehind = java.util.List.copyOf(volumes);
		return this;
	}
}
