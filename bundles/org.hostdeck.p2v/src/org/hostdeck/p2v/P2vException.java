package org.hostdeck.p2v;

/** A P2V step that cannot go on; the message names the problem and what to do. */
public class P2vException extends Exception {

	private static final long serialVersionUID = 1L;

	public P2vException(String message) {
		super(message);
	}
}
