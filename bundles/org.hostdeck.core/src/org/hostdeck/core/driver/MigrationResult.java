package org.hostdeck.core.driver;

/**
 * What a finished migration took.
 *
 * @param durationMs       wall time from start to the domain running (or defined) on the target
 * @param downtimeMs       how long the guest was paused at the switch-over; -1 when the hypervisor
 *                         does not tell (and 0 for an offline move)
 * @param memoryBytes      guest memory sent
 * @param diskBytes        disk data sent
 */
public record MigrationResult(long durationMs, long downtimeMs, long memoryBytes, long diskBytes) {

	public long bytes() {
		return memoryBytes + diskBytes;
	}
}
