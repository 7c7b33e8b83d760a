package org.hostdeck.benchmarks.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A cloud-balancing instance: computers with CPU (cores), memory (GiB) and network (100 Mbit/s
 * units) and a yearly cost, processes with demands. One seeded generator feeds both solvers.
 * Costs have economies of scale (a big host costs less per core than a small one), as hardware
 * price lists do; processes are mostly small with a tail of large ones, as VM fleets are.
 */
record CloudInstance(String name, List<Computer> computers, List<Process> processes) {

	record Computer(int id, int cpu, int memory, int network, long cost) {
	}

	record Process(int id, int cpu, int memory, int network) {
	}

	private static final int[] CORES = { 16, 24, 32, 48, 64, 96, 128 };
	private static final int[] GIB_PER_CORE = { 4, 6, 8 };
	private static final int[] NIC_GBIT = { 10, 25 };

	/**
	 * Hosts as data centres buy them: 16-128 cores, 4, 6 or 8 GiB per core, two 10 or 25 Gbit/s
	 * NICs; network counted in units of 100 Mbit/s. VMs: 1-2 vCPUs mostly, some 2-5, a tail of
	 * 6-16; 2-8 GiB per vCPU; 100 Mbit/s to 2 Gbit/s.
	 */
	static CloudInstance generate(int computers, int processes, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Computer> cs = new ArrayList<>(computers);
		for (int i = 0; i < computers; i++) {
			int cpu = CORES[random.nextInt(CORES.length)];
			int memory = cpu * GIB_PER_CORE[random.nextInt(GIB_PER_CORE.length)];
			int network = 2 * NIC_GBIT[random.nextInt(NIC_GBIT.length)] * 10;
			long cost = Math.round(600 + 55 * Math.pow(cpu, 0.85) + 9 * Math.pow(memory, 0.9) + 14 * Math.pow(network, 0.8)
					+ random.nextInt(200));
			cs.add(new Computer(i, cpu, memory, network, cost));
		}
		List<Process> ps = new ArrayList<>(processes);
		for (int i = 0; i < processes; i++) {
			double size = random.nextDouble();
			int cpu = size < 0.6 ? 1 + random.nextInt(2) : size < 0.9 ? 2 + random.nextInt(4) : 6 + random.nextInt(11);
			int memory = cpu * (2 + random.nextInt(7));
			int network = 1 + random.nextInt(size < 0.9 ? 5 : 20);
			ps.add(new Process(i, cpu, memory, network));
		}
		return new CloudInstance(computers + "/" + processes, cs, ps);
	}

	/**
	 * The cost of an assignment (process index to computer index), and its breaches of capacity
	 * summed over computers and resources (0 when feasible), computed here for both solvers alike.
	 */
	long[] check(int[] assignment) {
		long[][] used = new long[computers.size()][3];
		long unassigned = 0;
		for (int p = 0; p < processes.size(); p++) {
			int c = assignment[p];
			if (c < 0) {
				unassigned++;
				continue;
			}
			Process pr = processes.get(p);
			used[c][0] += pr.cpu();
			used[c][1] += pr.memory();
			used[c][2] += pr.network();
		}
		long cost = 0;
		long breach = unassigned;
		for (int c = 0; c < computers.size(); c++) {
			Computer co = computers.get(c);
			if (used[c][0] + used[c][1] + used[c][2] > 0) {
				cost += co.cost();
			}
			breach += Math.max(0, used[c][0] - co.cpu()) + Math.max(0, used[c][1] - co.memory())
					+ Math.max(0, used[c][2] - co.network());
		}
		return new long[] { cost, breach };
	}
}
