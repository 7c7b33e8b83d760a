package org.hostdeck.placement;

/**
 * How to plan.
 *
 * @param mode              balance (lowest peaks, coinciding peaks kept apart) or density (fewest
 *                          and cheapest hosts)
 * @param cpuOvercommit     how far CPU demand may exceed a host's MHz (1.0: not at all)
 * @param memoryOvercommit  the same for memory (1.0, the default: never oversubscribed)
 * @param maxNics           physical NICs a host may have (three, as on a Xen host)
 * @param migrationPenalty  what moving one VM away from its current host costs, as a share of one
 *                          fully loaded resource of one host (balance) or of the mean host cost
 *                          (density): a plan never moves VMs for gains smaller than this
 */
public record PlacementSettings(Mode mode, double cpuOvercommit, double memoryOvercommit, int maxNics,
		double migrationPenalty) {

	public enum Mode {
		BALANCE, DENSITY
	}

	public static final PlacementSettings BALANCE = new PlacementSettings(Mode.BALANCE, 1.0, 1.0, 3, 0.02);
	public static final PlacementSettings DENSITY = new PlacementSettings(Mode.DENSITY, 1.0, 1.0, 3, 0.02);

	public PlacementSettings {
		if (cpuOvercommit < 1.0 || memoryOvercommit < 1.0) {
			throw new IllegalArgumentException("An overcommit ratio is 1.0 (none) or more."); //$NON-NLS-1$
		}
		if (migrationPenalty < 0) {
			throw new IllegalArgumentException("The migration penalty cannot be negative."); //$NON-NLS-1$
		}
	}

	public PlacementSettings withMode(Mode m) {
		return new PlacementSettings(m, cpuOvercommit, memoryOvercommit, maxNics, migrationPenalty);
	}

	public PlacementSettings withMigrationPenalty(double penalty) {
		return new PlacementSettings(mode, cpuOvercommit, memoryOvercommit, maxNics, penalty);
	}
}
