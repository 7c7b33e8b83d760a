package org.hostdeck.placement.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.hostdeck.placement.Plan;
import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.RuleDescriptor;
import org.hostdeck.placement.extensions.ContributedRules;
import org.junit.jupiter.api.Test;

/**
 * Rules from other bundles: the example bundle's rule, installed beside the engine and found
 * through the extension registry, changes the plan; rules that misbehave are switched off with a
 * message naming their bundle, and planning goes on.
 */
class ContributedRulesTest {

	private static final PlacementEngine.Options QUICK = PlacementEngine.Options.of(Duration.ofSeconds(2)).withPatience(100_000);

	/** Two VMs whose nightly backups stream at 02:00; one host holds both easily. */
	private static PlacementProblem backups() {
		List<PlacementHost> hosts = List.of(PlacementEngineTest.host("hv1", 40, 256), PlacementEngineTest.host("hv2", 40, 256));
		return new PlacementProblem(hosts, List.of(nightlyBackup("files"), nightlyBackup("mail")), PlacementSettings.DENSITY);
	}

	private static PlacementVm nightlyBackup(String id) {
		double[][] profile = new double[4][24];
		for (int t = 0; t < 24; t++) {
			profile[0][t] = 1000;
			profile[1][t] = 4 * PlacementEngineTest.GIB;
			profile[2][t] = t == 2 ? 800 : 20;
		}
		return new PlacementVm(id, id, new double[] { 1000, 4 * PlacementEngineTest.GIB, 800, 0 }, profile, Set.of("lan"), null, null,
				null, null);
	}

	@Test
	void theExampleBundlesRuleIsFoundInTheRegistryAndChangesThePlan() {
		ContributedRules contributed = ContributedRules.read();
		assertEquals(List.of(), contributed.problems());
		RuleDescriptor backup = contributed.rules().stream().filter(r -> r.id().equals("org.hostdeck.examples.placement.backupWindows"))
				.findFirst().orElseThrow(() -> new AssertionError("the example bundle's rule is not registered: " + contributed.rules()));
		assertEquals("org.hostdeck.examples.placement", backup.bundle());
		assertTrue(backup.hard());

		Plan without = new PlacementEngine().plan(backups(), QUICK);
		assertEquals(without.assignment().get("files"), without.assignment().get("mail"), "density packs both on one host");

		Plan with = new PlacementEngine(contributed.rules()).plan(backups(), QUICK);
		assertTrue(with.feasible(), with.violations().toString());
		assertEquals(List.of(), with.disabled(), "no rule switched off");
		assertNotEquals(with.assignment().get("files"), with.assignment().get("mail"), "their backups no longer overlap");

		Plan explained = new PlacementEngine(contributed.rules()).evaluate(new PlacementProblem(backups().hosts(),
				backups().vms().stream().map(v -> v.withCurrentHost("hv1")).toList(), PlacementSettings.DENSITY));
		assertTrue(explained.violations().stream().anyMatch(v -> v.rule().equals(backup.id())
				&& v.message().equals("Backup windows: the backups of files, mail overlap at 02:00 on hv1; move one VM or its backup.")),
				explained.violations().toString());
	}

	private static RuleDescriptor rule(String id, PlacementRule rule) {
		return new RuleDescriptor(id, id, "com.example.bad", true, 1, rule);
	}

	private interface Penalty {
		double of(PlacementRule.HostView host);
	}

	private static PlacementRule answering(Penalty penalty) {
		return new PlacementRule() {
			@Override
			public double penalty(HostView host) {
				return penalty.of(host);
			}

			@Override
			public List<String> explain(HostView host) {
				return List.of("always");
			}
		};
	}

	@Test
	void rulesThatThrowAnswerNonsenseOrTakeTooLongAreSwitchedOffAndPlanningGoesOn() {
		List<RuleDescriptor> bad = List.of(rule("throws", answering(h -> {
			throw new IllegalStateException("boom");
		})), rule("nan", answering(h -> Double.NaN)), rule("negative", answering(h -> -1)), rule("slow", answering(h -> {
			// a rule that thinks for 80 ms of its thread's CPU per host: the fault itself, on a busy machine too
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			long end = threads.getCurrentThreadCpuTime() + 80_000_000L;
			while (threads.getCurrentThreadCpuTime() < end) {
				Thread.onSpinWait();
			}
			return 0;
		})));
		Plan plan = new PlacementEngine(bad).plan(backups(), QUICK);
		assertEquals(2, plan.assignment().values().stream().filter(h -> h != null).count(), "planned regardless");
		assertEquals(4, plan.disabled().size(), plan.disabled().toString());
		assertTrue(plan.disabled().stream().allMatch(m -> m.contains("of bundle com.example.bad") && m.endsWith("it was switched off for this plan.")),
				plan.disabled().toString());
		assertTrue(plan.disabled().stream().anyMatch(m -> m.contains("'throws'") && m.contains("java.lang.IllegalStateException: boom")));
		assertTrue(plan.disabled().stream().anyMatch(m -> m.contains("'nan'") && m.contains("answered the penalty NaN")));
		assertTrue(plan.disabled().stream().anyMatch(m -> m.contains("'slow'") && m.contains("at most 50 ms allowed")));
	}
}
