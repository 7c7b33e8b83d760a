package org.hostdeck.core.driver;

import java.util.List;

/**
 * A storage pool and its volumes.
 *
 * @param type   the driver's pool type, e.g. {@code dir}, {@code netfs}, {@code iscsi}
 * @param shared whether other hosts reach the same storage (network pools)
 */
public record PoolInfo(String name, String uuid, String type, boolean active, long capacity, long allocation,
		long available, boolean shared, List<VolumeInfo> volumes) {

	/**
	 * @param format  image format, e.g. {@code qcow2}; may be null
	 * @param backing the image this one is an overlay of (a linked clone's base), or {@code null}
	 */
	public record VolumeInfo(String name, String path, long capacity, long allocation, String format, String backing) {

		/** A volume that is no overlay. */
		public VolumeInfo(String name, String path, long capacity, long allocation, String format) {
			this(name, path, capacity, allocation, format, null);
		}
	}
}
