package org.hostdeck.core.driver;

/** Hears what happens on a host without polling it. */
public interface IHostListener {

	/** A domain changed: it was defined, started, stopped, paused, ... */
	void domainChanged(DomainEvent event);

	/** The connection broke; {@code reason} says why, for the user. */
	void connectionLost(String reason);
}
