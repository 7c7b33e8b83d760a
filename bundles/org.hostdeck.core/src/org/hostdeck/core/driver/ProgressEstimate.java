package org.hostdeck.core.driver;

import org.hostdeck.model.util.Sizes;

/**
 * Turns a job's successive {@link JobProgress} readings into a percentage that never goes back.
 * A live migration's remaining data can grow (the guest dirties memory again while it is
 * copied); the naive processed/total then drops. Here the shown share is the best one seen, and
 * the remaining data is told as it is, so the user sees both progress and the truth.
 */
public final class ProgressEstimate {

	private double shown;
	private JobProgress last;
	/** Percent already passed on to a monitor by {@link #report}. */
	private int reported;

	/** Takes a reading; returns the percent to show (0..99 until {@link #done}). */
	public int update(JobProgress progress) {
		if (progress != null) {
			last = progress;
			long all = progress.processed() + progress.remaining();
			if (all > 0) {
				shown = Math.max(shown, Math.min(0.99, (double) progress.processed() / all));
			}
		}
		return percent();
	}

	public int percent() {
		return (int) Math.floor(shown * 100);
	}

	/** Marks the job finished: 100 %. */
	public void done() {
		shown = 1;
	}

	/**
	 * Takes a reading and passes it on to {@code monitor} (begun with 100 units of work): worked up
	 * to the shown percent, the description as its subtask after {@code prefix}.
	 */
	public void report(JobProgress progress, org.eclipse.core.runtime.IProgressMonitor monitor, String prefix) {
		update(progress);
		monitor.subTask(prefix + describe());
		forward(monitor);
	}

	/** Marks the job finished and works {@code monitor} up to its 100 units. */
	public void done(org.eclipse.core.runtime.IProgressMonitor monitor) {
		done();
		forward(monitor);
	}

	private void forward(org.eclipse.core.runtime.IProgressMonitor monitor) {
		int percent = percent();
		if (percent > reported) {
			monitor.worked(percent - reported);
			reported = percent;
		}
	}

	/**
	 * @return e.g. "48 MiB left of 64 MiB, 16 MiB/s, about 3 s" or "" before the first reading; the rate is
	 *         what was processed over the time so far; the time is
	 *         what the shown share took so far scaled to the rest, so it shrinks as the share grows
	 */
	public String describe() {
		if (last == null || last.processed() + last.remaining() <= 0) {
			return ""; //$NON-NLS-1$
		}
		StringBuilder text = new StringBuilder();
		text.append(Sizes.format(last.remaining())).append(" left of ") //$NON-NLS-1$
				.append(Sizes.format(last.processed() + last.remaining()));
		if (last.elapsedMs() > 0 && last.processed() > 0) {
			text.append(", ").append(Sizes.format(last.processed() * 1000 / last.elapsedMs())).append("/s"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (shown > 0.01 && last.elapsedMs() > 0) {
			long leftMs = (long) (last.elapsedMs() * (1 - shown) / shown);
			text.append(", about ").append(Math.max(1, Math.round(leftMs / 1000.0))).append(" s"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return text.toString();
	}
}
