package org.hostdeck.core.inventory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one VM or host at four resolutions, like XenCenter's: every sample for the last
 * 10 minutes, one-minute averages for 2 hours, hourly averages for a week and daily averages for a
 * year. A coarse interval is averaged from the samples that fall into it; the interval that is
 * still filling shows as its newest point. Thread-safe.
 */
public final class PerformanceArchive {

	/** How far back a chart looks, and how fine its points are. */
	public enum Resolution {
		/** every sample (5 s by default) for the last 10 minutes */
		RECENT(Duration.ZERO, Duration.ofMinutes(10), "Last 10 minutes"), //$NON-NLS-1$
		/** one-minute averages for the last 2 hours */
		MINUTES(Duration.ofMinutes(1), Duration.ofHours(2), "Last 2 hours"), //$NON-NLS-1$
		/** hourly averages for the last week */
		HOURS(Duration.ofHours(1), Duration.ofDays(7), "Last week"), //$NON-NLS-1$
		/** daily averages for the last year */
		DAYS(Duration.ofDays(1), Duration.ofDays(365), "Last year"); //$NON-NLS-1$

		private final Duration step;
		private final Duration span;
		private final String label;

		Resolution(Duration step, Duration span, String label) {
			this.step = step;
			this.span = span;
			this.label = label;
		}

		/** the width of one point; zero for {@link #RECENT}, whose points are the samples themselves */
		public Duration step() {
			return step;
		}

		public Duration span() {
			return span;
		}

		public String label() {
			return label;
		}
	}

	/**
	 * One interval's averages.
	 *
	 * @param timeMillis  end of the interval (wall clock)
	 * @param cpuPercent  share of the CPUs used, 0..100 (a VM's vCPUs, a host's logical CPUs)
	 * @param memory      bytes in use (a VM's memory, the sum of a host's running VMs)
	 */
	public record Sample(long timeMillis, double cpuPercent, long memory, double diskReadBps, double diskWriteBps,
			double netRxBps, double netTxBps) {
	}

	private final Level[] levels;

	/** @param interval how often samples arrive; the recent level keeps 10 minutes of them */
	public PerformanceArchive(Duration interval) {
		Resolution[] all = Resolution.values();
		levels = new Level[all.length];
		for (Resolution r : all) {
			long step = r == Resolution.RECENT ? interval.toMillis() : r.step().toMillis();
			levels[r.ordinal()] = new Level(r == Resolution.RECENT ? 0 : step,
					(int) Math.max(1, r.span().toMillis() / Math.max(1, step)));
		}
	}

	public synchronized void add(Sample sample) {
		for (Level level : levels) {
			level.add(sample);
		}
	}

	/** @return the points of {@code resolution}, oldest first */
	public synchronized List<Sample> samples(Resolution resolution) {
		return levels[resolution.ordinal()].points();
	}

	/** The newest sample, or {@code null} before the first. */
	public synchronized Sample latest() {
		List<Sample> recent = levels[Resolution.RECENT.ordinal()].points();
		return recent.isEmpty() ? null : recent.get(recent.size() - 1);
	}

	private static final class Level {
		private final long step;
		private final int capacity;
		private final ArrayDeque<Sample> points = new ArrayDeque<>();
		private long bucket = Long.MIN_VALUE;
		private final double[] sum = new double[6];
		private int count;
		private long lastTime;

		Level(long step, int capacity) {
			this.step = step;
			this.capacity = capacity;
		}

		void add(Sample s) {
			if (step == 0) {
				append(s);
				return;
			}
			long b = Math.floorDiv(s.timeMillis(), step);
			if (b != bucket && count > 0) {
				append(average((bucket + 1) * step));
				count = 0;
				java.util.Arrays.fill(sum, 0);
			}
			bucket = b;
			sum[0] += s.cpuPercent();
			sum[1] += s.memory();
			sum[2] += s.diskReadBps();
			sum[3] += s.diskWriteBps();
			sum[4] += s.netRxBps();
			sum[5] += s.netTxBps();
			count++;
			lastTime = s.timeMillis();
		}

		private Sample average(long time) {
			return new Sample(time, sum[0] / count, Math.round(sum[1] / count), sum[2] / count, sum[3] / count,
					sum[4] / count, sum[5] / count);
		}

		private void append(Sample s) {
			points.addLast(s);
			while (points.size() > capacity) {
				points.removeFirst();
			}
		}

		List<Sample> points() {
			List<Sample> result = new ArrayList<>(points.size() + 1);
			result.addAll(points);
			if (count > 0) {
				result.add(average(lastTime)); // the interval still filling
			}
			return result;
		}
	}
}
