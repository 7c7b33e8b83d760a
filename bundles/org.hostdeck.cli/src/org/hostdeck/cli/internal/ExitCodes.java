package org.hostdeck.cli.internal;

/** The exit codes of {@code hostdeck} commands (also listed by {@code hostdeck --help}). */
public final class ExitCodes {

	/** Done. */
	public static final int OK = 0;
	/** The operation ran and failed (the message says why); what it had made is removed. */
	public static final int FAILED = 1;
	/** Bad arguments or values: nothing was done. */
	public static final int BAD_INPUT = 2;
	/** A host, VM, folder or file named does not exist. */
	public static final int NOT_FOUND = 3;
	/** The pre-checks refused the operation (a running VM, a full pool...): nothing was done. */
	public static final int REFUSED = 4;
	/** Cancelled (Ctrl-C): the operation stopped and removed what it had made. */
	public static final int CANCELLED = 130;

	private ExitCodes() {
	}
}
