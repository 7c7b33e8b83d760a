package org.hostdeck.placement.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hostdeck.placement.Plan;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Rating;
import org.hostdeck.placement.Resource;

/** Turns a searched state into a {@link Plan} and ratings, in sentences a user can act on. */
public final class Explainer {

	/** Utilization above which a host's resource is reported as a hot spot. */
	static final double HOT = 0.85;

	private Explainer() {
	}

	public static Plan plan(State s, Rules rules) {
		Map<String, String> assignment = new LinkedHashMap<>();
		for (int v = 0; v < s.vmCount; v++) {
			assignment.put(s.vms.get(v).id(), s.assign[v] < 0 ? null : s.hosts.get(s.assign[v]).id());
		}
		Map<String, double[][]> loads = new LinkedHashMap<>();
		for (int h = 0; h < s.hostCount; h++) {
			double[][] l = new double[Resource.COUNT][s.hours];
			for (int r = 0; r < Resource.COUNT; r++) {
				System.arraycopy(s.load[h], r * s.hours, l[r], 0, s.hours);
			}
			loads.put(s.hosts.get(h).id(), l);
		}
		List<Plan.Violation> violations = new ArrayList<>();
		for (int h = 0; h < s.hostCount; h++) {
			violations.addAll(violations(s, rules, h));
		}
		for (int v = 0; v < s.vmCount; v++) {
			if (s.assign[v] < 0) {
				violations.add(new Plan.Violation("unplaced", null, true, //$NON-NLS-1$
						s.vms.get(v).name() + " has no host: " + whyNowhere(s, v) + ".")); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return new Plan(assignment, loads, moves(s), violations, s.hard(), s.soft(), rules.disabled());
	}

	/** Moves from the current placement, ordered so that each lands where there is room by then if it can. */
	private static List<Plan.Move> moves(State s) {
		List<Integer> pending = new ArrayList<>();
		for (int v = 0; v < s.vmCount; v++) {
			if (s.assign[v] != s.current[v] && s.assign[v] >= 0) {
				pending.add(v);
			}
		}
		double[][] load = new double[s.hostCount][];
		for (int h = 0; h < s.hostCount; h++) {
			load[h] = new double[s.load[h].length];
		}
		for (int v = 0; v < s.vmCount; v++) {
			if (s.current[v] >= 0) {
				add(load[s.current[v]], s.demand[v], 1);
			}
		}
		List<Plan.Move> moves = new ArrayList<>();
		while (!pending.isEmpty()) {
			int pick = 0;
			for (int i = 0; i < pending.size(); i++) {
				int v = pending.get(i);
				if (fits(s, load[s.assign[v]], s.demand[v], s.assign[v])) {
					pick = i;
					break;
				}
			}
			int v = pending.remove(pick);
			if (s.current[v] >= 0) {
				add(load[s.current[v]], s.demand[v], -1);
			}
			add(load[s.assign[v]], s.demand[v], 1);
			moves.add(new Plan.Move(s.vms.get(v).id(), s.current[v] < 0 ? null : s.hosts.get(s.current[v]).id(),
					s.hosts.get(s.assign[v]).id()));
		}
		return moves;
	}

	private static void add(double[] load, double[] demand, int sign) {
		for (int i = 0; i < load.length; i++) {
			load[i] += sign * demand[i];
		}
	}

	private static boolean fits(State s, double[] load, double[] demand, int h) {
		for (int r = 0; r < Resource.COUNT; r++) {
			double lim = s.limit[h][r];
			if (lim <= 0) {
				continue;
			}
			for (int t = 0; t < s.hours; t++) {
				int i = r * s.hours + t;
				if (load[i] + demand[i] > lim * (1 + 1e-9)) {
					return false;
				}
			}
		}
		return true;
	}

	static List<Plan.Violation> violations(State s, Rules rules, int h) {
		List<Plan.Violation> found = new ArrayList<>();
		PlacementHost host = s.hosts.get(h);
		String hostId = host.id();
		for (Resource r : Resource.values()) {
			double lim = s.limit[h][r.ordinal()];
			if (lim <= 0) {
				continue;
			}
			int worst = worstHour(s, h, r);
			double peak = s.load[h][r.ordinal() * s.hours + worst];
			double cap = s.capacity[h][r.ordinal()];
			if (peak > lim * (1 + 1e-9)) {
				found.add(new Plan.Violation("capacity." + r.name().toLowerCase(Locale.ROOT), hostId, true, //$NON-NLS-1$
						String.format(Locale.ROOT, "%s on %s%s: %s wanted, %s available (%.0f %%)", label(r), host.name(), //$NON-NLS-1$
								at(s, worst), format(r, peak), format(r, lim), 100 * peak / cap)));
			} else if (peak > HOT * cap) {
				found.add(new Plan.Violation("hotspot." + r.name().toLowerCase(Locale.ROOT), hostId, false, //$NON-NLS-1$
						String.format(Locale.ROOT, "Hot spot: %s on %s peaks at %.0f %%%s (%s of %s)", label(r), host.name(), //$NON-NLS-1$
								100 * peak / cap, at(s, worst), format(r, peak), format(r, cap))));
			}
		}
		Map<Integer, List<String>> ha = new HashMap<>();
		Map<Integer, List<String>> zones = new HashMap<>();
		for (int i = 0; i < s.memberCount[h]; i++) {
			int v = s.members[h][i];
			PlacementVm vm = s.vms.get(v);
			String refusal = s.refusal(v, h);
			if (refusal != null) {
				found.add(new Plan.Violation("host", hostId, true, vm.name() + " cannot run on " + host.name() + ": " + refusal + ".")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
			if (s.haGroupOf(v) >= 0) {
				ha.computeIfAbsent(s.haGroupOf(v), k -> new ArrayList<>()).add(vm.name());
			}
			if (s.zoneOf(v) >= 0) {
				zones.computeIfAbsent(s.zoneOf(v), k -> new ArrayList<>()).add(vm.name());
			}
		}
		for (List<String> group : ha.values()) {
			if (group.size() > 1) {
				String name = s.vms.stream().filter(vm -> vm.name().equals(group.get(0))).findFirst().get().haGroup();
				found.add(new Plan.Violation("ha", hostId, true, "HA group '" + name + "' has " + String.join(", ", group) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " on one host, " + host.name() + ": one host failure takes down the whole group.")); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		if (zones.size() > 1) {
			List<String> parts = new ArrayList<>();
			for (List<String> names : zones.values()) {
				String zone = s.vms.stream().filter(vm -> vm.name().equals(names.get(0))).findFirst().get().zone();
				parts.add("zone " + zone + " (" + String.join(", ", names) + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
			found.add(new Plan.Violation("isolation", hostId, true, host.name() + " mixes isolation zones: " //$NON-NLS-1$ //$NON-NLS-2$
					+ String.join("; ", parts) + ".")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		for (int k = 0; k < rules.size(); k++) {
			if (rules.isOff(k)) {
				continue;
			}
			PlacementRule.HostView view = s.view(h);
			if (rules.penalty(k, view) > 0) { // guarded: a rule that misbehaves here is switched off too
				for (String line : rules.explain(k, view)) {
					found.add(new Plan.Violation(rules.get(k).id(), hostId, rules.get(k).hard(), rules.get(k).name() + ": " + line));
				}
			}
		}
		return found;
	}

	private static int worstHour(State s, int h, Resource r) {
		int worst = 0;
		for (int t = 1; t < s.hours; t++) {
			if (s.load[h][r.ordinal() * s.hours + t] > s.load[h][r.ordinal() * s.hours + worst]) {
				worst = t;
			}
		}
		return worst;
	}

	private static String at(State s, int hour) {
		return s.hours == 1 ? "" : String.format(Locale.ROOT, " at %02d:00", hour); //$NON-NLS-1$ //$NON-NLS-2$
	}

	static String label(Resource r) {
		return switch (r) {
		case CPU -> "CPU"; //$NON-NLS-1$
		case MEMORY -> "Memory"; //$NON-NLS-1$
		case NETWORK -> "Network"; //$NON-NLS-1$
		case DISK -> "Disk I/O"; //$NON-NLS-1$
		};
	}

	/** A resource amount in the unit a user reads it in. */
	public static String format(Resource r, double value) {
		return switch (r) {
		case CPU -> value >= 10_000 ? String.format(Locale.ROOT, "%.1f GHz", value / 1000) //$NON-NLS-1$
				: String.format(Locale.ROOT, "%,.0f MHz", value); //$NON-NLS-1$
		case MEMORY -> String.format(Locale.ROOT, "%.1f GiB", value / (1L << 30)); //$NON-NLS-1$
		case NETWORK -> String.format(Locale.ROOT, "%,.0f Mbit/s", value); //$NON-NLS-1$
		case DISK -> String.format(Locale.ROOT, "%,.0f MB/s", value); //$NON-NLS-1$
		};
	}

	private static String whyNowhere(State s, int v) {
		for (int h = 0; h < s.hostCount; h++) {
			if (s.refusal(v, h) == null) {
				return "no host has room for it"; //$NON-NLS-1$
			}
		}
		return s.hostCount == 0 ? "there are no hosts" : s.refusal(v, 0); //$NON-NLS-1$
	}

	/** Rates every host for VM {@code v} (unplaced in {@code s}). */
	public static List<Rating> ratings(State s, Rules rules, int v) {
		s.move(v, -1);
		s.total();
		double hardBefore = s.hard;
		double softBefore = s.soft();
		double[] delta = new double[s.hostCount];
		String[] reason = new String[s.hostCount];
		double bestDelta = Double.MAX_VALUE;
		double worstDelta = -Double.MAX_VALUE;
		for (int h = 0; h < s.hostCount; h++) {
			reason[h] = s.refusal(v, h);
			if (reason[h] != null) {
				continue;
			}
			s.move(v, h);
			if (s.hard > hardBefore + 1e-9) {
				reason[h] = firstHardReason(s, rules, h);
			} else {
				delta[h] = s.soft() - softBefore;
				bestDelta = Math.min(bestDelta, delta[h]);
				worstDelta = Math.max(worstDelta, delta[h]);
			}
			s.move(v, -1);
		}
		List<Rating> ratings = new ArrayList<>(s.hostCount);
		for (int h = 0; h < s.hostCount; h++) {
			String id = s.hosts.get(h).id();
			if (reason[h] != null) {
				ratings.add(new Rating(id, 0, reason[h]));
				continue;
			}
			double stars = worstDelta - bestDelta < 1e-12 ? 5
					: 1 + 4 * (worstDelta - delta[h]) / (worstDelta - bestDelta);
			ratings.add(new Rating(id, Math.round(stars * 2) / 2.0, null));
		}
		return ratings;
	}

	private static String firstHardReason(State s, Rules rules, int h) {
		for (Plan.Violation violation : violations(s, rules, h)) {
			if (violation.hard()) {
				return violation.message();
			}
		}
		return "it would break a rule on " + s.hosts.get(h).name(); //$NON-NLS-1$
	}
}
