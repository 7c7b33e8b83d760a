package org.hostdeck.ui.placement.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceSampler;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.extensions.ContributedRules;
import org.hostdeck.placement.inventory.InventoryPlacement;
import org.hostdeck.ui.HostRatings;
import org.hostdeck.ui.internal.InventoryHolder;

/**
 * Star ratings for the Migrate wizard (the way XenServer's WLB rates hosts in its Migrate menu):
 * the inventory read as a placement in balance mode with the contributed rules, then every host
 * rated for the VM as it is measured now (a shut-off VM by its profile or vCPUs).
 */
public class PlacementRatings implements HostRatings {

	@Override
	public Map<String, HostRatings.Rating> rate(VirtualMachine vm) {
		PerformanceSampler sampler = InventoryHolder.sampler();
		record Read(PlacementProblem problem, PlacementVm vm) {
		}
		Read read = InventoryHolder.get().query(i -> {
			PlacementProblem problem = InventoryPlacement.problem(i, v -> sampler.samples(v, Resolution.HOURS), PlacementSettings.BALANCE);
			PlacementVm own = problem.vms().stream().filter(p -> p.id().equals(vm.getUuid())).findFirst()
					.orElseGet(() -> InventoryPlacement.vm(vm, sampler.samples(vm, Resolution.HOURS)));
			return new Read(problem, own);
		});
		Map<String, HostRatings.Rating> ratings = new LinkedHashMap<>();
		// (the engine's Rating, not the inherited HostRatings.Rating)
		for (org.hostdeck.placement.Rating r : new PlacementEngine(ContributedRules.read().rules()).rater(read.problem()).rate(read.vm())) {
			ratings.put(r.host(), new HostRatings.Rating(r.stars(), r.reason() == null ? "" : r.reason())); //$NON-NLS-1$
		}
		return ratings;
	}
}
