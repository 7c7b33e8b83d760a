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
 * for its cost), then improves by late-acceptance hill climbing (hard score first) with moves of
 * one VM, swaps of two, and in density mode host-level moves (empty a host onto the others, move
 * a host's VMs onto an unused host, fill an unused good-value host from dear ones) and, when no
 * better placement turns up for a while, a kick: a few hosts emptied and their VMs placed again.
 * Ends by sending back every moved VM whose move gained less than the migration penalty.
 */
public final class Search {

	private static final int HISTORY = 2_000;
	private static final int SAMPLE = 48;
	/** Steps without a new best after which density mode shakes the placement up. */
	private static final long STALL = 500_000L;
	/** Density mode: how often each host-level move is tried. */
	private static final double P_EMPTY = 0.04;
	private static final double P_REPLACE = 0.03;
	private static final double P_FILL = 0.02;

	private final State s;
	private final SplittableRandom random;
	private final double[] efficiency;
	private int[] best;
	private double bestValue;
	private boolean atBest;
	private int[] undoVm = new int[64];
	private int[] undoHost = new int[64];
	private long steps;

	public Search(State state, long seed) {
		this.s = state;
		this.random = new SplittableRandom(seed);
		// what a host is worth: its capacity priced by the covering LP's dual (the scarce resource
		// costs most), per unit of its cost
		efficiency = new double[s.hostCount];
		double[] cost = new double[s.hostCount];
		double[][] capacity = new double[s.hostCount][Resource.COUNT];
		double[] wanted = new double[Resource.COUNT];
		for (int h = 0; h < s.hostCount; h++) {
			cost[h] = Math.max(1e-9, s.hosts.get(h).cost());
			for (int r = 0; r < Resource.COUNT; r++) {
				capacity[h][r] = Math.max(0, s.limit[h][r]);
			}
		}
		for (int v = 0; v < s.vmCount; v++) {
			for (int r = 0; r < Resource.COUNT; r++) {
				wanted[r] += s.peak(v, r);
			}
		}
		double[] price = s.density && s.hostCount > 0 ? new CoverDual(cost, capacity, wanted, 20_000).prices() : new double[Resource.COUNT];
		for (int h = 0; h < s.hostCount; h++) {
			double worth = 0;
			for (int r = 0; r < Resource.COUNT; r++) {
				worth += price[r] * capacity[h][r];
			}
			efficiency[h] = cost[h] / Math.max(1e-12, worth);
		}
	}

	/**
	 * Places every unplaced VM: in density mode with nothing placed yet by choosing the hosts first
	 * ({@link CoverPacking}), else largest first, each where it costs least.
	 */
	public void construct(long deadline, BooleanSupplier cancelled) {
		if (CoverPacking.applies(s)) {
			// at most half the time: the search needs the rest
			long now = System.nanoTime();
			new CoverPacking(s, efficiency).run(now + (deadline - now) / 2, cancelled, this::repair);
		}
		greedy(cancelled);
	}

	/**
	 * Moves VMs until no hard rule is broken: a move is kept when it breaks no more than before and
	 * opens no host. @return whether it got there before {@code deadline}
	 */
	private boolean repair(long deadline, BooleanSupplier cancelled) {
		double hard = s.hard();
		for (long i = 0; hard > 0; i++) {
			if ((i & 1023) == 0 && (System.nanoTime() >= deadline || cancelled.getAsBoolean())) {
				return false;
			}
			int usedBefore = s.usedCount;
			int undo = random.nextBoolean() ? randomMove(false) : overloadedMove();
			if (undo == 0) {
				continue;
			}
			double after = s.hard();
			if (after <= hard + 1e-9 && s.usedCount <= usedBefore) {
				hard = after;
			} else {
				for (int k = undo - 1; k >= 0; k--) {
					s.move(undoVm[k], undoHost[k]);
				}
			}
		}
		return true;
	}

	/** Places every unplaced VM, largest first, each where it costs least. */
	private void greedy(BooleanSupplier cancelled) {
		Integer[] order = IntStream.range(0, s.vmCount).filter(v -> s.assign[v] < 0).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble((Integer v) -> -s.size[v]));
		boolean all = (long) order.length * s.hostCount <= 4_000_000L;
		// density: the open hosts, then the unused ones best value first
		Integer[] byValue = IntStream.range(0, s.hostCount).boxed().toArray(Integer[]::new);
		Arrays.sort(byValue, Comparator.comparingDouble((Integer h) -> efficiency[h]));
		int[] open = new int[s.hostCount];
		int openCount = 0;
		boolean[] isOpen = new boolean[s.hostCount];
		for (int h = 0; h < s.hostCount; h++) {
			if (s.memberCount[h] > 0) {
				isOpen[h] = true;
				open[openCount++] = h;
			}
		}
		for (Integer v : order) {
			if (cancelled.getAsBoolean()) {
				return;
			}
			int bestHost = -1;
			double bestCost = Double.MAX_VALUE;
			if (s.density) {
				for (int i = 0; i < openCount; i++) {
					int h = open[i];
					if (s.allowed(v, h)) {
						double cost = placementCost(v, h);
						if (cost < bestCost) {
							bestCost = cost;
							bestHost = h;
						}
					}
				}
				if (bestCost >= Double.MAX_VALUE / 4) {
					bestHost = -1;
					for (Integer h : byValue) {
						if (!isOpen[h] && s.allowed(v, h) && placementCost(v, h) < Double.MAX_VALUE / 4) {
							bestHost = h;
							isOpen[h] = true;
							open[openCount++] = h;
							break;
						}
					}
				}
			} else {
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
		// lexicographic late acceptance: a move that breaks more hard rules is never taken, one
		// that breaks fewer always is (and restarts the history), and among moves that keep the
		// hard score the soft score is judged against its value HISTORY steps ago
		double currentHard = s.hard();
		double currentSoft = s.soft();
		double[] history = new double[HISTORY];
		Arrays.fill(history, currentSoft);
		best = s.assign.clone();
		bestValue = s.value();
		atBest = true;
		long start = System.nanoTime();
		long lastBest = 0;
		long lastKick = 0;
		for (steps = 0; steps - lastBest < patience; steps++) {
			if ((steps & 1023) == 0) {
				long now = System.nanoTime();
				if (now >= deadline || cancelled.getAsBoolean()) {
					break;
				}
				progress.accept(Math.min(1.0, (double) (now - start) / Math.max(1, deadline - start)));
				if (rules != null && rules.takeChanged()) {
					s.rescoreAll();
					currentHard = s.hard();
					currentSoft = s.soft();
					Arrays.fill(history, currentSoft);
					bestValue = Double.MAX_VALUE; // scores changed meaning: the next state is the best
				}
			}
			if (s.density && steps - lastBest > STALL && steps - lastKick > STALL) {
				// stuck: keep the best, shake a few hosts up and climb again from there
				if (atBest) {
					System.arraycopy(s.assign, 0, best, 0, best.length);
					atBest = false;
				}
				kick();
				lastKick = steps;
				currentHard = s.hard();
				currentSoft = s.soft();
				Arrays.fill(history, currentSoft);
				continue;
			}
			int undo = randomMove(true);
			if (undo == 0) {
				continue;
			}
			double hard = s.hard();
			double soft = s.soft();
			int slot = (int) (steps % HISTORY);
			boolean accept;
			boolean worse = false;
			if (hard < currentHard - 1e-9) {
				accept = true;
				Arrays.fill(history, soft);
			} else if (hard > currentHard + 1e-9) {
				accept = false;
			} else {
				accept = soft <= currentSoft || soft <= history[slot];
				worse = soft > currentSoft;
			}
			if (accept) {
				if (worse && atBest) {
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
				currentHard = hard;
				currentSoft = soft;
				double value = s.value();
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
			history[slot] = currentSoft;
		}
		if (!atBest) {
			for (int v = 0; v < s.vmCount; v++) {
				s.move(v, best[v]);
			}
		}
		s.total();
		polish();
	}

	/** Empties a few random hosts in use and places their VMs again as construction would. */
	private void kick() {
		int hosts = Math.min(s.usedCount, 3);
		for (int i = 0; i < hosts; i++) {
			int h = s.used[random.nextInt(s.usedCount)];
			for (int v : Arrays.copyOf(s.members[h], s.memberCount[h])) {
				s.move(v, -1);
			}
		}
		greedy(() -> false);
	}

	/**
	 * Sends every moved VM back to its current host where the move gained less than it costs, so
	 * a plan never migrates a VM for a tiny gain.
	 */
	private void polish() {
		for (int v = 0; v < s.vmCount; v++) {
			int home = s.current[v];
			int at = s.assign[v];
			if (home < 0 || at == home || at < 0 || !s.allowed(v, home)) {
				continue;
			}
			double hard = s.hard();
			double value = s.value();
			s.move(v, home);
			if (s.hard() > hard + 1e-9 || s.value() > value) {
				s.move(v, at);
			}
		}
		s.total();
	}

	public long steps() {
		return steps;
	}

	/** Records that {@code v} moved away from {@code from}, as entry {@code i} of the undo list. */
	private void record(int i, int v, int from) {
		if (i >= undoVm.length) {
			undoVm = Arrays.copyOf(undoVm, undoVm.length * 2);
			undoHost = Arrays.copyOf(undoHost, undoHost.length * 2);
		}
		undoVm[i] = v;
		undoHost[i] = from;
	}

	/**
	 * Makes one random move (with {@code hostMoves}, in density mode also moves of a host's VMs
	 * at once); records what to undo; @return how many VMs moved (0: none)
	 */
	private int randomMove(boolean hostMoves) {
		double kind = random.nextDouble();
		boolean hosts = hostMoves && s.density;
		if (hosts && kind < P_EMPTY) {
			return emptyAHost();
		}
		if (hosts && kind < P_EMPTY + P_REPLACE) {
			return replaceAHost();
		}
		if (hosts && kind < P_EMPTY + P_REPLACE + P_FILL) {
			return fillAHost();
		}
		if (kind < 0.6 || s.vmCount < 2) {
			int v = random.nextInt(s.vmCount);
			int h = target(v);
			if (h < 0 || h == s.assign[v]) {
				return 0;
			}
			record(0, v, s.assign[v]);
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
		record(0, a, ha);
		record(1, b, hb);
		s.move(a, hb);
		s.move(b, ha);
		return 2;
	}

	/**
	 * Moves a VM off a host that breaks a hard rule (found among a few hosts in use) to another
	 * host in use, or swaps it with a VM there; records what to undo; @return how many VMs moved
	 */
	private int overloadedMove() {
		int h = -1;
		for (int i = 0; i < 16 && s.usedCount > 1; i++) {
			int c = s.used[random.nextInt(s.usedCount)];
			if (s.hostHard[c] > 1e-9) {
				h = c;
				break;
			}
		}
		if (h < 0) {
			return 0;
		}
		int v = s.members[h][random.nextInt(s.memberCount[h])];
		int g = s.used[random.nextInt(s.usedCount)];
		if (g == h || !s.allowed(v, g)) {
			return 0;
		}
		record(0, v, h);
		s.move(v, g);
		if (random.nextBoolean() || s.memberCount[g] < 2) {
			return 1;
		}
		int w = s.members[g][random.nextInt(s.memberCount[g] - 1)];
		if (w == v || !s.allowed(w, h)) {
			return 1;
		}
		record(1, w, g);
		s.move(w, h);
		return 2;
	}

	/** A host {@code v} may go to; in density mode mostly one already in use. */
	private int target(int v) {
		for (int i = 0; i < 4; i++) {
			int h = s.density && s.usedCount > 0 && random.nextDouble() < 0.9 ? s.used[random.nextInt(s.usedCount)]
					: random.nextInt(s.hostCount);
			if (s.allowed(v, h)) {
				return h;
			}
		}
		return -1;
	}

	/**
	 * Opens a good-value unused host and pulls onto it, while they fit, the VMs of the used hosts
	 * of worst value, whole hosts at a time: several small or dear hosts become one.
	 */
	private int fillAHost() {
		int g = -1;
		for (int i = 0; i < 8; i++) {
			int c = random.nextInt(s.hostCount);
			if (s.memberCount[c] == 0 && (g < 0 || efficiency[c] < efficiency[g])) {
				g = c;
			}
		}
		if (g < 0) {
			return 0;
		}
		int candidates = Math.min(16, s.hostCount);
		int[] donors = new int[candidates];
		int found = 0;
		for (int i = 0; i < candidates * 2 && found < candidates && s.usedCount > 0; i++) {
			int h = s.used[random.nextInt(s.usedCount)];
			if (h != g) {
				donors[found++] = h;
			}
		}
		Integer[] order = new Integer[found];
		for (int i = 0; i < found; i++) {
			order[i] = donors[i];
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer h) -> -efficiency[h]));
		int moved = 0;
		for (int h : order) {
			int n = s.memberCount[h];
			if (n == 0) {
				continue;
			}
			int[] leaving = Arrays.copyOf(s.members[h], n);
			int start = moved;
			double hard = s.hard;
			boolean fits = true;
			for (int v : leaving) {
				if (!s.allowed(v, g)) {
					fits = false;
					break;
				}
				record(moved++, v, h);
				s.move(v, g);
			}
			if (!fits || s.hard > hard + 1e-9) {
				for (int i = moved - 1; i >= start; i--) {
					s.move(undoVm[i], undoHost[i]);
				}
				moved = start;
			}
		}
		return moved;
	}

	/** Moves every VM of a random used host onto one unused host (a better-value one, perhaps). */
	private int replaceAHost() {
		if (s.usedCount == 0) {
			return 0;
		}
		int h = s.used[random.nextInt(s.usedCount)];
		int n = s.memberCount[h];
		int g = -1;
		for (int i = 0; i < 8 && g < 0; i++) {
			int c = random.nextInt(s.hostCount);
			if (s.memberCount[c] == 0 && efficiency[c] < efficiency[h] * 1.2) {
				g = c;
			}
		}
		if (g < 0) {
			return 0;
		}
		int[] leaving = Arrays.copyOf(s.members[h], n);
		for (int v : leaving) {
			if (!s.allowed(v, g)) {
				return 0;
			}
		}
		for (int i = 0; i < n; i++) {
			record(i, leaving[i], h);
			s.move(leaving[i], g);
		}
		return n;
	}

	/** Moves every VM of a random used host to other used hosts, each where it fits tightest. */
	private int emptyAHost() {
		if (s.usedCount < 2) {
			return 0;
		}
		int h = s.used[random.nextInt(s.usedCount)];
		int n = s.memberCount[h];
		int[] leaving = Arrays.copyOf(s.members[h], n);
		int moved = 0;
		for (int v : leaving) {
			int bestHost = -1;
			double bestRoom = Double.MAX_VALUE;
			for (int i = 0; i < SAMPLE; i++) {
				int g = s.used[random.nextInt(s.usedCount)];
				if (g == h || !s.allowed(v, g)) {
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
			record(moved++, v, h);
			s.move(v, bestHost);
		}
		return moved;
	}
}
