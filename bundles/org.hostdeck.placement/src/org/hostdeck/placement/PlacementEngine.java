package org.hostdeck.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.hostdeck.placement.internal.Explainer;
import org.hostdeck.placement.internal.Rules;
import org.hostdeck.placement.internal.Search;
import org.hostdeck.placement.internal.State;

/**
 * Plans which VMs share which host: the built-in hard rules (capacity per resource and hour, CPU
 * overcommit as configured, memory never oversubscribed by default, required networks, isolation
 * zones, HA anti-affinity, pinned VMs, hosts in maintenance), the mode's soft rule (balance or
 * density), a penalty per migration, and any contributed {@link PlacementRule}s.
 * <p>
 * Pure Java: no OSGi, no Eclipse, no UI; {@code ContributedRules} reads the extension point in
 * the workbench.
 */
public final class PlacementEngine {

	private final List<RuleDescriptor> rules;

	public PlacementEngine(List<RuleDescriptor> rules) {
		this.rules = List.copyOf(rules);
	}

	/** An engine with the built-in rules only. */
	public PlacementEngine() {
		this(List.of());
	}

	/**
	 * @param budget    longest time to search
	 * @param patience  steps without a better placement after which the search ends early
	 * @param seed      the same seed gives the same plan
	 * @param cancelled polled while planning; the best plan so far is returned
	 * @param progress  receives 0..1 as the budget is used
	 */
	public record Options(Duration budget, long patience, long seed, BooleanSupplier cancelled, DoubleConsumer progress) {

		public static Options of(Duration budget) {
			return new Options(budget, Long.MAX_VALUE, 42, () -> false, p -> {
			});
		}

		public Options withPatience(long steps) {
			return new Options(budget, steps, seed, cancelled, progress);
		}

		public Options withSeed(long s) {
			return new Options(budget, patience, s, cancelled, progress);
		}

		public Options withCancel(BooleanSupplier c, DoubleConsumer p) {
			return new Options(budget, patience, seed, c, p);
		}
	}

	/**
	 * Plans from the current placement: VMs without a host are placed, then everything may move
	 * where the score gains more than the migration penalty.
	 */
	public Plan plan(PlacementProblem problem, Options options) {
		long deadline = System.nanoTime() + options.budget().toNanos();
		Rules guarded = new Rules(rules);
		State state = new State(problem, guarded);
		if (!rules.isEmpty()) {
			guarded.probe(state, 50);
			state.rescoreAll();
		}
		state.startFromCurrent();
		Search search = new Search(state, options.seed());
		search.construct(deadline, options.cancelled());
		search.improve(deadline, options.patience(), options.cancelled(), options.progress(), guarded);
		options.progress().accept(1.0);
		return Explainer.plan(state, guarded);
	}

	/** The current placement as it is, scored and explained (no search). */
	public Plan evaluate(PlacementProblem problem) {
		Rules guarded = new Rules(rules);
		State state = new State(problem, guarded);
		state.startFromCurrent();
		return Explainer.plan(state, guarded);
	}

	/**
	 * Rates every host for {@code vm} (a new VM, or one of the problem's to move): 0 stars where
	 * it cannot go, with the reason; else 1 to 5, five for the host where it costs least (for a
	 * VM that runs already, leaving its host costs the migration penalty).
	 */
	public List<Rating> ratings(PlacementProblem problem, PlacementVm vm) {
		List<PlacementVm> vms = new ArrayList<>(problem.vms().size() + 1);
		int index = -1;
		for (PlacementVm v : problem.vms()) {
			if (v.id().equals(vm.id())) {
				index = vms.size();
				vms.add(vm.withCurrentHost(v.currentHost()));
			} else {
				vms.add(v);
			}
		}
		if (index < 0) {
			index = vms.size();
			vms.add(vm.withCurrentHost(null));
		}
		Rules guarded = new Rules(rules);
		State state = new State(new PlacementProblem(problem.hosts(), vms, problem.settings()), guarded);
		state.startFromCurrent();
		return Explainer.ratings(state, guarded, index);
	}

	/**
	 * Prepares to rate hosts for many VMs against one placement, as the Install and Migrate
	 * wizards do: the placement is read once, each rating then only tries the VM on every host.
	 */
	public Rater rater(PlacementProblem problem) {
		return new Rater(problem);
	}

	/** Rates hosts for VMs against one prepared placement; not thread-safe. */
	public final class Rater {

		private static final String PROBE = "org.hostdeck.placement.probe"; //$NON-NLS-1$

		private final PlacementProblem problem;
		private final State state;
		private final Rules guarded = new Rules(rules);
		private final int probe;

		private Rater(PlacementProblem problem) {
			this.problem = problem;
			List<PlacementVm> vms = new ArrayList<>(problem.vms());
			vms.add(new PlacementVm(PROBE, PROBE, new double[Resource.COUNT], null, java.util.Set.of(), null, null, null, null));
			state = new State(new PlacementProblem(problem.hosts(), vms, problem.settings()), guarded);
			state.startFromCurrent();
			probe = vms.size() - 1;
		}

		/** 0-5 stars per host for {@code vm}, a new VM or one of the placement's own to move. */
		public List<Rating> rate(PlacementVm vm) {
			int own = -1;
			for (int v = 0; v < probe && own < 0; v++) {
				if (problem.vms().get(v).id().equals(vm.id())) {
					own = v;
				}
			}
			if (own < 0 && state.setVm(probe, vm.withCurrentHost(null))) {
				return Explainer.ratings(state, guarded, probe);
			}
			if (own >= 0) {
				int at = state.hostOf(own);
				List<Rating> rated = Explainer.ratings(state, guarded, own);
				state.move(own, at);
				return rated;
			}
			return ratings(problem, vm); // a VM with networks, zone or group the placement does not know
		}
	}
}
