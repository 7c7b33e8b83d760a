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
		if (connection == null) {
			return volumes.isEmpty() ? "" : "Remove the volumes " + volumes + " by hand."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
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
			}
		}
		return left.isEmpty() ? "" : "Could not remove " + String.join(", ", left) + "."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
