package org.hostdeck.cli.internal;

/**
 * A command that cannot go on: its message (naming the problem and the fix) goes to stderr and
 * {@link #exitCode()} becomes the process's exit code.
 */
public class CliException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	public CliException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return exitCode;
	}

	static CliException badInput(String message) {
		return new CliException(ExitCodes.BAD_INPUT, message);
	}

	static CliException notFound(String message) {
		return new CliException(ExitCodes.NOT_FOUND, message);
	}
}
