package org.hostdeck.benchmarks.placement;

import java.util.Arrays;

import org.hostdeck.placement.internal.CoverDual;

/**
 * Lower bounds on the cost of any feasible assignment. Every feasible assignment uses a set of
 * computers y (0/1) whose capacity covers the total demand D_r of each resource r: so
 * min { sum c_j y_j : sum_j cap_rj y_j >= D_r for all r, y in {0,1} } bounds the cost from below
 * (it forgets only that processes are indivisible). Three relaxations of that covering problem,
 * each a valid bound, the best one reported:
 * <ol>
 * <li>its LP relaxation, through the Lagrangian dual: any multipliers lambda >= 0 give
 * sum_r lambda_r D_r + sum_j min(0, c_j - sum_r lambda_r cap_rj);</li>
 * <li>per resource, the exact 0/1 covering knapsack (dynamic programming);</li>
 * <li>Lagrangian knapsack: one resource kept as an exact knapsack, the others dualized.</li>
 * </ol>
 */
final class LowerBound {

	private final long[] cost;
	private final int[][] cap;
	private final long[] demand;
	private final int n;
	double lp;
	double knapsack;
	double lagrangianKnapsack;

	LowerBound(CloudInstance instance) {
		n = instance.computers().size();
		cost = new long[n];
		cap = new int[3][n];
		for (int j = 0; j < n; j++) {
			CloudInstance.Computer c = instance.computers().get(j);
			cost[j] = c.cost();
			cap[0][j] = c.cpu();
			cap[1][j] = c.memory();
			cap[2][j] = c.network();
		}
		demand = new long[3];
		for (CloudInstance.Process p : instance.processes()) {
			demand[0] += p.cpu();
			demand[1] += p.memory();
			demand[2] += p.network();
		}
	}

	/** @return the best of the three bounds */
	double compute() {
		double[] lambda = new double[3];
		lp = lagrangeLp(lambda);
		knapsack = 0;
		for (int r = 0; r < 3; r++) {
			knapsack = Math.max(knapsack, cover(r, new double[3], cost));
		}
		lagrangianKnapsack = 0;
		for (int keep = 0; keep < 3; keep++) {
			if (demand[keep] <= 40_000) {
				lagrangianKnapsack = Math.max(lagrangianKnapsack, lagrangeKnapsack(keep, lambda.clone()));
			}
		}
		return Math.max(lp, Math.max(knapsack, lagrangianKnapsack));
	}

	/** The covering LP's Lagrangian dual, as the engine computes it; leaves the multipliers in {@code lambda}. */
	private double lagrangeLp(double[] lambda) {
		double[] c = new double[n];
		double[][] capacity = new double[n][3];
		for (int j = 0; j < n; j++) {
			c[j] = cost[j];
			for (int r = 0; r < 3; r++) {
				capacity[j][r] = cap[r][j];
			}
		}
		CoverDual dual = new CoverDual(c, capacity, new double[] { demand[0], demand[1], demand[2] }, 20_000);
		System.arraycopy(dual.prices(), 0, lambda, 0, 3);
		return dual.bound();
	}

	/**
	 * min sum (c_j - sum_{r != keep} lambda_r cap_rj) y_j s.t. sum cap_keep,j y_j >= D_keep, y in
	 * {0,1}, plus sum_{r != keep} lambda_r D_r: items of negative reduced cost are always taken.
	 */
	private double cover(int keep, double[] lambda, long[] costs) {
		double base = 0;
		for (int r = 0; r < 3; r++) {
			if (r != keep) {
				base += lambda[r] * demand[r];
			}
		}
		int need = (int) demand[keep];
		double taken = 0;
		int covered = 0;
		double[] reduced = new double[n];
		for (int j = 0; j < n; j++) {
			reduced[j] = costs[j];
			for (int r = 0; r < 3; r++) {
				if (r != keep) {
					reduced[j] -= lambda[r] * cap[r][j];
				}
			}
			if (reduced[j] <= 0) {
				taken += reduced[j];
				covered += cap[keep][j];
			}
		}
		int rest = Math.max(0, need - covered);
		double[] dp = new double[rest + 1];
		Arrays.fill(dp, Double.MAX_VALUE);
		dp[0] = 0;
		for (int j = 0; j < n; j++) {
			if (reduced[j] <= 0) {
				continue;
			}
			int c = cap[keep][j];
			for (int x = rest; x >= 0; x--) {
				if (dp[x] == Double.MAX_VALUE) {
					continue;
				}
				int y = Math.min(rest, x + c);
				double v = dp[x] + reduced[j];
				if (v < dp[y]) {
					dp[y] = v;
				}
			}
		}
		return dp[rest] == Double.MAX_VALUE ? Double.MAX_VALUE : base + taken + dp[rest];
	}

	/** Subgradient ascent on the multipliers of the dualized resources, the kept one exact. */
	private double lagrangeKnapsack(int keep, double[] lambda) {
		lambda[keep] = 0;
		double best = cover(keep, lambda, cost);
		double step = 0.02;
		for (int it = 0; it < 40; it++) {
			// subgradient: D_r - sum cap_rj y_j of the knapsack's choice, approximated by the LP rule
			double[] g = new double[3];
			for (int r = 0; r < 3; r++) {
				if (r == keep) {
					continue;
				}
				g[r] = demand[r];
				for (int j = 0; j < n; j++) {
					double reduced = cost[j];
					for (int s = 0; s < 3; s++) {
						if (s != keep) {
							reduced -= lambda[s] * cap[s][j];
						}
					}
					if (reduced < 0) {
						g[r] -= cap[r][j];
					}
				}
			}
			double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
			if (norm == 0) {
				break;
			}
			for (int r = 0; r < 3; r++) {
				if (r != keep) {
					lambda[r] = Math.max(0, lambda[r] + step * best / norm * g[r] / Math.max(1, demand[r]) * 0.01);
				}
			}
			double value = cover(keep, lambda, cost);
			best = Math.max(best, value);
			step *= 0.9;
		}
		return best;
	}
}
