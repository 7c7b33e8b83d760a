package org.hostdeck.core.driver;

import java.util.Map;

/**
 * How to move a domain to another host.
 *
 * @param mode          live with shared storage, live with the disks copied, or an offline move
 * @param listenAddress where the target host listens for the migration stream, e.g. {@code 127.0.0.1};
 *                      {@code null} lets the hypervisor choose
 * @param bandwidthMiBs bandwidth cap in MiB/s, 0 for none
 * @param maxDowntimeMs the longest pause the guest may see at the switch-over, 0 for the
 *                      hypervisor's default
 * @param autoConverge  slow the guest's vCPUs down when it dirties memory faster than it is copied
 * @param postCopy      allow switching to post-copy (the guest runs on the target while the rest
 *                      of its memory follows) when pre-copy does not converge
 * @param keepSource    keep the domain's definition (and, for an offline move, its disks) on the
 *                      source host
 * @param targetPool    pool on the target that receives copied disks (copy and offline modes)
 * @param networkMap    source network name to target network name, for networks the target
 *                      names differently; networks not in it keep their name
 */
public record MigrationOptions(Mode mode, String listenAddress, long bandwidthMiBs, long maxDowntimeMs,
		boolean autoConverge, boolean postCopy, boolean keepSource, String targetPool, Map<String, String> networkMap) {

	/** The kinds of move. */
	public enum Mode {
		/** The guest keeps running; only its memory moves; both hosts reach its disks. */
		LIVE_SHARED_STORAGE,
		/** The guest keeps running; its disks are copied to a pool on the target while it runs. */
		LIVE_COPY_STORAGE,
		/** A shut-off domain: its definition and disks are streamed to the target. */
		OFFLINE
	}

	public MigrationOptions {
		networkMap = networkMap == null ? Map.of() : Map.copyOf(networkMap);
		if (bandwidthMiBs < 0 || maxDowntimeMs < 0) {
			throw new IllegalArgumentException("Bandwidth and downtime limits cannot be negative."); //$NON-NLS-1$
		}
	}

	/** Live, shared storage, hypervisor defaults, source definition removed. */
	public static MigrationOptions live() {
		return new MigrationOptions(Mode.LIVE_SHARED_STORAGE, null, 0, 0, false, false, false, null, Map.of());
	}

	public MigrationOptions withMode(Mode value) {
		return new MigrationOptions(value, listenAddress, bandwidthMiBs, maxDowntimeMs, autoConverge, postCopy, keepSource,
				targetPool, networkMap);
	}

	public MigrationOptions withListenAddress(String value) {
		return new MigrationOptions(mode, value, bandwidthMiBs, maxDowntimeMs, autoConverge, postCopy, keepSource, targetPool,
				networkMap);
	}

	public MigrationOptions withBandwidth(long miBs) {
		return new MigrationOptions(mode, listenAddress, miBs, maxDowntimeMs, autoConverge, postCopy, keepSource, targetPool,
				networkMap);
	}

	public MigrationOptions withMaxDowntime(long ms) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, ms, autoConverge, postCopy, keepSource, targetPool,
				networkMap);
	}

	public MigrationOptions withAutoConverge(boolean value) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, maxDowntimeMs, value, postCopy, keepSource, targetPool,
				networkMap);
	}

	public MigrationOptions withPostCopy(boolean value) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, maxDowntimeMs, autoConverge, value, keepSource, targetPool,
				networkMap);
	}

	public MigrationOptions withKeepSource(boolean value) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, maxDowntimeMs, autoConverge, postCopy, value, targetPool,
				networkMap);
	}

	public MigrationOptions withTargetPool(String value) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, maxDowntimeMs, autoConverge, postCopy, keepSource, value,
				networkMap);
	}

	public MigrationOptions withNetworkMap(Map<String, String> value) {
		return new MigrationOptions(mode, listenAddress, bandwidthMiBs, maxDowntimeMs, autoConverge, postCopy, keepSource,
				targetPool, value);
	}

	/** @return the target's name for the source network {@code network} */
	public String mapNetwork(String network) {
		return networkMap.getOrDefault(network, network);
	}

	/** @return whether disks are copied to the target (not reached there as they are) */
	public boolean copiesDisks() {
		return mode != Mode.LIVE_SHARED_STORAGE;
	}
}
