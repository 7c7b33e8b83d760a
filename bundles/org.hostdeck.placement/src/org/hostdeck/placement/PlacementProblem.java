package org.hostdeck.placement;

import java.util.List;

/** Hosts, the VMs to place on them, and how to plan. */
public record PlacementProblem(List<PlacementHost> hosts, List<PlacementVm> vms, PlacementSettings settings) {

	public PlacementProblem {
		hosts = List.copyOf(hosts);
		vms = List.copyOf(vms);
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (PlacementHost h : hosts) {
			if (!ids.add(h.id())) {
				throw new IllegalArgumentException("Two hosts have the id '" + h.id() + "'."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		ids.clear();
		for (PlacementVm v : vms) {
			if (!ids.add(v.id())) {
				throw new IllegalArgumentException("Two VMs have the id '" + v.id() + "'."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
	}
}
