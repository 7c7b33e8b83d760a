package org.hostdeck.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.operations.MigrateVmOperation;
import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.Plan;
import org.hostdeck.placement.extensions.ContributedRules;
import org.hostdeck.placement.inventory.InventoryPlacement;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostdeck place}: plans where the VMs should run (the placement engine with every rule
 * bundles contribute) and, with {@code --apply}, carries the moves out one after another.
 */
@Command(name = "place", description = { "Plan where VMs should run: balance the load, or pack them densely onto few hosts.",
		"Prints the rules broken now and the planned moves; --apply migrates the VMs (stops at the first failure)." })
final class PlaceCommand extends CliCommand {

	/** The two goals a plan can have. */
	enum Goal {
		balance, density
	}

	@Option(names = "--mode", defaultValue = "balance", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	Goal mode;

	@Option(names = "--apply", description = "Carry the planned moves out (live migrations; offline moves for shut-off VMs).")
	boolean apply;

	@Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "10", description = "How long to search (default: ${DEFAULT-VALUE}).")
	int budget;

	@Option(names = "--cpu-overcommit", defaultValue = "1.0", description = "vCPU MHz per physical MHz allowed (default: ${DEFAULT-VALUE}).")
	double cpuOvercommit;

	/** A move as printed: names, not ids. */
	record MoveRow(String vm, String from, String to) {
	}

	/** A broken rule as printed. */
	record ViolationRow(String rule, String host, boolean hard, String message) {
	}

	/** What {@code --json} prints. */
	record Result(String mode, List<ViolationRow> now, List<ViolationRow> planned, List<MoveRow> moves, List<String> disabled,
			int applied) {
	}

	@Override
	int run() throws CliException {
		if (budget < 1 || budget > 3600) {
			throw CliException.badInput("--budget must be 1 to 3600 seconds."); //$NON-NLS-1$
		}
		if (!(cpuOvercommit >= 1 && cpuOvercommit <= 16)) {
			throw CliException.badInput("--cpu-overcommit must be 1 to 16."); //$NON-NLS-1$
		}
		session.connect(session.service().query(i -> List.copyOf(i.getHosts())));
		PlacementSettings base = mode == Goal.density ? PlacementSettings.DENSITY : PlacementSettings.BALANCE;
		PlacementSettings settings = new PlacementSettings(base.mode(), cpuOvercommit, base.memoryOvercommit(), base.maxNics(),
				base.migrationPenalty());
		PlacementProblem problem = session.service().query(i -> InventoryPlacement.problem(i, vm -> List.of(), settings));
		if (problem.hosts().isEmpty()) {
			throw new CliException(ExitCodes.FAILED, "No connected host to plan for: `hostdeck hosts` shows why."); //$NON-NLS-1$
		}
		PlacementEngine engine = new PlacementEngine(ContributedRules.read().rules());
		Plan now = engine.evaluate(problem);
		Plan[] planned = new Plan[1];
		int code = session.run("Plan placement (" + mode + ")", "placement", () -> null, monitor -> { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			SubMonitor progress = SubMonitor.convert(monitor, "Planning (" + mode + ", " + budget + " s)", 1000); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			int[] done = { 0 };
			planned[0] = engine.plan(problem, PlacementEngine.Options.of(Duration.ofSeconds(budget)).withCancel(monitor::isCanceled, p -> {
				int target = (int) (p * 1000);
				if (target > done[0]) {
					progress.worked(target - done[0]);
					done[0] = target;
				}
			}));
			return monitor.isCanceled() ? org.eclipse.core.runtime.Status.CANCEL_STATUS : org.eclipse.core.runtime.Status.OK_STATUS;
		});
		if (code != ExitCodes.OK) {
			return code;
		}
		Plan plan = planned[0];
		Map<String, String> names = new HashMap<>();
		problem.hosts().forEach(h -> names.put(h.id(), h.name()));
		problem.vms().forEach(v -> names.put(v.id(), v.name()));
		List<Plan.Move> real = plan.moves().stream().filter(m -> m.from() != null && m.to() != null && !m.from().equals(m.to())).toList();
		List<MoveRow> moves = real.stream().map(m -> new MoveRow(names.getOrDefault(m.vm(), m.vm()), names.getOrDefault(m.from(), m.from()),
				names.getOrDefault(m.to(), m.to()))).toList();
		int applied = 0;
		int outcome = ExitCodes.OK;
		if (apply) {
			for (Plan.Move move : real) {
				int one = applyOne(move, names);
				if (one != ExitCodes.OK) {
					session.err.println("hostdeck: stopped after " + applied + " of " + real.size() + " moves."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					outcome = one;
					break;
				}
				applied++;
			}
		}
		Result result = new Result(mode.name(), rows(now, names), rows(plan, names), moves, plan.disabled(), applied);
		if (session.json) {
			Output.json(session.out, result);
		} else {
			print(result, plan);
		}
		return outcome;
	}

	private int applyOne(Plan.Move move, Map<String, String> names) {
		MigrateVmOperation op;
		try {
			op = MigrateVmOperation.planned(session.service(), move.vm(), move.from(), move.to());
		} catch (DriverException e) {
			session.err.println("hostdeck: " + e.getMessage()); //$NON-NLS-1$
			return ExitCodes.FAILED;
		}
		if (op == null) {
			session.err.println("hostdeck: " + names.getOrDefault(move.vm(), move.vm()) + " or " + names.getOrDefault(move.to(), move.to()) //$NON-NLS-1$ //$NON-NLS-2$
					+ " is gone since the plan was made."); //$NON-NLS-1$
			return ExitCodes.NOT_FOUND;
		}
		List<String> problems = op.precheck();
		if (!problems.isEmpty()) {
			String label = op.label();
			return session.report(label, org.eclipse.core.runtime.Status.error(label + " refused: " + String.join(" ", problems))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return session.run(op.label(), session.target(op.vm()), move::vm, op::execute);
	}

	private static List<ViolationRow> rows(Plan plan, Map<String, String> names) {
		return plan.violations().stream()
				.map(v -> new ViolationRow(v.rule(), names.getOrDefault(v.host(), v.host()), v.hard(), v.message())).toList();
	}

	private void print(Result result, Plan plan) {
		long hardNow = result.now().stream().filter(ViolationRow::hard).count();
		long hardPlanned = result.planned().stream().filter(ViolationRow::hard).count();
		session.out.println("Now: " + hardNow + " hard and " + (result.now().size() - hardNow) + " soft rules broken."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		session.out.println("Plan (" + result.mode() + "): " + result.moves().size() + " moves; then " + hardPlanned + " hard and " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ (result.planned().size() - hardPlanned) + " soft rules broken" + (plan.feasible() ? "." : " (no plan keeps every hard rule).")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (!result.moves().isEmpty()) {
			List<List<String>> cells = new ArrayList<>();
			result.moves().forEach(m -> cells.add(List.of(m.vm(), m.from(), m.to())));
			Output.table(session.out, List.of("VM", "FROM", "TO"), cells); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (!result.planned().isEmpty()) {
			List<List<String>> cells = new ArrayList<>();
			result.planned().forEach(v -> cells.add(List.of(v.hard() ? "hard" : "soft", v.host(), v.message()))); //$NON-NLS-1$ //$NON-NLS-2$
			Output.table(session.out, List.of("RULE", "HOST", "AFTER THE PLAN"), cells); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		result.disabled().forEach(d -> session.err.println("hostdeck: rule switched off: " + d)); //$NON-NLS-1$
		if (apply) {
			session.out.println("Applied " + result.applied() + " of " + result.moves().size() + " moves."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}
}
