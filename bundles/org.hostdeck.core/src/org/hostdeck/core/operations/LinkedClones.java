package org.hostdeck.core.operations;

import java.util.ArrayList;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;

/**
 * The linked clones of a VM: volumes on its host that are overlays of its disks. While one
 * exists the VM's disks must not change: it is not started and its disks are not deleted.
 */
public final class LinkedClones {

	private LinkedClones() {
	}

	/** The image paths of {@code vm}'s disks (not CD-ROMs). Read on the model's owner thread. */
	public static List<String> diskPaths(VirtualMachine vm) {
		return vm.getDisks().stream().filter(d -> !d.isCdrom()).map(VirtualDisk::getPath).filter(p -> p != null && !p.isEmpty()).toList();
	}

	/** @return the names of the volumes on {@code connection}'s host that are overlays of one of {@code paths} */
	public static List<String> of(IHostConnection connection, List<String> paths) throws DriverException {
		List<String> overlays = new ArrayList<>();
		if (paths.isEmpty()) {
			return overlays;
		}
		for (PoolInfo pool : connection.pools()) {
			for (PoolInfo.VolumeInfo volume : pool.volumes()) {
				if (volume.backing() != null && paths.contains(volume.backing())) {
					overlays.add(volume.name());
				}
			}
		}
		return overlays;
	}

	/**
	 * @return why {@code vm} must stay as it is ({@code doing} it would change the disks its linked
	 *         clones read through), or {@code null} when it has none
	 */
	static String refusal(IHostConnection connection, String vmName, List<String> paths, String doing) throws DriverException {
		List<String> overlays = of(connection, paths);
		return overlays.isEmpty() ? null
				: vmName + " is the base of linked clones (volumes " + String.join(", ", overlays) + "): " + doing //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " would change the disks they read through. Delete the clones first, or make full clones instead."; //$NON-NLS-1$
	}
}
