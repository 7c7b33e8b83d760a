package org.hostdeck.placement;

/**
 * How good a host is for one VM: 0 to 5 stars (0: the host cannot take it, with the reason).
 */
public record Rating(String host, double stars, String reason) {
}
