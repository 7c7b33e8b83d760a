package org.hostdeck.placement;

/**
 * A contributed rule as declared: its id, name, contributing bundle, hard or soft, weight.
 */
public record RuleDescriptor(String id, String name, String bundle, boolean hard, double weight, PlacementRule rule) {
}
