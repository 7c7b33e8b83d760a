package org.hostdeck.core.driver;

/**
 * Counters of a domain at one moment; rates come from the difference of two readings.
 *
 * @param nanoTime   when it was read ({@link System#nanoTime()})
 * @param cpuTime    CPU time used in all, nanoseconds
 * @param vcpus      virtual CPUs now
 * @param memory     memory the guest has now, bytes
 * @param diskRead   bytes read from all disks so far
 * @param diskWrite  bytes written to all disks so far
 * @param netRx      bytes received on all NICs so far
 * @param netTx      bytes sent on all NICs so far
 */
public record DomainStats(long nanoTime, long cpuTime, int vcpus, long memory, long diskRead, long diskWrite, long netRx,
		long netTx) {
}
