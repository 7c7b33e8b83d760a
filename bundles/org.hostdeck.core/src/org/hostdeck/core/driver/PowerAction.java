package org.hostdeck.core.driver;

/** What {@link IHostConnection#power} can do to a domain. */
public enum PowerAction {
	/** Boot a shut-off domain. */
	START,
	/** Ask the guest to shut down (ACPI); returns at once, the guest takes its time. */
	SHUTDOWN,
	/** Pull the plug. */
	FORCE_OFF,
	/** Ask the guest to reboot. */
	REBOOT,
	/** Freeze the running domain in memory. */
	PAUSE,
	/** Continue a paused domain. */
	RESUME
}
