package org.hostdeck.placement;

import java.util.List;
import java.util.Map;

/**
 * What the engine proposes.
 *
 * @param assignment  VM id to host id ({@code null} host: no host can take the VM)
 * @param loads       host id to load per resource ordinal and hour ([resource][hour]; one hour
 *                    when no VM has a profile)
 * @param moves       what to migrate from the current placement, in the order to do it
 * @param violations  every broken rule, with a sentence a user can read
 * @param hard        sum of hard-rule breaches (0: the plan keeps every hard rule)
 * @param soft        the mode's cost plus the migration penalties
 * @param disabled    rules switched off while planning, each with why and its bundle
 */
public record Plan(Map<String, String> assignment, Map<String, double[][]> loads, List<Move> moves,
		List<Violation> violations, double hard, double soft, List<String> disabled) {

	/** Move {@code vm} from host {@code from} (null: not placed yet) to host {@code to}. */
	public record Move(String vm, String from, String to) {
	}

	/**
	 * @param rule    the rule's id ({@code capacity.cpu}, {@code ha}, or a contributed rule's)
	 * @param host    the host where it is broken
	 * @param hard    whether a plan must not break it
	 * @param message what is wrong and on what
	 */
	public record Violation(String rule, String host, boolean hard, String message) {
	}

	public boolean feasible() {
		return hard == 0;
	}
}
