package org.hostdeck.placement;

import java.util.List;
import java.util.Map;

/**
 * A placement rule a bundle contributes through the extension point
 * {@code org.hostdeck.placement.rules}. Rules look at one host at a time: the engine asks only
 * about the hosts a move changes and remembers every other host's answer, so a rule costs the same
 * whatever the size of the data centre. Whether the rule is hard (a plan must not break it) or soft
 * (a plan keeps it low), and its weight, come from its declaration.
 * <p>
 * A rule that throws, answers a negative, infinite or NaN penalty, or takes more than 50 ms for
 * one host is switched off for the plan with a message naming its bundle; planning goes on.
 */
public interface PlacementRule {

	/** Receives the declaration's {@code <parameter name value/>} elements before any other call. */
	default void configure(Map<String, String> parameters) {
	}

	/** @return 0 when {@code host} is fine as it is, else how badly it breaks the rule */
	double penalty(HostView host);

	/** @return sentences a user can act on, why {@code host} has a penalty (asked only then) */
	List<String> explain(HostView host);

	/** One host and the VMs a plan puts on it. */
	interface HostView {
		PlacementHost host();

		List<PlacementVm> vms();

		/** The summed demand of its VMs for {@code r} at {@code hour} (0-23). */
		double load(Resource r, int hour);
	}
}
