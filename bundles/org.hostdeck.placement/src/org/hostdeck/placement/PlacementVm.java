package org.hostdeck.placement;

import java.util.Set;

/**
 * A VM (or a physical server to be consolidated) as placement sees it.
 *
 * @param id          unique key (the VM's UUID, say)
 * @param name        what users call it
 * @param demand      per {@link Resource} ordinal: the steady demand, used for every hour when
 *                    there is no profile
 * @param profile     {@code null}, or per resource ordinal 24 hourly demands (a day's profile)
 * @param networks    networks it must be able to join
 * @param haGroup     {@code null}, or the HA group whose members must run on different hosts
 * @param zone        {@code null}, or the isolation zone: it never shares a host with another
 *                    zone's VMs and runs only on hosts of its zone or without one
 * @param pinnedHost  {@code null}, or the id of the only host it may run on
 * @param currentHost {@code null}, or the id of the host it runs on now (moving it costs)
 */
public record PlacementVm(String id, String name, double[] demand, double[][] profile, Set<String> networks, String haGroup,
		String zone, String pinnedHost, String currentHost) {

	public static final int HOURS = 24;

	public PlacementVm {
		if (demand.length != Resource.COUNT) {
			throw new IllegalArgumentException("demand needs " + Resource.COUNT + " values, one per resource"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (profile != null && (profile.length != Resource.COUNT
				|| java.util.Arrays.stream(profile).anyMatch(p -> p == null || p.length != HOURS))) {
			throw new IllegalArgumentException("a profile has " + HOURS + " hourly values for each resource"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		networks = Set.copyOf(networks);
	}

	/** A VM with only demands and no constraints, as in cloud-balancing problems. */
	public static PlacementVm of(String id, double cpuMhz, double memory, double network, double disk) {
		return new PlacementVm(id, id, new double[] { cpuMhz, memory, network, disk }, null, Set.of(), null, null, null,
				null);
	}

	/**
	 * The CPU a server consumes: processors x clock speed x utilization, e.g. 4 x 1,000 MHz x
	 * 40 % = 1,600 MHz.
	 */
	public static double consumedMhz(int processors, double mhz, double utilization) {
		return processors * mhz * utilization;
	}

	public double demand(Resource r) {
		return demand[r.ordinal()];
	}

	/** The demand of {@code r} at {@code hour} (0-23): the profile's, else the steady one. */
	public double demand(Resource r, int hour) {
		return profile == null ? demand[r.ordinal()] : profile[r.ordinal()][hour];
	}

	public PlacementVm withCurrentHost(String host) {
		return new PlacementVm(id, name, demand, profile, networks, haGroup, zone, pinnedHost, host);
	}
}
