package org.hostdeck.core.driver;

/**
 * A virtual network.
 *
 * @param bridge the bridge device; may be null
 * @param subnet e.g. {@code 192.168.122.0/24}; may be null
 */
public record NetworkInfo(String name, String uuid, String bridge, String subnet, boolean active) {
}
