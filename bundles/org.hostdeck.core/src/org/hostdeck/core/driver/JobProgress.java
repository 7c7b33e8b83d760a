package org.hostdeck.core.driver;

/**
 * Progress of a long hypervisor job on a domain (migration, save, dump).
 *
 * @param processed bytes done (memory and disk)
 * @param total     bytes in all, 0 while unknown
 * @param elapsedMs time spent so far
 */
public record JobProgress(long processed, long total, long elapsedMs) {

	/** @return 0..100, or -1 while the total is unknown */
	public int percent() {
		return total <= 0 ? -1 : (int) Math.min(100, processed * 100 / total);
	}
}
