package org.hostdeck.core.driver;

/**
 * How to migrate a domain.
 *
 * @param live          keep the guest running while its memory is copied
 * @param copyStorage   copy the disks too (they are not on storage both hosts reach)
 * @param listenAddress where the target host listens for the migration stream, e.g. {@code 127.0.0.1};
 *                      {@code null} lets the hypervisor choose
 * @param bandwidthMiBs bandwidth cap in MiB/s, 0 for none
 */
public record MigrationOptions(boolean live, boolean copyStorage, String listenAddress, long bandwidthMiBs) {

	/** Live, shared storage, hypervisor defaults. */
	public static final MigrationOptions LIVE = new MigrationOptions(true, false, null, 0);
}
