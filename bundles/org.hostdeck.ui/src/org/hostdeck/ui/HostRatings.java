package org.hostdeck.ui;

import java.util.Map;

import org.hostdeck.model.VirtualMachine;

/**
 * Rates hosts as homes for a VM, for wizards that choose a host (Migrate). An OSGi service: the
 * placement bundle offers one; without it the wizards show free capacity only.
 */
public interface HostRatings {

	/**
	 * @param stars  0 to 5
	 * @param reason why a host gets no stars (what it lacks); may be empty otherwise
	 */
	record Rating(double stars, String reason) {

		/** E.g. {@code "★★★★☆ 4.0"}, or {@code "0: not enough memory"}. */
		public String text() {
			if (stars <= 0) {
				return "0: " + reason; //$NON-NLS-1$
			}
			int full = (int) Math.round(stars);
			return "\u2605".repeat(full) + "\u2606".repeat(5 - full) + String.format(java.util.Locale.ROOT, " %.1f", stars); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	/**
	 * Rates every host of the inventory for {@code vm} as it runs (or would run) now. Reads the
	 * inventory and may take tens of milliseconds: call it off the UI thread.
	 *
	 * @return host URI to its rating
	 */
	Map<String, Rating> rate(VirtualMachine vm);
}
