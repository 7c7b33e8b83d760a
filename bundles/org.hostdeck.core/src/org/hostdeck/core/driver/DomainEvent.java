package org.hostdeck.core.driver;

/**
 * Something happened to a domain.
 *
 * @param uuid the domain's UUID
 * @param name the domain's name
 * @param kind what happened
 */
public record DomainEvent(String uuid, String name, Kind kind) {

	public enum Kind {
		DEFINED, UNDEFINED, STARTED, SUSPENDED, RESUMED, STOPPED, SHUTDOWN, CRASHED, PM_SUSPENDED, OTHER
	}
}
