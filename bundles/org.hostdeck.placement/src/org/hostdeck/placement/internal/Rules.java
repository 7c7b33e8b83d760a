package org.hostdeck.placement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.RuleDescriptor;

/**
 * Contributed rules at work in one plan, each call guarded: a rule that throws, answers a penalty
 * that is negative, infinite or NaN, or takes longer than {@link #SLOW_NANOS} for one host is
 * switched off with a message naming its bundle, and planning goes on without it.
 */
public final class Rules {

	/** Longest a rule may think about one host. */
	static final long SLOW_NANOS = 50_000_000L;

	private final List<RuleDescriptor> rules;
	private final boolean[] off;
	/** Rules that have answered once: the first answer is not timed, as the rule's classes load then. */
	private final boolean[] warm;
	private final List<String> disabled = new ArrayList<>();
	private boolean changed;

	public Rules(List<RuleDescriptor> rules) {
		this.rules = List.copyOf(rules);
		this.off = new boolean[rules.size()];
		this.warm = new boolean[rules.size()];
	}

	boolean any() {
		for (int k = 0; k < off.length; k++) {
			if (!off[k]) {
				return true;
			}
		}
		return false;
	}

	double hard(State state, int h) {
		return sum(state, h, true);
	}

	double soft(State state, int h) {
		return sum(state, h, false);
	}

	private double sum(State state, int h, boolean hard) {
		double total = 0;
		PlacementRule.HostView view = null;
		for (int k = 0; k < rules.size(); k++) {
			RuleDescriptor d = rules.get(k);
			if (off[k] || d.hard() != hard) {
				continue;
			}
			if (view == null) {
				view = state.view(h);
			}
			total += d.weight() * penalty(k, view);
		}
		return total;
	}

	/** The rule's penalty for one host, or 0 after switching off a rule that misbehaves. */
	double penalty(int k, PlacementRule.HostView view) {
		RuleDescriptor d = rules.get(k);
		long start = System.nanoTime();
		double p;
		try {
			p = d.rule().penalty(view);
		} catch (RuntimeException | LinkageError | StackOverflowError e) {
			disable(k, "failed on host " + view.host().name() + ": " + e); //$NON-NLS-1$ //$NON-NLS-2$
			return 0;
		}
		long took = System.nanoTime() - start;
		if (Double.isNaN(p) || Double.isInfinite(p) || p < 0) {
			disable(k, "answered the penalty " + p + " for host " + view.host().name() + " (0 or more expected)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return 0;
		}
		boolean first = !warm[k];
		warm[k] = true;
		if (took > SLOW_NANOS && !first) {
			// the clock also counts a busy machine's waits and the JVM's pauses: asked again, the
			// rule is switched off only when its own thread spends that long thinking
			long thought = cpuNanos(d, view);
			if (thought > SLOW_NANOS) {
				disable(k, "took " + thought / 1_000_000 + " ms for host " + view.host().name() + " (at most " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ SLOW_NANOS / 1_000_000 + " ms allowed)"); //$NON-NLS-1$
				return 0;
			}
		}
		return p;
	}

	/** CPU time of this thread for one more answer of the rule (the clock's time where the JVM cannot tell). */
	private static long cpuNanos(RuleDescriptor d, PlacementRule.HostView view) {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		boolean cpu = threads.isCurrentThreadCpuTimeSupported();
		long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
		try {
			d.rule().penalty(view);
		} catch (RuntimeException | LinkageError | StackOverflowError e) {
			return 0; // it answered the first time; a failure now is found at its next call
		}
		return (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
	}

	/** The rule's sentences about a host, guarded like {@link #penalty}. */
	List<String> explain(int k, PlacementRule.HostView view) {
		try {
			List<String> lines = rules.get(k).rule().explain(view);
			return lines == null ? List.of() : List.copyOf(lines);
		} catch (RuntimeException | LinkageError | StackOverflowError e) {
			disable(k, "failed to explain host " + view.host().name() + ": " + e); //$NON-NLS-1$ //$NON-NLS-2$
			return List.of();
		}
	}

	private void disable(int k, String why) {
		if (!off[k]) {
			off[k] = true;
			changed = true;
			RuleDescriptor d = rules.get(k);
			disabled.add("Rule '" + d.name() + "' (" + d.id() + ") of bundle " + d.bundle() + " " + why //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ "; it was switched off for this plan."); //$NON-NLS-1$
		}
	}

	/**
	 * Asks every rule about every host once, each rule in a thread of its own and given at most
	 * {@code perHostMillis} a host: a rule that does not answer in time is switched off (its
	 * thread is abandoned; Java cannot stop it).
	 */
	public void probe(State state, long perHostMillis) {
		ExecutorService pool = Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, "HostDeck placement rule probe"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
		try {
			for (int k = 0; k < rules.size(); k++) {
				if (off[k]) {
					continue;
				}
				int rule = k;
				Future<?> run = pool.submit(() -> {
					for (int h = 0; h < state.hostCount && !off[rule]; h++) {
						penalty(rule, state.view(h));
					}
				});
				long budget = Math.max(1000, perHostMillis * state.hostCount);
				try {
					run.get(budget, TimeUnit.MILLISECONDS);
				} catch (TimeoutException e) {
					run.cancel(true);
					disable(rule, "did not answer within " + budget + " ms for " + state.hostCount + " hosts"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				} catch (ExecutionException e) {
					disable(rule, "failed: " + e.getCause()); //$NON-NLS-1$
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		} finally {
			pool.shutdownNow();
		}
	}

	/** @return whether a rule was switched off since the last call (the scores need refreshing) */
	boolean takeChanged() {
		boolean c = changed;
		changed = false;
		return c;
	}

	boolean isOff(int k) {
		return off[k];
	}

	int size() {
		return rules.size();
	}

	RuleDescriptor get(int k) {
		return rules.get(k);
	}

	List<String> disabled() {
		return List.copyOf(disabled);
	}
}
