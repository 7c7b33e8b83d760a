package org.hostdeck.benchmarks.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Plan;

/** HostDeck's engine on a cloud-balancing instance: density mode, nothing placed yet. */
final class HostDeckCloud {

	private HostDeckCloud() {
	}

	static int[] solve(CloudInstance instance, Duration budget, long seed) {
		List<PlacementHost> hosts = new ArrayList<>();
		for (CloudInstance.Computer c : instance.computers()) {
			hosts.add(PlacementHost.of("c" + c.id(), c.cpu(), c.memory(), c.network(), 0, c.cost()));
		}
		List<PlacementVm> vms = new ArrayList<>();
		for (CloudInstance.Process p : instance.processes()) {
			vms.add(PlacementVm.of("p" + p.id(), p.cpu(), p.memory(), p.network(), 0));
		}
		PlacementProblem problem = new PlacementProblem(hosts, vms, PlacementSettings.DENSITY.withMigrationPenalty(0));
		Plan plan = new PlacementEngine().plan(problem, PlacementEngine.Options.of(budget).withSeed(seed));
		int[] assignment = new int[vms.size()];
		Map<String, String> at = plan.assignment();
		for (int p = 0; p < vms.size(); p++) {
			String host = at.get("p" + p);
			assignment[p] = host == null ? -1 : Integer.parseInt(host.substring(1));
		}
		return assignment;
	}
}
