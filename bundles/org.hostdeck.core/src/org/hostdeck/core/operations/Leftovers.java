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
		List<String> left = new ArrayList<>();
		boolean vmLeft = false;
		if (domain != null && connection == null) {
			left.add("VM " + domain + " (the host was not connected)"); //$NON-NLS-1$ //$NON-NLS-2$
			vmLeft = true;
		} else if (domain != null) {
			try {
				connection.undefine(domain, false);
			} catch (DriverException e) {
				left.add("VM " + domain + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				vmLeft = e.reason() == DriverException.Reason.CONNECTION_LOST || !connection.isAlive();
			}
		}
		return removeVolumes(service, hostUri, label, connection, vmLeft ? domain : null,
				volumes.stream().map(v -> new DriverException.Volume(pool, v)).toList(), left);
	}

	/**
	 * Deletes {@code volumes} (each in its pool) on {@code connection} (null: the host is gone)
	 * and writes down in {@code service}'s {@link org.hostdeck.core.inventory.LeftoverLedger} (when
	 * not null) each one that could not go because the host was gone, so it goes when the host is
	 * connected again.
	 *
	 * @param hostUri the host's URI
	 * @param label   the operation, as its task is called
	 * @param left    what the caller could not remove already (e.g. "VM web (...)"); the volumes
	 *                that stay are added
	 * @return what could not be removed, as a sentence ("" when all went)
	 */
	public static String removeVolumes(org.hostdeck.core.inventory.InventoryService service, String hostUri, String label,
			IHostConnection connection, List<DriverException.Volume> volumes, List<String> left) {
		return removeVolumes(service, hostUri, label, connection, null, volumes, left);
	}

	/**
	 * Like {@link #removeVolumes(org.hostdeck.core.inventory.InventoryService, String, String, IHostConnection, List, List)},
	 * and writes down the VM {@code vmLeft} (a UUID; null: none) that the caller could not undefine
	 * because the host was gone, so it is undefined (when shut off) once the host is back.
	 */
	public static String removeVolumes(org.hostdeck.core.inventory.InventoryService service, String hostUri, String label,
			IHostConnection connection, String vmLeft, List<DriverException.Volume> volumes, List<String> left) {
		List<DriverException.Volume> gone = new ArrayList<>();
		String said;
		if (connection == null) {
			gone.addAll(volumes);
			List<String> names = volumes.stream().map(v -> volumes.stream().allMatch(o -> o.pool().equals(v.pool())) ? v.name() : v.pool() + "/" + v.name()).toList(); //$NON-NLS-1$
			said = volumes.isEmpty() ? "" : "Could not remove the volumes " + names + " (the host was not connected)."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			if (!left.isEmpty()) {
				said = ("Could not remove " + String.join(", ", left) + ". " + said).trim(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		} else {
			for (DriverException.Volume volume : volumes) {
				try {
					connection.deleteVolume(volume.pool(), volume.name());
				} catch (DriverException e) {
					left.add("volume " + volume.name() + " (" + e.getMessage() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					if (e.reason() == DriverException.Reason.CONNECTION_LOST || !connection.isAlive()) {
						gone.add(volume);
					}
				}
			}
			said = left.isEmpty() ? "" : "Could not remove " + String.join(", ", left) + "."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		int count = gone.size() + (vmLeft == null ? 0 : 1);
		if (service == null || count == 0) {
			return said;
		}
		if (vmLeft != null) {
			service.leftovers().recordVm(hostUri, vmLeft, label);
		}
		for (DriverException.Volume volume : gone) {
			service.leftovers().record(hostUri, volume.pool(), volume.name(), label);
		}
		return said + " HostDeck removes " + (count == 1 ? "it" : "them") + " when the host is connected again."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}
}
