package org.hostdeck.cli.internal;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Progress of a long operation on stderr: on a terminal one line redrawn in place, elsewhere (a
 * log, a pipe) a line whenever the step changes or every five percent, at most once a second.
 * Cancelled when the session is (Ctrl-C).
 */
final class ConsoleProgress implements IProgressMonitor {

	private static final long TERMINAL_EVERY_MS = 200;
	private static final long LOG_EVERY_MS = 1000;

	private final PrintStream err;
	private final boolean terminal;
	private final BooleanSupplier cancelled;
	private volatile boolean canceledHere;
	private String task = ""; //$NON-NLS-1$
	private String step = ""; //$NON-NLS-1$
	private double total;
	private double done;
	private long lastPrinted;
	private int lastPercent = -100;
	private String lastStep = ""; //$NON-NLS-1$
	private boolean lineOpen;

	ConsoleProgress(PrintStream err, boolean terminal, BooleanSupplier cancelled) {
		this.err = err;
		this.terminal = terminal;
		this.cancelled = cancelled;
	}

	@Override
	public synchronized void beginTask(String name, int totalWork) {
		if (name != null && !name.isEmpty()) {
			task = name;
		}
		total = totalWork <= 0 ? 0 : totalWork;
		done = 0;
		print(false);
	}

	@Override
	public synchronized void done() {
		if (total > 0) {
			done = total;
		}
		print(true);
		if (lineOpen) {
			err.println();
			lineOpen = false;
		}
	}

	@Override
	public synchronized void internalWorked(double work) {
		done += work;
		print(false);
	}

	@Override
	public boolean isCanceled() {
		return canceledHere || cancelled.getAsBoolean();
	}

	@Override
	public void setCanceled(boolean value) {
		canceledHere = value;
	}

	@Override
	public synchronized void setTaskName(String name) {
		task = name == null ? "" : name; //$NON-NLS-1$
		print(false);
	}

	@Override
	public synchronized void subTask(String name) {
		step = name == null ? "" : name; //$NON-NLS-1$
		print(false);
	}

	@Override
	public void worked(int work) {
		internalWorked(work);
	}

	private int percent() {
		return total <= 0 ? -1 : (int) Math.min(100, Math.floor(done * 100 / total));
	}

	private void print(boolean force) {
		long now = System.currentTimeMillis();
		int percent = percent();
		boolean stepChanged = !step.equals(lastStep);
		if (!force) {
			if (terminal ? now - lastPrinted < TERMINAL_EVERY_MS && !stepChanged
					: now - lastPrinted < LOG_EVERY_MS || (!stepChanged && percent - lastPercent < 5)) {
				return;
			}
		}
		lastPrinted = now;
		lastPercent = percent;
		lastStep = step;
		StringBuilder line = new StringBuilder();
		line.append(task.isEmpty() ? "Working" : task); //$NON-NLS-1$
		if (percent >= 0) {
			line.append(String.format(" %3d%%", Integer.valueOf(percent))); //$NON-NLS-1$
		}
		if (!step.isEmpty()) {
			line.append(" \u00b7 ").append(step); //$NON-NLS-1$
		}
		if (terminal) {
			err.print("\r" + line + "\u001b[K"); //$NON-NLS-1$ //$NON-NLS-2$
			lineOpen = true;
		} else {
			err.println(line);
		}
		err.flush();
	}
}
