package org.hostdeck.placement;

/** What a VM consumes and a host offers. */
public enum Resource {
	/** MHz consumed: processors x clock x utilization (4 x 1,000 MHz x 40 % = 1,600 MHz). */
	CPU("MHz"), //$NON-NLS-1$
	/** bytes; never oversubscribed unless the settings allow it. */
	MEMORY("B"), //$NON-NLS-1$
	/** Mbit/s, against the sum of the host's physical NICs. */
	NETWORK("Mbit/s"), //$NON-NLS-1$
	/** MB/s of disk I/O. */
	DISK("MB/s"); //$NON-NLS-1$

	public static final int COUNT = values().length;

	private final String unit;

	Resource(String unit) {
		this.unit = unit;
	}

	public String unit() {
		return unit;
	}
}
