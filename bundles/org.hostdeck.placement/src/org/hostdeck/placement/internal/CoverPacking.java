package org.hostdeck.placement.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.hostdeck.placement.Resource;

/**
 * Density mode's start when no VM has a host yet: first choose which hosts to buy, then pack.
 * The hosts: those of best value (capacity priced by the covering LP's dual, per unit of cost)
 * until their capacity covers the total demand of every resource plus a margin, without the ones
 * the others make redundant, each then swapped for a cheaper unused host where the cover holds.
 * The VMs: each chosen host, biggest first, takes the VMs whose demand best matches the room it
 * has left; the VMs that fit nowhere go where they overflow least, and a repair search moves and
 * swaps VMs between the chosen hosts until nothing overflows. Tried with growing margins (a tight
 * cover is cheap but may not pack); the first that packs wins. When none does in the time given,
 * nothing is placed and the usual construction runs.
 */
final class CoverPacking {

	private static final int R = Resource.COUNT;
	private static final double[] MARGINS = { 0.002, 0.006, 0.012, 0.02, 0.035, 0.06 };

	private final State s;
	private final double[] efficiency;
	private final double[] need = new double[R];
	private final Integer[] byValue;
	private final Integer[] bySize;

	CoverPacking(State state, double[] efficiency) {
		this.s = state;
		this.efficiency = efficiency;
		for (int v = 0; v < s.vmCount; v++) {
			for (int r = 0; r < R; r++) {
				need[r] += s.peak(v, r);
			}
		}
		byValue = IntStream.range(0, s.hostCount).boxed().toArray(Integer[]::new);
		Arrays.sort(byValue, Comparator.comparingDouble((Integer h) -> efficiency[h]));
		bySize = IntStream.range(0, s.vmCount).boxed().toArray(Integer[]::new);
		Arrays.sort(bySize, Comparator.comparingDouble((Integer v) -> -s.size[v]));
	}

	/**
	 * Whether this start applies: density mode, no VM placed, and every host's limit known for
	 * every resource the VMs ask for.
	 */
	static boolean applies(State s) {
		if (!s.density || s.unplaced != s.vmCount || s.hostCount < 2) {
			return false;
		}
		for (int r = 0; r < R; r++) {
			double asked = 0;
			for (int v = 0; v < s.vmCount; v++) {
				asked += s.peak(v, r);
			}
			for (int h = 0; h < s.hostCount && asked > 0; h++) {
				if (s.limit[h][r] <= 0) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Moves VMs about until no hard rule is broken, without opening a host; false when time is up
	 * or the user cancels first.
	 */
	interface Repair {
		boolean run(long deadline, BooleanSupplier cancelled);
	}

	/**
	 * For each margin, tightest first: chooses the hosts, packs, puts the VMs that did not fit
	 * where they overflow least, and lets {@code repair} move VMs until nothing overflows. Stops at
	 * the first margin that ends with every VM placed and no rule broken; each margin gets a share
	 * of the time until {@code deadline}. Otherwise leaves nothing placed (the caller's greedy
	 * construction then runs as before).
	 *
	 * @return whether it placed every VM without breaking a rule
	 */
	boolean run(long deadline, BooleanSupplier cancelled, Repair repair) {
		for (int i = 0; i < MARGINS.length; i++) {
			long now = System.nanoTime();
			if (cancelled.getAsBoolean() || now >= deadline) {
				break;
			}
			boolean[] chosen = cover(MARGINS[i]);
			pack(chosen);
			overflow(chosen);
			boolean done = repair.run(now + (deadline - now) / (MARGINS.length - i), cancelled);
			if (done) {
				return true;
			}
		}
		clear();
		return false;
	}

	/** Puts every VM without a host on the chosen host where it overflows least. */
	private void overflow(boolean[] chosen) {
		for (int v : bySize) {
			if (s.assign[v] >= 0) {
				continue;
			}
			int bestHost = -1;
			double least = Double.MAX_VALUE;
			for (int h = 0; h < s.hostCount; h++) {
				if (chosen[h] && s.allowed(v, h)) {
					double over = overflowAfter(v, h);
					if (over < least) {
						least = over;
						bestHost = h;
					}
				}
			}
			if (bestHost >= 0) {
				s.move(v, bestHost);
			}
		}
	}

	/** How far {@code h} would be over its limits with {@code v} on it, in mean hosts' limits. */
	private double overflowAfter(int v, int h) {
		double over = 0;
		double[] load = s.load[h];
		double[] demand = s.demand[v];
		for (int r = 0; r < R; r++) {
			double lim = s.limit[h][r];
			if (lim <= 0) {
				continue;
			}
			for (int t = r * s.hours; t < (r + 1) * s.hours; t++) {
				over += Math.max(0, load[t] + demand[t] - lim) / s.meanLimit[r];
			}
		}
		return over;
	}

	/** The hosts to fill: best value first until the demand plus {@code margin} is covered, pruned, swapped. */
	private boolean[] cover(double margin) {
		double[] target = new double[R];
		for (int r = 0; r < R; r++) {
			target[r] = need[r] * (1 + margin);
		}
		boolean[] chosen = new boolean[s.hostCount];
		double[] have = new double[R];
		for (int h : byValue) {
			if (covered(have, target)) {
				break;
			}
			if (!useful(h)) {
				continue;
			}
			chosen[h] = true;
			add(have, h, 1);
		}
		// drop what the others make redundant, worst value first
		for (int i = byValue.length - 1; i >= 0; i--) {
			int h = byValue[i];
			if (chosen[h]) {
				add(have, h, -1);
				if (covered(have, target)) {
					chosen[h] = false;
				} else {
					add(have, h, 1);
				}
			}
		}
		// swap a chosen host for the cheapest unused one that keeps the cover
		for (int i = byValue.length - 1; i >= 0; i--) {
			int h = byValue[i];
			if (!chosen[h]) {
				continue;
			}
			add(have, h, -1);
			int swap = h;
			for (int g = 0; g < s.hostCount; g++) {
				if (!chosen[g] && s.hosts.get(g).cost() < s.hosts.get(swap).cost() && useful(g)) {
					add(have, g, 1);
					if (covered(have, target)) {
						swap = g;
					}
					add(have, g, -1);
				}
			}
			chosen[h] = false;
			chosen[swap] = true;
			add(have, swap, 1);
		}
		return chosen;
	}

	/** A host worth choosing: no VM is barred from it by a rule that depends on the host alone (maintenance). */
	private boolean useful(int h) {
		return !s.hosts.get(h).maintenance();
	}

	private void add(double[] have, int h, int sign) {
		for (int r = 0; r < R; r++) {
			have[r] += sign * Math.max(0, s.limit[h][r]);
		}
	}

	private static boolean covered(double[] have, double[] target) {
		for (int r = 0; r < R; r++) {
			if (have[r] < target[r]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Fills the chosen hosts one at a time, biggest first: each takes, while any fits, the VM whose
	 * demand lines up best with the room it has left (the dot product of the two, both as shares
	 * of the host's limits), so that a host runs out of every resource at about the same time.
	 */
	private void pack(boolean[] chosen) {
		clear();
		Integer[] hosts = IntStream.range(0, s.hostCount).filter(h -> chosen[h]).boxed().toArray(Integer[]::new);
		Arrays.sort(hosts, Comparator.comparingDouble((Integer h) -> -bulk(h)));
		int[] left = new int[s.vmCount];
		int leftCount = 0;
		for (int v : bySize) {
			left[leftCount++] = v;
		}
		for (int h : hosts) {
			while (leftCount > 0) {
				int pick = -1;
				double bestScore = -1;
				for (int i = 0; i < leftCount; i++) {
					double score = alignment(left[i], h);
					if (score > bestScore && s.allowed(left[i], h)) {
						bestScore = score;
						pick = i;
					}
				}
				if (pick < 0) {
					break;
				}
				int v = left[pick];
				double hard = s.hard;
				s.move(v, h);
				if (s.hard > hard + 1e-9) {
					s.move(v, -1); // a contributed or HA rule says no here: tried on the next hosts
					break;
				}
				left[pick] = left[--leftCount];
			}
		}
	}

	/** A host's size: its limits as shares of the mean host's, summed. */
	private double bulk(int h) {
		double bulk = 0;
		for (int r = 0; r < R; r++) {
			bulk += Math.max(0, s.limit[h][r]) / s.meanLimit[r];
		}
		return bulk;
	}

	/**
	 * How well {@code v} lines up with the room left on {@code h}: the dot product of its demand
	 * and that room, both as shares of the host's limits; -1 when it does not fit in some hour.
	 */
	private double alignment(int v, int h) {
		double score = 0;
		double[] load = s.load[h];
		double[] demand = s.demand[v];
		int hours = s.hours;
		for (int r = 0; r < R; r++) {
			double lim = s.limit[h][r];
			if (lim <= 0) {
				continue; // not asked for (see applies)
			}
			double peakLoad = 0;
			double peakDemand = 0;
			for (int t = r * hours; t < (r + 1) * hours; t++) {
				if (load[t] + demand[t] > lim * (1 + 1e-9)) {
					return -1;
				}
				peakLoad = Math.max(peakLoad, load[t]);
				peakDemand = Math.max(peakDemand, demand[t]);
			}
			score += peakDemand / lim * (lim - peakLoad) / lim;
		}
		return score;
	}

	private void clear() {
		for (int v = 0; v < s.vmCount; v++) {
			s.move(v, -1);
		}
	}
}
