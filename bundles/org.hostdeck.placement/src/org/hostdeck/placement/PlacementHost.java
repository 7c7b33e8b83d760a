package org.hostdeck.placement;

import java.util.Set;

/**
 * A host as placement sees it.
 *
 * @param id          unique key (the inventory's host URI, say)
 * @param name        what users call it
 * @param capacity    per {@link Resource}, indexed by ordinal: MHz (cores x clock), bytes, Mbit/s
 *                    (sum of the physical NICs), MB/s
 * @param nics        physical NICs (a host takes at most {@link PlacementSettings#maxNics()})
 * @param networks    the networks VMs can join on this host
 * @param zone        isolation zone; {@code null} for a host open to any zone
 * @param maintenance a host in maintenance takes no VMs
 * @param cost        what running the host costs (density mode keeps this low)
 */
public record PlacementHost(String id, String name, double[] capacity, int nics, Set<String> networks, String zone,
		boolean maintenance, double cost) {

	public PlacementHost {
		if (capacity.length != Resource.COUNT) {
			throw new IllegalArgumentException("capacity needs " + Resource.COUNT + " values, one per resource"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		networks = Set.copyOf(networks);
	}

	/** A host with only capacity and cost, as in cloud-balancing problems. */
	public static PlacementHost of(String id, double cpuMhz, double memory, double network, double disk, double cost) {
		return new PlacementHost(id, id, new double[] { cpuMhz, memory, network, disk }, 1, Set.of(), null, false, cost);
	}

	public double capacity(Resource r) {
		return capacity[r.ordinal()];
	}
}
