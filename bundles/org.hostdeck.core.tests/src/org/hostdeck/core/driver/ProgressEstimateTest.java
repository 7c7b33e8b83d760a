package org.hostdeck.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A live migration's readings as libvirt gives them: the remaining data can grow again. */
class ProgressEstimateTest {

	private static final long MIB = 1024 * 1024;

	@Test
	void theShownPercentNeverGoesBackWhenTheGuestDirtiesMemoryAgain() {
		ProgressEstimate estimate = new ProgressEstimate();
		// first pass: 48 of 64 MiB sent; then the guest dirties 40 MiB again, so processed/total drops
		assertEquals(75, estimate.update(new JobProgress(48 * MIB, 16 * MIB, 64 * MIB, 3000)));
		JobProgress dirtied = new JobProgress(56 * MIB, 40 * MIB, 96 * MIB, 3500);
		assertEquals(58, dirtied.percent(), "the naive figure falls");
		assertEquals(75, estimate.update(dirtied), "the shown one stays");
		assertEquals("40 MiB left of 96 MiB, 16 MiB/s, about 1 s", estimate.describe(), "and the remaining data is told as it is");
		assertEquals(90, estimate.update(new JobProgress(90 * MIB, 10 * MIB, 100 * MIB, 5000)));
		assertEquals(99, estimate.update(new JobProgress(100 * MIB, 0, 100 * MIB, 5200)), "100 only when done");
		estimate.done();
		assertEquals(100, estimate.percent());
	}

	@Test
	void nothingIsClaimedBeforeTheFirstReading() {
		ProgressEstimate estimate = new ProgressEstimate();
		assertEquals(0, estimate.update(null));
		assertEquals("", estimate.describe());
		assertEquals(0, estimate.update(new JobProgress(0, 0, 0, 10)), "a job that has not sized itself yet");
		assertTrue(estimate.describe().isEmpty());
	}
}
