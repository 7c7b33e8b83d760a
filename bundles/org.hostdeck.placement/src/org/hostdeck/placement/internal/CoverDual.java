package org.hostdeck.placement.internal;

/**
 * The Lagrangian dual of the capacity-covering LP: choose hosts y in [0,1] of least cost whose
 * capacity covers the total demand of every resource. Any multipliers lambda >= 0 give a lower
 * bound sum_r lambda_r D_r + sum_j min(0, c_j - sum_r lambda_r cap_rj) on the cost of every
 * feasible placement; subgradient ascent finds good ones. The multipliers are also what a unit
 * of each resource is worth, which tells the search which hosts are good value.
 */
public final class CoverDual {

	private final double[] cost;
	private final double[][] capacity;
	private final double[] demand;
	private final double[] lambda;
	private final double bound;

	/**
	 * @param cost     per host
	 * @param capacity per host and resource
	 * @param demand   total per resource
	 */
	public CoverDual(double[] cost, double[][] capacity, double[] demand, int iterations) {
		this.cost = cost;
		this.capacity = capacity;
		this.demand = demand;
		int resources = demand.length;
		double[] l = new double[resources];
		for (int r = 0; r < resources; r++) {
			double min = Double.MAX_VALUE;
			for (int j = 0; j < cost.length; j++) {
				if (capacity[j][r] > 0) {
					min = Math.min(min, cost[j] / capacity[j][r]);
				}
			}
			l[r] = min == Double.MAX_VALUE ? 0 : min / resources;
		}
		double[] best = l.clone();
		double bestValue = value(l);
		double step = 1.0;
		double[] g = new double[resources];
		for (int it = 0; it < iterations; it++) {
			System.arraycopy(demand, 0, g, 0, resources);
			for (int j = 0; j < cost.length; j++) {
				if (reduced(l, j) < 0) {
					for (int r = 0; r < resources; r++) {
						g[r] -= capacity[j][r];
					}
				}
			}
			double norm = 0;
			for (double x : g) {
				norm += x * x;
			}
			if (norm == 0) {
				break;
			}
			double t = step * Math.max(1e-9, Math.abs(bestValue)) * 0.01 / Math.sqrt(norm);
			for (int r = 0; r < resources; r++) {
				l[r] = Math.max(0, l[r] + t * g[r]);
			}
			double v = value(l);
			if (v > bestValue) {
				bestValue = v;
				best = l.clone();
			}
			if (it % 500 == 499) {
				step *= 0.7;
			}
		}
		lambda = best;
		bound = bestValue;
	}

	private double reduced(double[] l, int j) {
		double r = cost[j];
		for (int k = 0; k < l.length; k++) {
			r -= l[k] * capacity[j][k];
		}
		return r;
	}

	private double value(double[] l) {
		double v = 0;
		for (int r = 0; r < l.length; r++) {
			v += l[r] * demand[r];
		}
		for (int j = 0; j < cost.length; j++) {
			v += Math.min(0, reduced(l, j));
		}
		return v;
	}

	/** The lower bound the best multipliers give. */
	public double bound() {
		return bound;
	}

	/** What a unit of each resource is worth. */
	public double[] prices() {
		return lambda.clone();
	}
}
