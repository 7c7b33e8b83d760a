package org.hostdeck.core.driver;

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
 */
public record ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks,
		Map<String, String> diskFormats) {

	public ImportRewrite {
		diskPaths = Map.copyOf(diskPaths);
		networks = Map.copyOf(networks);
		diskFormats = Map.copyOf(diskFormats);
	}

	/** A rewrite that keeps every disk's format. */
	public ImportRewrite(String name, boolean keepIdentity, Map<String, String> diskPaths, Map<String, String> networks) {
		this(name, keepIdentity, diskPaths, networks, Map.of());
	}
}
