package org.hostdeck.core.driver;

/**
 * What adding or removing a device did.
 *
 * @param id   the device: a disk's target (e.g. {@code vdb}) or a NIC's MAC address
 * @param live {@code true} when the running VM has the change now; {@code false} when it is only in
 *             the definition and takes effect at the next boot (always {@code false} for a VM that
 *             is not running)
 * @param why  when a running VM did not take it live: the hypervisor's reason; else {@code null}
 */
public record DeviceChange(String id, boolean live, String why) {
}
