package org.hostdeck.placement.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Resource;

/**
 * A placement being searched: which host each VM is on, each host's load per resource and hour,
 * and each host's share of the score, kept current move by move. A move touches two hosts, so only
 * those two are scored again (built-in rules from arrays, contributed rules through their
 * {@link PlacementRule.HostView}).
 */
public final class State {

	private static final int R = Resource.COUNT;

	/** Density mode: the share of a host's cost charged for its idle capacity. */
	static final double IDLE_SHARE = 0.3;

	final PlacementProblem problem;
	final List<PlacementHost> hosts;
	final List<PlacementVm> vms;
	final int hostCount;
	final int vmCount;
	/** Hours per day modelled: 24 when a VM has a profile, else 1. */
	final int hours;
	final boolean density;
	/** Capacity per host and resource with overcommit; 0 or less: not known, not checked. */
	final double[][] limit;
	/** Mean limit per resource over the hosts that have one, the unit of capacity breaches. */
	final double[] meanLimit = new double[R];
	/** Nominal capacity per host and resource, for utilization. */
	final double[][] capacity;
	/** Demand per VM, [resource * hours + hour]. */
	final double[][] demand;
	/** A VM's size relative to a mean host, for ordering. */
	final double[] size;
	final int[] assign;
	final int[] current;
	final double[][] load;
	final int[][] members;
	final int[] memberCount;
	final int[] position;
	/** The hosts with at least one VM, in no order, and where each is in that list. */
	final int[] used;
	final int[] usedPosition;
	int usedCount;

	private final Map<String, Integer> networkIndex;
	private final Map<String, Integer> zoneIndex;
	private final Map<String, Integer> haIndex;
	private final Map<String, Integer> hostIndex = new HashMap<>();
	private final int[][] vmNetworks;
	private final String[] networkNames;
	private final boolean[][] hostNetworks;
	private final int[] vmZone;
	private final int[] hostZone;
	private final int zones;
	private final int[] zoneCount;
	private final int[] vmHa;
	private final int haGroups;
	private final int[] haCount;
	private final int[] pinned;
	private final double[] haPenalty;
	private final double[] staticPenalty;

	final double hardWeight;
	final double migrationCost;
	final Rules rules;
	final double[] hostHard;
	final double[] hostSoft;
	int unplaced;
	int migrations;
	double hard;
	double soft;

	public State(PlacementProblem problem, Rules rules) {
		this.problem = problem;
		this.rules = rules;
		hosts = problem.hosts();
		vms = new java.util.ArrayList<>(problem.vms());
		hostCount = hosts.size();
		vmCount = vms.size();
		PlacementSettings settings = problem.settings();
		density = settings.mode() == PlacementSettings.Mode.DENSITY;
		hours = vms.stream().anyMatch(v -> v.profile() != null) ? PlacementVm.HOURS : 1;

		networkIndex = new HashMap<>();
		zoneIndex = new HashMap<>();
		haIndex = new HashMap<>();
		limit = new double[hostCount][R];
		capacity = new double[hostCount][R];
		hostZone = new int[hostCount];
		double maxCost = 0;
		double sumCost = 0;
		for (int h = 0; h < hostCount; h++) {
			PlacementHost host = hosts.get(h);
			hostIndex.put(host.id(), h);
			for (int r = 0; r < R; r++) {
				capacity[h][r] = host.capacity()[r];
				double ratio = r == Resource.CPU.ordinal() ? settings.cpuOvercommit()
						: r == Resource.MEMORY.ordinal() ? settings.memoryOvercommit() : 1.0;
				limit[h][r] = host.capacity()[r] * ratio;
			}
			host.networks().forEach(n -> networkIndex.computeIfAbsent(n, k -> networkIndex.size()));
			hostZone[h] = host.zone() == null ? -1 : zoneIndex.computeIfAbsent(host.zone(), k -> zoneIndex.size());
			maxCost = Math.max(maxCost, host.cost());
			sumCost += host.cost();
		}
		for (int r = 0; r < R; r++) {
			int n = 0;
			for (int h = 0; h < hostCount; h++) {
				if (limit[h][r] > 0) {
					meanLimit[r] += limit[h][r];
					n++;
				}
			}
			meanLimit[r] = n == 0 ? 1 : meanLimit[r] / n;
		}
		vmNetworks = new int[vmCount][];
		vmZone = new int[vmCount];
		vmHa = new int[vmCount];
		pinned = new int[vmCount];
		current = new int[vmCount];
		demand = new double[vmCount][R * hours];
		size = new double[vmCount];
		double[] meanCapacity = new double[R];
		for (int h = 0; h < hostCount; h++) {
			for (int r = 0; r < R; r++) {
				meanCapacity[r] += Math.max(0, capacity[h][r]) / Math.max(1, hostCount);
			}
		}
		for (int v = 0; v < vmCount; v++) {
			PlacementVm vm = vms.get(v);
			vmNetworks[v] = vm.networks().stream().mapToInt(n -> networkIndex.computeIfAbsent(n, k -> networkIndex.size()))
					.toArray();
			vmZone[v] = vm.zone() == null ? -1 : zoneIndex.computeIfAbsent(vm.zone(), k -> zoneIndex.size());
			vmHa[v] = vm.haGroup() == null ? -1 : haIndex.computeIfAbsent(vm.haGroup(), k -> haIndex.size());
			pinned[v] = vm.pinnedHost() == null ? -2 : hostIndex.getOrDefault(vm.pinnedHost(), -3);
			current[v] = vm.currentHost() == null ? -1 : hostIndex.getOrDefault(vm.currentHost(), -1);
			for (int r = 0; r < R; r++) {
				for (int t = 0; t < hours; t++) {
					demand[v][r * hours + t] = vm.demand(Resource.values()[r], t);
				}
				size[v] += meanCapacity[r] > 0 ? peak(v, r) / meanCapacity[r] : 0;
			}
		}
		networkNames = new String[networkIndex.size()];
		networkIndex.forEach((name, n) -> networkNames[n] = name);
		hostNetworks = new boolean[hostCount][networkIndex.size()];
		for (int h = 0; h < hostCount; h++) {
			for (String n : hosts.get(h).networks()) {
				hostNetworks[h][networkIndex.get(n)] = true;
			}
		}
		zones = zoneIndex.size();
		haGroups = haIndex.size();
		zoneCount = new int[hostCount * Math.max(1, zones)];
		haCount = new int[hostCount * Math.max(1, haGroups)];
		haPenalty = new double[hostCount];
		staticPenalty = new double[hostCount];
		load = new double[hostCount][R * hours];
		members = new int[hostCount][4];
		memberCount = new int[hostCount];
		position = new int[vmCount];
		used = new int[hostCount];
		usedPosition = new int[hostCount];
		assign = new int[vmCount];
		Arrays.fill(assign, -1);
		hostHard = new double[hostCount];
		hostSoft = new double[hostCount];
		migrationCost = settings.migrationPenalty() * (density ? sumCost / Math.max(1, hostCount) : 1.0);
		hardWeight = density ? 1000 * Math.max(1, maxCost) : 10_000;
		unplaced = vmCount;
		for (int v = 0; v < vmCount; v++) {
			if (current[v] >= 0) {
				migrations++; // not on its current host until placed there
			}
		}
		for (int h = 0; h < hostCount; h++) {
			score(h);
		}
		total();
	}

	/**
	 * Makes unplaced VM slot {@code v} stand for {@code vm} (to rate hosts for many VMs on one
	 * state). Only for VMs whose networks, zone and HA group the state knows.
	 *
	 * @return whether it could; {@code false} leaves the slot as it was
	 */
	public boolean setVm(int v, PlacementVm vm) {
		if (assign[v] >= 0 || !networkIndex.keySet().containsAll(vm.networks())
				|| (vm.zone() != null && !zoneIndex.containsKey(vm.zone()))
				|| (vm.haGroup() != null && !haIndex.containsKey(vm.haGroup()))
				|| (vm.pinnedHost() != null && !hostIndex.containsKey(vm.pinnedHost()))) {
			return false;
		}
		vms.set(v, vm);
		vmNetworks[v] = vm.networks().stream().mapToInt(networkIndex::get).toArray();
		vmZone[v] = vm.zone() == null ? -1 : zoneIndex.get(vm.zone());
		vmHa[v] = vm.haGroup() == null ? -1 : haIndex.get(vm.haGroup());
		pinned[v] = vm.pinnedHost() == null ? -2 : hostIndex.get(vm.pinnedHost());
		current[v] = -1;
		for (int r = 0; r < R; r++) {
			for (int t = 0; t < hours; t++) {
				demand[v][r * hours + t] = vm.demand(Resource.values()[r], t);
			}
		}
		return true;
	}

	/** @return the host index VM {@code v} is on, or -1 */
	public int hostOf(int v) {
		return assign[v];
	}

	/** Puts every VM on its current host (those without one stay unplaced). */
	public void startFromCurrent() {
		for (int v = 0; v < vmCount; v++) {
			if (current[v] >= 0) {
				move(v, current[v]);
			}
		}
	}

	/** Why {@code v} may never run on {@code h}, or {@code null}. */
	String refusal(int v, int h) {
		int why = check(v, h);
		if (why == ALLOWED) {
			return null;
		}
		PlacementHost host = hosts.get(h);
		PlacementVm vm = vms.get(v);
		return switch (why) {
		case MAINTENANCE -> host.name() + " is in maintenance"; //$NON-NLS-1$
		case PINNED -> vm.name() + " is pinned to " + vm.pinnedHost(); //$NON-NLS-1$
		case OTHER_ZONE -> host.name() + " is in zone " + host.zone() + ", " + vm.name() + " in zone " + vm.zone(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		case ZONE_ONLY -> host.name() + " takes only VMs of zone " + host.zone(); //$NON-NLS-1$
		default -> host.name() + " lacks network '" + networkNames[why - NETWORK] + "' that " + vm.name() + " needs"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		};
	}

	/** Whether {@code v} may run on {@code h} as far as static rules go. */
	boolean allowed(int v, int h) {
		return check(v, h) == ALLOWED;
	}

	private static final int ALLOWED = 0;
	private static final int MAINTENANCE = 1;
	private static final int PINNED = 2;
	private static final int OTHER_ZONE = 3;
	private static final int ZONE_ONLY = 4;
	/** {@code NETWORK + n}: the host lacks network {@code n}. */
	private static final int NETWORK = 5;

	/** The static rules, in one place for the fast check and for the sentence: which one refuses. */
	private int check(int v, int h) {
		if (hosts.get(h).maintenance()) {
			return MAINTENANCE;
		}
		if (pinned[v] != -2 && pinned[v] != h) {
			return PINNED;
		}
		int hz = hostZone[h];
		if (hz >= 0 && vmZone[v] != hz) {
			return vmZone[v] >= 0 ? OTHER_ZONE : ZONE_ONLY;
		}
		boolean[] nets = hostNetworks[h];
		for (int n : vmNetworks[v]) {
			if (n >= nets.length || !nets[n]) {
				return NETWORK + n;
			}
		}
		return ALLOWED;
	}

	/** Moves {@code v} to {@code to} (-1: unplaced) and scores the two hosts again. */
	public void move(int v, int to) {
		int from = assign[v];
		if (from == to) {
			return;
		}
		if (from >= 0) {
			detach(v, from);
		} else {
			unplaced--;
		}
		if (to >= 0) {
			attach(v, to);
		} else {
			unplaced++;
		}
		assign[v] = to;
		if (current[v] >= 0) {
			migrations += (from == current[v] ? 1 : 0) - (to == current[v] ? 1 : 0);
		}
		if (from >= 0) {
			rescore(from);
		}
		if (to >= 0) {
			rescore(to);
		}
	}

	private void attach(int v, int h) {
		double[] l = load[h];
		double[] d = demand[v];
		for (int i = 0; i < l.length; i++) {
			l[i] += d[i];
		}
		if (memberCount[h] == members[h].length) {
			members[h] = Arrays.copyOf(members[h], members[h].length * 2);
		}
		position[v] = memberCount[h];
		members[h][memberCount[h]++] = v;
		if (memberCount[h] == 1) {
			usedPosition[h] = usedCount;
			used[usedCount++] = h;
		}
		if (vmHa[v] >= 0) {
			int i = h * haGroups + vmHa[v];
			haPenalty[h] += haCount[i]++;
		}
		if (vmZone[v] >= 0) {
			zoneCount[h * zones + vmZone[v]]++;
		}
		if (!allowed(v, h)) {
			staticPenalty[h]++;
		}
	}

	private void detach(int v, int h) {
		double[] l = load[h];
		double[] d = demand[v];
		for (int i = 0; i < l.length; i++) {
			l[i] -= d[i];
		}
		int p = position[v];
		int last = members[h][--memberCount[h]];
		members[h][p] = last;
		position[last] = p;
		if (vmHa[v] >= 0) {
			int i = h * haGroups + vmHa[v];
			haPenalty[h] -= --haCount[i];
		}
		if (vmZone[v] >= 0) {
			zoneCount[h * zones + vmZone[v]]--;
		}
		if (!allowed(v, h)) {
			staticPenalty[h]--;
		}
		if (memberCount[h] == 0) {
			Arrays.fill(l, 0); // no drift left behind on an empty host
			int lastHost = used[--usedCount];
			used[usedPosition[h]] = lastHost;
			usedPosition[lastHost] = usedPosition[h];
		}
	}

	private void rescore(int h) {
		hard -= hostHard[h];
		soft -= hostSoft[h];
		score(h);
		hard += hostHard[h];
		soft += hostSoft[h];
	}

	/** The built-in and contributed rules' verdict on host {@code h} as it is now. */
	private void score(int h) {
		double[] l = load[h];
		double overflow = 0;
		double balance = 0;
		double fill = 0;
		for (int r = 0; r < R; r++) {
			double lim = limit[h][r];
			if (lim <= 0) {
				continue;
			}
			double cap = capacity[h][r];
			int base = r * hours;
			for (int t = 0; t < hours; t++) {
				double x = l[base + t];
				if (x > lim * (1 + 1e-9)) {
					// in units of a mean host's limit, not this host's: moving an overload from a
					// small host onto a big one is no gain, only removing it is
					overflow += (x - lim) / meanLimit[r];
				}
				// utilization squared, weighted by the host's size: its minimum spreads load so that
				// every host is equally busy, big or small, and busy hours apart
				balance += x * x / (cap * meanLimit[r]);
				fill = Math.max(fill, x / lim);
			}
		}
		double zonePenalty = 0;
		if (zones > 0) {
			int sum = 0;
			int max = 0;
			for (int z = 0; z < zones; z++) {
				int c = zoneCount[h * zones + z];
				sum += c;
				max = Math.max(max, c);
			}
			zonePenalty = sum - max;
		}
		double hardValue = overflow + haPenalty[h] + staticPenalty[h] + zonePenalty;
		// density: a host in use costs its price, plus a share of it for what stays idle on its
		// fullest resource, which leads the search to fill good-value hosts and drain the others
		double softValue = density ? (memberCount[h] > 0 ? hosts.get(h).cost() * (1 + IDLE_SHARE * Math.max(0, 1 - fill)) : 0)
				: balance / hours;
		if (rules != null && rules.any()) {
			hardValue += rules.hard(this, h);
			softValue += rules.soft(this, h);
		}
		hostHard[h] = hardValue;
		hostSoft[h] = softValue;
	}

	/** Scores every host again (after a contributed rule was switched off). */
	public void rescoreAll() {
		for (int h = 0; h < hostCount; h++) {
			score(h);
		}
		total();
	}

	/** Sums the hosts' shares afresh (removes rounding drift). */
	void total() {
		double hs = 0;
		double ss = 0;
		for (int h = 0; h < hostCount; h++) {
			hs += hostHard[h];
			ss += hostSoft[h];
		}
		hard = hs;
		soft = ss;
	}

	/** The highest hourly demand of VM {@code v} for resource {@code r}. */
	double peak(int v, int r) {
		double peak = 0;
		for (int t = 0; t < hours; t++) {
			peak = Math.max(peak, demand[v][r * hours + t]);
		}
		return peak;
	}

	/** Hard breaches, unplaced VMs included. */
	double hard() {
		return hard < 1e-9 && unplaced == 0 ? 0 : hard + unplaced;
	}

	/** The mode's cost plus the migrations. */
	double soft() {
		return soft + migrations * migrationCost;
	}

	/** One number to compare placements by: hard breaches far outweigh any soft cost. */
	double value() {
		return hard() * hardWeight + soft();
	}

	/** Host {@code h} as contributed rules see it. */
	PlacementRule.HostView view(int h) {
		return new PlacementRule.HostView() {
			@Override
			public PlacementHost host() {
				return hosts.get(h);
			}

			@Override
			public List<PlacementVm> vms() {
				int n = memberCount[h];
				int[] m = members[h];
				return new AbstractList<>() {
					@Override
					public PlacementVm get(int index) {
						if (index < 0 || index >= n) {
							throw new IndexOutOfBoundsException(index);
						}
						return vms.get(m[index]);
					}

					@Override
					public int size() {
						return n;
					}
				};
			}

			@Override
			public double load(Resource r, int hour) {
				return load[h][r.ordinal() * hours + (hours == 1 ? 0 : hour)];
			}
		};
	}

	int haGroupOf(int v) {
		return vmHa[v];
	}

	int zoneOf(int v) {
		return vmZone[v];
	}

	int zones() {
		return zones;
	}
}
