package org.hostdeck.benchmarks.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicType;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * Timefold Solver on the same instance, modelled the way its users model cloud balancing: the
 * process's computer is the planning variable, capacity per resource is hard, the cost of every
 * computer in use is soft. Configured as its documentation advises for bin packing: first fit
 * decreasing (bigger tasks first, onto stronger machines) as construction heuristic, then its
 * default local search; single-threaded (its default), ended by the same time budget.
 */
final class TimefoldCloud {

	private TimefoldCloud() {
	}

	public static final class Machine {
		@PlanningId
		public Integer id;
		public int cpu;
		public int memory;
		public int network;
		public long cost;

		public Machine() {
		}

		Machine(CloudInstance.Computer c) {
			id = c.id();
			cpu = c.cpu();
			memory = c.memory();
			network = c.network();
			cost = c.cost();
		}
	}

	/** Bigger tasks are harder to place: they go first in first-fit-decreasing. */
	public static final class Difficulty implements java.util.Comparator<Task> {
		@Override
		public int compare(Task a, Task b) {
			return Long.compare((long) a.cpu * a.memory * a.network, (long) b.cpu * b.memory * b.network);
		}
	}

	/** Bigger machines are stronger. */
	public static final class Strength implements java.util.Comparator<Machine> {
		@Override
		public int compare(Machine a, Machine b) {
			return Long.compare((long) a.cpu * a.memory * a.network, (long) b.cpu * b.memory * b.network);
		}
	}

	@PlanningEntity(difficultyComparatorClass = Difficulty.class)
	public static final class Task {
		@PlanningId
		public Integer id;
		public int cpu;
		public int memory;
		public int network;
		@PlanningVariable(strengthComparatorClass = Strength.class)
		public Machine machine;

		public Task() {
		}

		Task(CloudInstance.Process p) {
			id = p.id();
			cpu = p.cpu();
			memory = p.memory();
			network = p.network();
		}
	}

	@PlanningSolution
	public static final class Schedule {
		@ProblemFactCollectionProperty
		@ValueRangeProvider
		public List<Machine> machines;
		@PlanningEntityCollectionProperty
		public List<Task> tasks;
		@PlanningScore
		public HardSoftLongScore score;

		public Schedule() {
		}
	}

	public static final class Constraints implements ConstraintProvider {
		@Override
		public Constraint[] defineConstraints(ConstraintFactory factory) {
			return new Constraint[] {
					factory.forEach(Task.class).groupBy(t -> t.machine, ConstraintCollectors.sum(t -> t.cpu))
							.filter((m, used) -> used > m.cpu)
							.penalizeLong(HardSoftLongScore.ONE_HARD, (m, used) -> used - m.cpu).asConstraint("cpu"),
					factory.forEach(Task.class).groupBy(t -> t.machine, ConstraintCollectors.sum(t -> t.memory))
							.filter((m, used) -> used > m.memory)
							.penalizeLong(HardSoftLongScore.ONE_HARD, (m, used) -> used - m.memory).asConstraint("memory"),
					factory.forEach(Task.class).groupBy(t -> t.machine, ConstraintCollectors.sum(t -> t.network))
							.filter((m, used) -> used > m.network)
							.penalizeLong(HardSoftLongScore.ONE_HARD, (m, used) -> used - m.network).asConstraint("network"),
					factory.forEach(Machine.class).ifExists(Task.class, Joiners.equal(m -> m, t -> t.machine))
							.penalizeLong(HardSoftLongScore.ONE_SOFT, m -> m.cost).asConstraint("cost") };
		}
	}

	static int[] solve(CloudInstance instance, Duration budget, long seed) {
		Schedule problem = new Schedule();
		problem.machines = new ArrayList<>();
		for (CloudInstance.Computer c : instance.computers()) {
			problem.machines.add(new Machine(c));
		}
		problem.tasks = new ArrayList<>();
		for (CloudInstance.Process p : instance.processes()) {
			problem.tasks.add(new Task(p));
		}
		SolverConfig config = new SolverConfig().withSolutionClass(Schedule.class).withEntityClasses(Task.class)
				.withConstraintProviderClass(Constraints.class).withTerminationSpentLimit(budget).withRandomSeed(seed)
				.withPhases(new ConstructionHeuristicPhaseConfig().withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT_DECREASING),
						new LocalSearchPhaseConfig());
		Schedule solved = SolverFactory.<Schedule>create(config).buildSolver().solve(problem);
		int[] assignment = new int[solved.tasks.size()];
		for (Task t : solved.tasks) {
			assignment[t.id] = t.machine == null ? -1 : t.machine.id;
		}
		return assignment;
	}
}
