package org.hostdeck.core.archive;

import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.util.Sizes;

/** The pre-checks an import of either kind makes on its target host: memory, the pool and its room, the networks. */
final class TargetChecks {

	private TargetChecks() {
	}

	/** Adds to {@code problems} that {@code name} needs more memory ({@code need}) than {@code host} has in all ({@code total}; 0: unknown). */
	static void memory(String host, String name, long need, long total, List<String> problems) {
		if (total > 0 && need > total) {
			problems.add("Memory: " + name + " needs " + Sizes.format(need) + " to start; " + host + " has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ Sizes.format(total) + " in all. Choose a bigger host."); //$NON-NLS-1$
		}
	}

	/**
	 * Adds to {@code problems} what stands in the way of putting {@code name}'s disks, as
	 * {@code volumes} of {@code need} bytes in all, into {@code poolName} on {@code host}, and its
	 * NICs on {@code networks} (the target's names, mapped already).
	 *
	 * @param volumesMayExist the volumes are this import's own from a cut-off run (resumed)
	 * @param otherName       what to do about a volume name taken, e.g. "Import it under another name"
	 */
	static void check(IHostConnection connection, String host, String name, String poolName, List<String> volumes,
			boolean volumesMayExist, long need, List<String> networks, String otherName, List<String> problems) {
		try {
			PoolInfo pool = connection.pools().stream().filter(p -> p.name().equals(poolName)).findFirst().orElse(null);
			if (pool == null || !pool.active()) {
				problems.add("Storage: " + host + " has no " + (pool == null ? "" : "active ") + "pool '" + poolName //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
						+ "'. Choose one of its pools."); //$NON-NLS-1$
			} else {
				for (String volume : volumes) {
					if (!volumesMayExist && pool.volumes().stream().anyMatch(v -> v.name().equals(volume))) {
						problems.add("Storage: pool '" + pool.name() + "' on " + host + " has a volume '" + volume //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
								+ "' already. " + otherName + ", or delete the volume."); //$NON-NLS-1$ //$NON-NLS-2$
					}
				}
				if (need > pool.available()) {
					problems.add("Storage: the disks of " + name + " need " + Sizes.format(need) + "; pool '" + pool.name() + "' on " + host //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							+ " has " + Sizes.format(pool.available()) + " free. Choose a bigger pool or free space there."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			List<NetworkInfo> present = connection.networks();
			for (String network : networks) {
				if (present.stream().noneMatch(n -> n.name().equals(network))) {
					problems.add("Network: " + name + " needs network '" + network + "'; " + host //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ (present.isEmpty() ? " has none" : " has " + String.join(", ", present.stream().map(NetworkInfo::name).toList())) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ ". Map it to one of them."); //$NON-NLS-1$
				}
			}
		} catch (DriverException e) {
			problems.add(e.getMessage());
		}
	}
}
