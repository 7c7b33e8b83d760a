package org.hostdeck.core.operations;

import java.util.ArrayList;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;

/** Removes what an operation made on a host before it failed or was cancelled. */
public final class Leftovers {

	private Leftovers() {
	}

	/**
	 * Removes the VM {@code domain} (null: none defined yet; its disks are among {@code volumes})
	 * and {@code volumes} of {@code pool}.
	 *
	 * @return what could not be removed, as a sentence ("" when all went)
	 */
	public static String remove(IHostConnection connection, String pool, String domain, List<String> volumes) {
		return remove(null, null, null, connection, pool, domain, volumes);
	}

	/**
	 * Like {@link #remove(IHostConnection, String, String, List)}, and writes down in
	 * {@code service}'s {@link org.hostdeck.core.inventory.LeftoverLedger} each volume that could
	 * not be removed because the host was gone, so it is removed when the host is connected again.
	 *
	 * @param hostUri the host's URI
	 * @param label   the operation, as its task is called
	 */
	public static String remove(org.hostdeck.core.inventory.InventoryService service, String hostUri, String label, IHostConnection connection,
			String pool, String domain, List<String> volumes) {
		List<String> gone = new ArrayList<>();
		String said = removeAll(connection, pool, domain, volumes, gone);
		if (service == null || gone.isEmpty()) {
			return said;
		}
		for (String volume : gone) {
			service.leftovers().record(hostUri, pool, volume, label);
		}
		return said + " HostDeck removes " + (gone.size() == 1 ? "it" : "them") + " when the host is connected again."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** @param gone gets the volumes not removed because the host was not there */
	private static String removeAll(IHostConnection connection, String pool, String domain, List<String> volumes, List<String> gone) {
		if (connection == null) {
			gone.addAll(volumes);
			return volumes.isEmpty() ? "" : "Could not remove the volumes " + volumes + " (the host was not connected)."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		List<String> left = new ArrayList<>();
		if (domain != null) {
			try {
				connection.undefine(domain, false);
			} catch (DriverException e) {
				left.add("VM " + domain + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		for (String volume : volumes) {
			try {
				connection.deleteVolume(pool, volume);
			} catch (DriverException e) {
				left.add("volume " + volume + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (e.reason() == DriverException.Reason.CONNECTION_LOST || !connection.isAlive()) {
					gone.add(volume);
				}
			}
		}
		return left.isEmpty() ? "" : "Could not remove " + String.join(", ", left) + "."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
