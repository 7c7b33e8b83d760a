package org.hostdeck.benchmarks.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Plan;
import org.hostdeck.placement.Rating;

/**
 * Issue 5's figures. Part 1: cloud balancing, HostDeck's engine against Timefold Solver on the
 * same seeded instances with the same time budget, both single-threaded in one JVM, each result
 * checked by this program (not by the solver), and a lower bound. Part 2: a 1,000-host,
 * 10,000-VM data centre with daily profiles: a full plan, and star ratings for one VM.
 * <p>
 * System properties: {@code sizes} (e.g. 100x300,400x1200,1600x4800), {@code budgets} (seconds,
 * e.g. 5,30), {@code seed}.
 */
public final class PlacementBenchmark {

	private PlacementBenchmark() {
	}

	public static void main(String[] args) {
		long seed = Long.getLong("seed", 20261126L);
		List<int[]> sizes = new ArrayList<>();
		for (String s : System.getProperty("sizes", "100x300,400x1200,1600x4800").split(",")) {
			String[] p = s.split("x");
			sizes.add(new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) });
		}
		int[] budgets = Arrays.stream(System.getProperty("budgets", "5,30").split(",")).mapToInt(Integer::parseInt).toArray();

		// warm both up on a small instance so neither pays for JIT in the measured runs
		CloudInstance warm = CloudInstance.generate(50, 150, seed - 1);
		HostDeckCloud.solve(warm, Duration.ofSeconds(2), seed);
		TimefoldCloud.solve(warm, Duration.ofSeconds(2), seed);

		System.out.println();
		System.out.println("Cloud balancing (cost of computers in use; lower is better; seed " + seed + ")"); //$NON-NLS-1$ //$NON-NLS-2$
		System.out.println("  computers/processes  budget   HostDeck   Timefold  HostDeck/Timefold  lower bound  HostDeck above bound"); //$NON-NLS-1$
		for (int[] size : sizes) {
			CloudInstance instance = CloudInstance.generate(size[0], size[1], seed + size[0]);
			LowerBound bound = new LowerBound(instance);
			double lb = bound.compute();
			for (int budget : budgets) {
				long[] ours = instance.check(HostDeckCloud.solve(instance, Duration.ofSeconds(budget), seed));
				long[] theirs = instance.check(TimefoldCloud.solve(instance, Duration.ofSeconds(budget), seed));
				System.out.printf(Locale.ROOT, "  %-19s %5d s %10s %10s %18.4f %12.0f %19.2f %%%n", instance.name(), budget,
						result(ours), result(theirs), (double) ours[0] / theirs[0], lb, 100.0 * (ours[0] - lb) / lb);
			}
			System.out.printf(Locale.ROOT, "    bounds of %s: covering LP %.0f, 0/1 covering knapsack per resource %.0f, Lagrangian covering knapsack %.0f%n",
					instance.name(), bound.lp, bound.knapsack, bound.lagrangianKnapsack);
		}
		dataCentre(seed);
	}

	/** A cost, marked when the assignment breaks capacity or leaves processes out. */
	private static String result(long[] checked) {
		return checked[1] == 0 ? Long.toString(checked[0]) : checked[0] + "(!" + checked[1] + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Part 2: 1,000 hosts, 10,000 VMs with daily profiles, placed badly at first. */
	private static void dataCentre(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<PlacementHost> hosts = new ArrayList<>();
		for (int h = 0; h < 1000; h++) {
			int cores = 32 + 16 * random.nextInt(7);
			double memory = (256 + 128 * random.nextInt(7)) * (double) (1L << 30);
			hosts.add(new PlacementHost("hv" + h, "hv" + h, new double[] { cores * 2400.0, memory, 2 * 10_000, 4000 }, 2,
					h % 2 == 0 ? Set.of("lan", "backup") : Set.of("lan"), null, false, 1000 + cores * 20));
		}
		List<PlacementVm> vms = new ArrayList<>();
		for (int v = 0; v < 10_000; v++) {
			double[][] profile = new double[4][24];
			int peak = random.nextInt(24);
			double cpu = 500 + random.nextInt(6000);
			double memory = (2 + random.nextInt(30)) * (double) (1L << 30);
			for (int t = 0; t < 24; t++) {
				int distance = Math.min(Math.abs(t - peak), 24 - Math.abs(t - peak));
				double shape = distance <= 2 ? 1.0 : 0.25;
				profile[0][t] = cpu * shape;
				profile[1][t] = memory;
				profile[2][t] = (t == (peak + 12) % 24 ? 800 : 40) * (0.5 + random.nextDouble());
				profile[3][t] = 20 * shape;
			}
			// crowded at first: every VM on one of the first 600 hosts
			vms.add(new PlacementVm("vm" + v, "vm" + v, new double[] { cpu, memory, 40, 20 }, profile,
					Set.of(v % 10 == 0 ? "backup" : "lan"), v % 50 == 0 ? "ha" + v / 100 : null, null, null,
					"hv" + (v % 10 == 0 ? 2 * random.nextInt(300) : random.nextInt(600))));
		}
		PlacementProblem problem = new PlacementProblem(hosts, vms, PlacementSettings.BALANCE);
		PlacementEngine engine = new PlacementEngine();
		Plan before = engine.evaluate(problem);
		long t0 = System.nanoTime();
		Plan plan = engine.plan(problem, PlacementEngine.Options.of(Duration.ofMillis(4500)).withSeed(seed));
		double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.println();
		System.out.println("Data centre: 1,000 hosts, 10,000 VMs with 24-hour profiles, balance mode (target: a full plan under 5 s)"); //$NON-NLS-1$
		System.out.printf(Locale.ROOT, "  full plan (model, search, explanation) %.2f s; hard %.2f -> %.2f, soft %.1f -> %.1f, %d moves, %d violations left%n",
				seconds, before.hard(), plan.hard(), before.soft(), plan.soft(), plan.moves().size(), plan.violations().stream().filter(Plan.Violation::hard).count());

		PlacementVm fresh = vms.get(0).withCurrentHost(null);
		PlacementVm newVm = new PlacementVm("new", "new", fresh.demand(), fresh.profile(), fresh.networks(), null, null, null, null);
		long p0 = System.nanoTime();
		PlacementEngine.Rater rater = engine.rater(problem);
		double prepare = (System.nanoTime() - p0) / 1e6;
		List<Long> times = new ArrayList<>();
		List<Long> once = new ArrayList<>();
		List<Rating> ratings = null;
		for (int i = 0; i < 25; i++) {
			long s = System.nanoTime();
			ratings = rater.rate(newVm);
			times.add(System.nanoTime() - s);
			s = System.nanoTime();
			engine.ratings(problem, newVm);
			once.add(System.nanoTime() - s);
		}
		times.sort(null);
		once.sort(null);
		long fives = ratings.stream().filter(r -> r.stars() == 5).count();
		long zeros = ratings.stream().filter(r -> r.stars() == 0).count();
		System.out.printf(Locale.ROOT, "  star ratings of one new VM over 1,000 hosts (target: under 20 ms): %.2f ms median of 25 with the placement read once (%.0f ms to read it); %.1f ms reading it each time; %d hosts 5 stars, %d 0 stars%n",
				times.get(12) / 1e6, prepare, once.get(12) / 1e6, fives, zeros);
		System.out.println();
	}
}
