package org.hostdeck.core.driver;

import java.util.List;
import java.util.Map;

/**
 * How an exported definition becomes a VM on its new host.
 *
 * @param name         the VM's name there
 * @param keepIdentity same UUID and MACs (moving a VM); {@code false}: the host makes new ones (a copy, a template)
 * @param diskPaths    a disk's old image path to its new one; CD-ROMs not in the map come out empty
 * @param networks     an old network name to the target's; names not in the map stay
 * @param diskFormats  a disk's old image path to the format of its new image, where it changes
 *                     (a linked clone's overlay is qcow2 whatever its base is)
 * @param description  the VM's new description; {@code null} keeps the exported one
 * @param nicNetworks  the network of each NIC in order, after {@code networks} is applied ({@code null}
 *                     for a NIC: kept as it is): a shorter list removes the last NICs, a longer one
 *                     adds NICs (the model of the first NIC, new MACs); {@code null} keeps the NICs
 *                     as they are
 * @param confined     the definition comes from a file anyone could have written (an export): only
 *                     what describes the VM itself is kept (the driver's allow-list), disks only on
 *                     the volumes in {@code diskPaths}; what is left out is named by
 *                     {@link IHostConnection#leftOutOfImport}. {@code false}: a host's own
 *                     definition (a clone), kept but for the rewrite
 */
public record ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks,
		Map<String, String> diskFormats, String description, List<String> nicNetworks, boolean confined) {

	public ImportRewrite {
		diskPaths = Map.copyOf(diskPaths);
		networks = Map.copyOf(networks);
		diskFormats = Map.copyOf(diskFormats);
		nicNetworks = nicNetworks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(nicNetworks));
	}

	/** A host's own definition rewritten (a clone). */
	public ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks,
			Map<String, String> diskFormats, String description, List<String> nicNetworks) {
		this(name, keepIdentity, diskPaths, networks, diskFormats, description, nicNetworks, false);
	}

	/**
	 * A definition from an export, confined: its disks on {@code diskPaths} only, opened as
	 * {@code diskFormats} (the formats the import made the volumes in); its NICs and description as
	 * they are.
	 */
	public static ImportRewrite fromFile(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> diskFormats,
			Map<String, String> networks) {
		return new ImportRewrite(name, keepIdentity, diskPaths, networks, diskFormats, null, null, true);
	}
}
