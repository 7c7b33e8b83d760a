package org.hostdeck.core.driver;

/**
 * Changes to a domain's resources; {@code null} leaves a value as it is.
 *
 * @param vcpus     virtual CPUs (1 to the domain's maximum)
 * @param memory    memory in bytes (up to the domain's maximum)
 * @param cpuShares scheduler weight (e.g. 512 low, 1024 normal, 2048 high)
 * @param autostart start when the host boots
 */
public record VmConfig(Integer vcpus, Long memory, Integer cpuShares, Boolean autostart) {
}
