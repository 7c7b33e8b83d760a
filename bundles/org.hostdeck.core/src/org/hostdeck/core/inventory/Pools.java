package org.hostdeck.core.inventory;

import java.util.Comparator;
import java.util.Locale;

import org.hostdeck.model.Host;
import org.hostdeck.model.StoragePool;

/** Choices about a host's storage pools that the wizards and the command line make alike. */
public final class Pools {

	private Pools() {
	}

	/**
	 * The pool new disks go to unless the user says otherwise: an active one that is not an ISO
	 * library, with the most room. Read on the model's owner thread.
	 *
	 * @return its name, or {@code null} when the host has no active pool
	 */
	public static String best(Host host) {
		Comparator<StoragePool> order = Comparator.comparing((StoragePool p) -> !isoLibrary(p))
				.thenComparingLong(StoragePool::getAvailable);
		return host.getStoragePools().stream().filter(StoragePool::isActive).max(order).map(StoragePool::getName).orElse(null);
	}

	private static boolean isoLibrary(StoragePool pool) {
		return !pool.getVolumes().isEmpty()
				&& pool.getVolumes().stream().allMatch(v -> v.getName().toLowerCase(Locale.ROOT).endsWith(".iso")); //$NON-NLS-1$
	}
}
