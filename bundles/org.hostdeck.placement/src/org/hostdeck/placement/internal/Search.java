package org.hostdeck.placement.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

import org.hostdeck.placement.Resource;

/**
 * Finds a good placement: places the VMs that have no host (largest first, each where it costs
 * least; in density mode on the open host it fits best, else on the host with the most capacity
 * for its cost), then improves by late-acceptance hill climbing with three moves: one VM to
 * another host, two VMs swapped, and (density) one host emptied onto the others.
 */
public final class Search {

	private static final int HISTORY = 2_000;
	private static final int SAMPLE = 48;

	private final State s;
	private final SplittableRandom random;
	private final double[] efficiency;
	private int[] best;
	private double bestValue;
	private boolean atBest;
	private long steps;

	public Search(State state, long seed) {
		this.s = state;
		this.random = new SplittableRandom(seed);
		efficiency = new double[s.hostCount];
		double[] mean = new double[Resource.COUNT];
		for (int h = 0; h < s.hostCount; h++) {
			for (int r = 0; r < Resource.COUNT; r++) {
				mean[r] += Math.max(0, s.limit[h][r]) / s.hostCount;
			}
		}
		for (int h = 0; h < s.hostCount; h++) {
			double room = 0;
			for (int r = 0; r < Resource.COUNT; r++) {
				room += mean[r] > 0 ? Math.max(0, s.limit[h][r]) / mean[r] : 0;
			}
			efficiency[h] = s.hosts.get(h).cost() / Math.max(1e-9, room);
		}
	}

	/** Places every unplaced VM, largest first. */
	public void construct(BooleanSupplier cancelled) {
		Integer[] order = IntStream.range(0, s.vmCount).filter(v -> s.assign[v] < 0).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble((Integer v) -> -s.size[v]));
		boolean all = (long) order.length * s.hostCount <= 4_000_000L;
		for (Integer v : order) {
			if (cancelled.getAsBoolean()) {
				return;
			}
			int bestHost = -1;
			double bestCost = Double.MAX_VALUE;
			int tries = all ? s.hostCount : SAMPLE;
			for (int i = 0; i < tries; i++) {
				int h = all ? i : random.nextInt(s.hostCount);
				if (!s.allowed(v, h)) {
					continue;
				}
				double cost = placementCost(v, h);
				if (cost < bestCost) {
					bestCost = cost;
					bestHost = h;
				}
			}
			if (bestHost >= 0) {
				double hardBefore = s.hard;
				s.move(v, bestHost);
				if (s.hard > hardBefore + 1e-9) {
					s.move(v, -1); // no host can take it without breaking a rule: left for the user to see
				}
			}
		}
		s.total();
	}

	/** What putting unplaced {@code v} on {@code h} costs, for construction. */
	private double placementCost(int v, int h) {
		double before = s.value();
		boolean opens = s.memberCount[h] == 0;
		s.move(v, h);
		double hardAfter = s.hard() - (s.unplaced > 0 ? s.unplaced : 0);
		double cost = s.value() - before;
		double room = s.density ? room(h) : 0;
		s.move(v, -1);
		if (!s.density) {
			return cost;
		}
		if (hardAfter > 0) {
			return Double.MAX_VALUE / 2 + hardAfter;
		}
		// an open host that fits, tightest first; else the host giving most room for its cost
		return opens ? 1e12 + efficiency[h] : room;
	}

	/** Spare capacity of host {@code h} as a share of its limits, summed over resources. */
	private double room(int h) {
		double room = 0;
		for (int r = 0; r < Resource.COUNT; r++) {
			double lim = s.limit[h][r];
			if (lim > 0) {
				double peak = 0;
				for (int t = 0; t < s.hours; t++) {
					peak = Math.max(peak, s.load[h][r * s.hours + t]);
				}
				room += (lim - peak) / lim;
			}
		}
		return room;
	}

	/**
	 * Improves the placement until {@code deadline} (System.nanoTime), {@code patience} steps
	 * without a new best, or cancellation; leaves the best placement found in the state.
	 */
	public void improve(long deadline, long patience, BooleanSupplier cancelled, DoubleConsumer progress, Rules rules) {
		if (s.vmCount == 0 || s.hostCount < 2) {
			return;
		}
		double current = s.value();
		double[] history = new double[HISTORY];
		Arrays.fill(history, current);
		best = s.assign.clone();
		bestValue = current;
		atBest = true;
		long start = System.nanoTime();
		long lastBest = 0;
		int[] undoVm = new int[64];
		int[] undoHost = new int[64];
		for (steps = 0; steps - lastBest < patience; steps++) {
			if ((steps & 1023) == 0) {
				long now = System.nanoTime();
				if (now >= deadline || cancelled.getAsBoolean()) {
					break;
				}
				progress.accept(Math.min(1.0, (double) (now - start) / Math.max(1, deadline - start)));
				if (rules != null && rules.takeChanged()) {
					s.rescoreAll();
					current = s.value();
					Arrays.fill(history, current);
					bestValue = Double.MAX_VALUE; // scores changed meaning: the next state is the best
				}
			}
			int undo = randomMove(undoVm, undoHost);
			if (undo == 0) {
				continue;
			}
			double value = s.value();
			int slot = (int) (steps % HISTORY);
			if (value <= current || value <= history[slot]) {
				if (value > current && atBest) {
					// leaving the best: keep a copy of it first (undo, copy, redo)
					for (int i = undo - 1; i >= 0; i--) {
						int redo = s.assign[undoVm[i]];
						s.move(undoVm[i], undoHost[i]);
						undoHost[i] = redo;
					}
					System.arraycopy(s.assign, 0, best, 0, best.length);
					atBest = false;
					for (int i = 0; i < undo; i++) {
						int back = s.assign[undoVm[i]];
						s.move(undoVm[i], undoHost[i]);
						undoHost[i] = back;
					}
				}
				current = value;
				if (value < bestValue - 1e-9 * Math.abs(bestValue)) {
					bestValue = value;
					atBest = true;
					lastBest = steps;
				}
			} else {
				for (int i = undo - 1; i >= 0; i--) {
					s.move(undoVm[i], undoHost[i]);
				}
			}
			history[slot] = current;
		}
		if (!atBest) {
			for (int v = 0; v < s.vmCount; v++) {
				s.move(v, best[v]);
			}
		}
		s.total();
	}

	public long steps() {
		return steps;
	}

	/** Makes one random move; records what to undo; @return how many VMs moved (0: none) */
	private int randomMove(int[] undoVm, int[] undoHost) {
		double kind = random.nextDouble();
		if (s.density && kind < 0.05) {
			return emptyAHost(undoVm, undoHost);
		}
		if (kind < 0.6 || s.vmCount < 2) {
			int v = random.nextInt(s.vmCount);
			int h = target(v);
			if (h < 0 || h == s.assign[v]) {
				return 0;
			}
			undoVm[0] = v;
			undoHost[0] = s.assign[v];
			double hardBefore = s.hard;
			s.move(v, h);
			if (undoHost[0] < 0 && s.hard > hardBefore + 1e-9) {
				s.move(v, -1); // a VM without a host gets one only where it breaks nothing
				return 0;
			}
			return 1;
		}
		int a = random.nextInt(s.vmCount);
		int b = random.nextInt(s.vmCount);
		int ha = s.assign[a];
		int hb = s.assign[b];
		if (ha == hb || ha < 0 || hb < 0 || !s.allowed(a, hb) || !s.allowed(b, ha)) {
			return 0;
		}
		undoVm[0] = a;
		undoHost[0] = ha;
		undoVm[1] = b;
		undoHost[1] = hb;
		s.move(a, hb);
		s.move(b, ha);
		return 2;
	}

	/** A host {@code v} may go to; in density mode mostly one already in use. */
	private int target(int v) {
		for (int i = 0; i < 4; i++) {
			int h = random.nextInt(s.hostCount);
			if (s.density && s.memberCount[h] == 0 && i < 3 && random.nextDouble() < 0.9) {
				continue;
			}
			if (s.allowed(v, h)) {
				return h;
			}
		}
		return -1;
	}

	/** Moves every VM of a random used host to other used hosts, each where it fits tightest. */
	private int emptyAHost(int[] undoVm, int[] undoHost) {
		int h = random.nextInt(s.hostCount);
		int n = s.memberCount[h];
		if (n == 0 || n > undoVm.length) {
			return 0;
		}
		int[] leaving = Arrays.copyOf(s.members[h], n);
		int moved = 0;
		for (int v : leaving) {
			int bestHost = -1;
			double bestRoom = Double.MAX_VALUE;
			for (int i = 0; i < SAMPLE; i++) {
				int g = random.nextInt(s.hostCount);
				if (g == h || s.memberCount[g] == 0 || !s.allowed(v, g)) {
					continue;
				}
				double hard = s.hard();
				s.move(v, g);
				boolean fits = s.hard() <= hard;
				double room = fits ? room(g) : Double.MAX_VALUE;
				s.move(v, h);
				if (room < bestRoom) {
					bestRoom = room;
					bestHost = g;
				}
			}
			if (bestHost < 0) {
				break;
			}
			undoVm[moved] = v;
			undoHost[moved] = h;
			moved++;
			s.move(v, bestHost);
		}
		return moved;
	}
}
