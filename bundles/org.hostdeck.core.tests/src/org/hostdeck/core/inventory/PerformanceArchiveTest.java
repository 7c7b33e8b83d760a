package org.hostdeck.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceArchive.Sample;
import org.junit.jupiter.api.Test;

class PerformanceArchiveTest {

	private static final long MINUTE = 60_000;
	private static final long START = 1_700_000_000_000L / MINUTE * MINUTE; // on a minute boundary

	private static Sample at(long time, double cpu) {
		return new Sample(time, cpu, 1024, cpu * 10, 0, 0, 0);
	}

	@Test
	void recentKeepsTenMinutesOfSamplesAndMinutesAverageThem() {
		PerformanceArchive archive = new PerformanceArchive(Duration.ofSeconds(5));
		// 12 minutes of 5-second samples: minute m runs at m% CPU
		for (long t = 0; t < 12 * MINUTE; t += 5_000) {
			archive.add(at(START + t, t / MINUTE));
		}
		List<Sample> recent = archive.samples(Resolution.RECENT);
		assertEquals(120, recent.size(), "10 minutes of 5 s samples");
		assertEquals(START + 12 * MINUTE - 5_000, recent.get(119).timeMillis());

		List<Sample> minutes = archive.samples(Resolution.MINUTES);
		assertEquals(12, minutes.size(), "11 closed minutes and the one filling");
		for (int m = 0; m < 12; m++) {
			assertEquals(m, minutes.get(m).cpuPercent(), 1e-9, "minute " + m);
			assertEquals(m * 10, minutes.get(m).diskReadBps(), 1e-9);
		}
		assertEquals(START + MINUTE, minutes.get(0).timeMillis(), "a closed minute is stamped with its end");
		assertEquals(START + 12 * MINUTE - 5_000, minutes.get(11).timeMillis(), "the filling minute with its newest sample");

		List<Sample> hours = archive.samples(Resolution.HOURS);
		assertEquals(1, hours.size());
		assertEquals(5.5, hours.get(0).cpuPercent(), 1e-9, "the hour so far averages every sample");
	}

	@Test
	void coarseArchivesDropWhatIsOlderThanTheirSpan() {
		PerformanceArchive archive = new PerformanceArchive(Duration.ofMinutes(30));
		long day = 24 * 60 * MINUTE;
		for (long t = 0; t < 400 * day; t += 30 * MINUTE) {
			archive.add(at(START + t, 50));
		}
		assertEquals(1, archive.samples(Resolution.RECENT).size(), "an interval longer than 10 minutes keeps the newest sample");
		assertEquals(7 * 24 + 1, archive.samples(Resolution.HOURS).size(), "a week of hours and the one filling");
		assertEquals(365 + 1, archive.samples(Resolution.DAYS).size(), "a year of days and the one filling");
		assertEquals(1024, archive.latest().memory());
	}
}
