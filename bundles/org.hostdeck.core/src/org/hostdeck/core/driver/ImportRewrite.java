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
 */
public record ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks,
		Map<String, String> diskFormats, String description, List<String> nicNetworks) {

	public ImportRewrite {
		diskPaths = Map.copyOf(diskPaths);
		networks = Map.copyOf(networks);
		diskFormats = Map.copyOf(diskFormats);
		nicNetworks = nicNetworks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(nicNetworks));
	}

	/** A rewrite that keeps the description and the NICs. */
	public ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks,
			Map<String, String> diskFormats) {
		this(name, keepIdentity, diskPaths, networks, diskFormats, null, null);
	}

	/** A rewrite that keeps every disk's format. */
	public ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks) {
		this(name, keepIdentity, diskPaths, networks, Map.of());
	}
}
