package org.hostdeck.tests.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition off the UI thread (on the UI thread use {@code UiBot.waitUntil}). */
public final class Wait {

	private Wait() {
	}

	/** Re-checks {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
	public static void until(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what); //$NON-NLS-1$ //$NON-NLS-2$
			}
			try {
				Thread.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted waiting for " + what, e); //$NON-NLS-1$
			}
		}
	}

	public static void until(String what, BooleanSupplier condition) {
		until(what, condition, Duration.ofSeconds(20));
	}
}
