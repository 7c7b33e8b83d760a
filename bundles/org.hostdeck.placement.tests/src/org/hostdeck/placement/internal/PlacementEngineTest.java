package org.hostdeck.placement.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hostdeck.placement.Plan;
import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Rating;
import org.junit.jupiter.api.Test;

/** The engine's rules, modes, moves, explanations and ratings on small problems a person can check by hand. */
class PlacementEngineTest {

	static final double GIB = 1L << 30;
	private static final PlacementEngine.Options QUICK = PlacementEngine.Options.of(Duration.ofSeconds(2)).withPatience(200_000);

	static PlacementHost host(String id, double ghz, double memGib, Set<String> networks, String zone, boolean maintenance) {
		return new PlacementHost(id, id, new double[] { ghz * 1000, memGib * GIB, 10_000, 0 }, 2, networks, zone, maintenance, 100);
	}

	static PlacementHost host(String id, double ghz, double memGib) {
		return host(id, ghz, memGib, Set.of("lan"), null, false);
	}

	static PlacementVm vm(String id, double ghz, double memGib, String current) {
		return new PlacementVm(id, id, new double[] { ghz * 1000, memGib * GIB, 10, 0 }, null, Set.of("lan"), null, null, null, current);
	}

	private static Plan plan(List<PlacementHost> hosts, List<PlacementVm> vms, PlacementSettings settings) {
		return new PlacementEngine().plan(new PlacementProblem(hosts, vms, settings), QUICK);
	}

	@Test
	void cpuIsProcessorsTimesClockTimesUtilization() {
		assertEquals(1600, PlacementVm.consumedMhz(4, 1000, 0.4), 1e-9);
	}

	@Test
	void memoryIsNeverOversubscribedAndAnOverloadedHostIsExplained() {
		List<PlacementHost> hosts = List.of(host("hv1", 20, 64), host("hv2", 20, 64));
		List<PlacementVm> vms = List.of(vm("a", 1, 40, "hv1"), vm("b", 1, 40, "hv1"));

		Plan now = new PlacementEngine().evaluate(new PlacementProblem(hosts, vms, PlacementSettings.BALANCE));
		assertFalse(now.feasible());
		assertEquals(List.of("Memory on hv1: 80.0 GiB wanted, 64.0 GiB available (125 %)"),
				now.violations().stream().filter(Plan.Violation::hard).map(Plan.Violation::message).toList());

		Plan plan = plan(hosts, vms, PlacementSettings.BALANCE);
		assertTrue(plan.feasible(), plan.violations().toString());
		assertNotEquals(plan.assignment().get("a"), plan.assignment().get("b"));
		assertEquals(1, plan.moves().size(), "one VM leaves hv1: " + plan.moves());
	}

	@Test
	void cpuMayBeOvercommittedOnlyAsFarAsTheSettingsSay() {
		List<PlacementHost> hosts = List.of(host("hv1", 10, 256));
		List<PlacementVm> vms = List.of(vm("a", 8, 1, "hv1"), vm("b", 8, 1, "hv1"));
		PlacementProblem strict = new PlacementProblem(hosts, vms, PlacementSettings.BALANCE);
		assertFalse(new PlacementEngine().evaluate(strict).feasible());
		PlacementProblem twoToOne = new PlacementProblem(hosts, vms, new PlacementSettings(PlacementSettings.Mode.BALANCE, 2.0, 1.0, 3, 0.02));
		assertTrue(new PlacementEngine().evaluate(twoToOne).feasible());
	}

	@Test
	void hardRulesDecideWhereVmsMayGo() {
		List<PlacementHost> hosts = List.of(host("hv1", 50, 256, Set.of("lan", "backup"), null, false),
				host("hv2", 50, 256, Set.of("lan"), null, false), host("hv3", 50, 256, Set.of("lan"), null, true),
				host("dmz1", 50, 256, Set.of("lan"), "dmz", false));
		List<PlacementVm> vms = List.of(
				new PlacementVm("sql-1", "sql-1", new double[] { 1000, GIB, 10, 0 }, null, Set.of("lan"), "sql", null, null, "hv1"),
				new PlacementVm("sql-2", "sql-2", new double[] { 1000, GIB, 10, 0 }, null, Set.of("lan"), "sql", null, null, "hv1"),
				new PlacementVm("backup", "backup", new double[] { 1000, GIB, 10, 0 }, null, Set.of("backup"), null, null, null, "hv2"),
				new PlacementVm("pinned", "pinned", new double[] { 1000, GIB, 10, 0 }, null, Set.of("lan"), null, null, "hv2", "hv1"),
				new PlacementVm("web", "web", new double[] { 1000, GIB, 10, 0 }, null, Set.of("lan"), null, "dmz", null, "hv3"),
				new PlacementVm("intranet", "intranet", new double[] { 1000, GIB, 10, 0 }, null, Set.of("lan"), null, "internal", null, "dmz1"));
		PlacementProblem problem = new PlacementProblem(hosts, vms, PlacementSettings.DENSITY);

		Set<String> broken = new PlacementEngine().evaluate(problem).violations().stream().filter(Plan.Violation::hard)
				.map(Plan.Violation::message).collect(Collectors.toSet());
		assertEquals(Set.of("HA group 'sql' has sql-1, sql-2 on one host, hv1: one host failure takes down the whole group.",
				"backup cannot run on hv2: hv2 lacks network 'backup' that backup needs.",
				"pinned cannot run on hv1: pinned is pinned to hv2.",
				"web cannot run on hv3: hv3 is in maintenance.",
				"intranet cannot run on dmz1: dmz1 is in zone dmz, intranet in zone internal."), broken);

		Plan plan = new PlacementEngine().plan(problem, QUICK);
		assertTrue(plan.feasible(), plan.violations().toString());
		Map<String, String> at = plan.assignment();
		assertNotEquals(at.get("sql-1"), at.get("sql-2"));
		assertEquals("hv1", at.get("backup"));
		assertEquals("hv2", at.get("pinned"));
		assertTrue(Set.of("hv1", "hv2").contains(at.get("intranet")));
		assertNotEquals(at.get("web"), at.get("intranet"), "zones dmz and internal never share a host");
		assertFalse(at.containsValue("hv3"), "nothing on the host in maintenance");
		assertEquals(Set.of("hv1", "hv2"), Set.copyOf(at.values()), "density: the two hosts the HA pair needs anyway");
	}

	@Test
	void densityUsesFewHostsAndBalanceSpreadsKeepingCoincidingPeaksApart() {
		List<PlacementHost> hosts = List.of(host("hv1", 20, 128), host("hv2", 20, 128));
		// two VMs busy in the morning, two in the evening; all fit on one host at their peaks
		List<PlacementVm> vms = List.of(peaking("morning-1", 9), peaking("morning-2", 9), peaking("evening-1", 21),
				peaking("evening-2", 21));

		Plan dense = plan(hosts, vms, PlacementSettings.DENSITY);
		assertEquals(1, Set.copyOf(dense.assignment().values()).size(), dense.assignment().toString());

		Plan balanced = plan(hosts, vms, PlacementSettings.BALANCE);
		Map<String, String> at = balanced.assignment();
		assertNotEquals(at.get("morning-1"), at.get("morning-2"), at.toString());
		assertNotEquals(at.get("evening-1"), at.get("evening-2"), at.toString());
		assertEquals(24, balanced.loads().get("hv1")[0].length, "loads per hour");
	}

	@Test
	void densityFromScratchBuysTheCheapestHostsAndPacksThemFull() {
		// the VMs need exactly 64 GHz and 384 GiB: one lean and one rich host cover that for 2,000;
		// any other choice costs more. They pack only one way: every 8 GiB VM on the lean host
		// (128 GiB), every 16 GiB VM on the rich one (256 GiB), each then full on both resources.
		List<PlacementHost> hosts = new java.util.ArrayList<>();
		hosts.add(priced("lean", 32, 128, 1000));
		hosts.add(priced("rich", 32, 256, 1000));
		for (int i = 0; i < 4; i++) {
			hosts.add(priced("small-" + i, 16, 128, 900)); // dear per GHz: four of them cost 3,600
			hosts.add(priced("big-" + i, 64, 512, 2500));
		}
		List<PlacementVm> vms = new java.util.ArrayList<>();
		for (int i = 0; i < 16; i++) {
			vms.add(vm("web-" + i, 2, 8, null));
			vms.add(vm("db-" + i, 2, 16, null));
		}
		Plan plan = plan(hosts, vms, PlacementSettings.DENSITY.withMigrationPenalty(0));
		assertTrue(plan.feasible(), plan.violations().toString());
		assertEquals(Set.of("lean", "rich"), Set.copyOf(plan.assignment().values()), plan.assignment().toString());
		for (int i = 0; i < 16; i++) {
			assertEquals("lean", plan.assignment().get("web-" + i));
			assertEquals("rich", plan.assignment().get("db-" + i));
		}
	}

	private static PlacementHost priced(String id, double ghz, double memGib, double cost) {
		return new PlacementHost(id, id, new double[] { ghz * 1000, memGib * GIB, 10_000, 0 }, 2, Set.of("lan"), null, false, cost);
	}

	private static PlacementVm peaking(String id, int hour) {
		double[][] profile = new double[4][24];
		for (int t = 0; t < 24; t++) {
			profile[0][t] = Math.abs(t - hour) <= 1 ? 4000 : 500;
			profile[1][t] = 8 * GIB;
			profile[2][t] = 10;
		}
		return new PlacementVm(id, id, new double[] { 4000, 8 * GIB, 10, 0 }, profile, Set.of("lan"), null, null, null, null);
	}

	@Test
	void aTinyGainDoesNotMoveAVmButAnImbalanceDoes() {
		List<PlacementHost> hosts = List.of(host("hv1", 20, 128), host("hv2", 20, 128));
		List<PlacementVm> nearlyEven = List.of(vm("a", 5, 8, "hv1"), vm("b", 5.2, 8, "hv2"), vm("c", 0.3, 1, "hv1"));
		assertEquals(List.of(), plan(hosts, nearlyEven, PlacementSettings.BALANCE).moves());

		List<PlacementVm> lopsided = List.of(vm("a", 8, 8, "hv1"), vm("b", 8, 8, "hv1"), vm("c", 0.3, 1, "hv2"));
		Plan plan = plan(hosts, lopsided, PlacementSettings.BALANCE);
		assertEquals(1, plan.moves().size(), plan.moves().toString());
		assertEquals("hv2", plan.moves().get(0).to());
	}

	@Test
	void whenEveryHostIsOverloadedTheOverloadIsSharedNotPiledOntoTheBiggestHost() {
		List<PlacementHost> hosts = List.of(host("small", 10, 256), host("big", 30, 256));
		List<PlacementVm> vms = new java.util.ArrayList<>();
		for (int i = 0; i < 30; i++) {
			vms.add(vm("vm" + i, 2, 1, "small")); // 60 GHz wanted, 40 GHz there
		}
		Plan plan = plan(hosts, vms, PlacementSettings.BALANCE);
		double small = plan.loads().get("small")[0][0] / 10_000;
		double big = plan.loads().get("big")[0][0] / 30_000;
		assertTrue(Math.abs(small - big) <= 0.25, "both about 150 %: small " + small + ", big " + big);
	}

	@Test
	void starRatingsGiveZeroWithTheReasonAndFiveToTheBestHost() {
		List<PlacementHost> hosts = List.of(host("busy", 20, 64), host("idle", 20, 64),
				host("no-backup-net", 20, 64, Set.of("lan"), null, false), host("full", 20, 8));
		List<PlacementVm> vms = List.of(vm("x", 15, 16, "busy"));
		PlacementVm fresh = new PlacementVm("new", "new", new double[] { 2000, 16 * GIB, 10, 0 }, null, Set.of("lan"), null, null, null, null);

		List<Rating> ratings = new PlacementEngine().ratings(new PlacementProblem(hosts, vms, PlacementSettings.BALANCE), fresh);
		Map<String, Rating> by = ratings.stream().collect(Collectors.toMap(Rating::host, r -> r));
		assertEquals(5, by.get("idle").stars());
		assertTrue(by.get("busy").stars() >= 1 && by.get("busy").stars() < 5, by.get("busy").toString());
		assertEquals(0, by.get("full").stars());
		assertEquals("Memory on full: 16.0 GiB wanted, 8.0 GiB available (200 %)", by.get("full").reason());

		PlacementEngine.Rater rater = new PlacementEngine().rater(new PlacementProblem(hosts, vms, PlacementSettings.BALANCE));
		assertEquals(ratings, rater.rate(fresh), "a prepared rater rates as the engine does");
		assertEquals(new PlacementEngine().ratings(new PlacementProblem(hosts, vms, PlacementSettings.BALANCE), vms.get(0)),
				rater.rate(vms.get(0)), "also for a VM of the placement");
		assertEquals(ratings, rater.rate(fresh), "and leaves the placement as it was");

		PlacementVm needsBackup = new PlacementVm("nb", "nb", new double[] { 1000, GIB, 10, 0 }, null, Set.of("backup"), null, null, null, null);
		List<Rating> none = new PlacementEngine().ratings(new PlacementProblem(hosts, vms, PlacementSettings.BALANCE), needsBackup);
		assertTrue(none.stream().allMatch(r -> r.stars() == 0), none.toString());
		assertEquals("no-backup-net lacks network 'backup' that nb needs",
				none.stream().filter(r -> r.host().equals("no-backup-net")).findFirst().get().reason());
	}

	@Test
	void aVmNoHostCanTakeIsReportedAndTheRestIsPlaced() {
		List<PlacementHost> hosts = List.of(host("hv1", 10, 16));
		List<PlacementVm> vms = List.of(vm("small", 1, 2, null), vm("huge", 1, 64, null));
		Plan plan = plan(hosts, vms, PlacementSettings.DENSITY);
		assertEquals("hv1", plan.assignment().get("small"));
		assertEquals(null, plan.assignment().get("huge"));
		assertTrue(plan.violations().stream().anyMatch(v -> v.message().equals("huge has no host: no host has room for it.")),
				plan.violations().toString());
		assertEquals(List.of(new Plan.Move("small", null, "hv1")), plan.moves());
	}

	@Test
	void theSameSeedGivesTheSamePlan() {
		List<PlacementHost> hosts = Arrays.asList(new PlacementHost[8]);
		for (int i = 0; i < 8; i++) {
			hosts.set(i, host("hv" + i, 16 + i, 64));
		}
		List<PlacementVm> vms = new java.util.ArrayList<>();
		for (int i = 0; i < 40; i++) {
			vms.add(vm("vm" + i, 0.5 + (i * 7 % 11) / 4.0, 1 + i % 9, null));
		}
		PlacementProblem problem = new PlacementProblem(hosts, vms, PlacementSettings.DENSITY);
		PlacementEngine.Options steps = PlacementEngine.Options.of(Duration.ofMinutes(1)).withPatience(50_000).withSeed(7);
		assertEquals(new PlacementEngine().plan(problem, steps).assignment(), new PlacementEngine().plan(problem, steps).assignment());
	}
}
