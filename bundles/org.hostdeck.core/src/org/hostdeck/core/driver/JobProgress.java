package org.hostdeck.core.driver;

/**
 * Progress of a long hypervisor job on a domain (migration, save, dump). The total can grow while
 * the job runs (a guest dirtying memory during a live migration); {@link ProgressEstimate} turns
 * these readings into a figure that never goes back.
 *
 * @param processed bytes done (memory and disk)
 * @param remaining bytes still to send as far as the hypervisor knows now
 * @param total     bytes in all, 0 while unknown
 * @param elapsedMs time spent so far
 */
public record JobProgress(long processed, long remaining, long total, long elapsedMs) {

	/** @return 0..100 of this one reading, or -1 while nothing is known */
	public int percent() {
		long all = processed + remaining;
		return all <= 0 ? -1 : (int) Math.min(100, processed * 100 / all);
	}
}
