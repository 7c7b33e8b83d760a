package org.hostdeck.model.util;

/**
 * Byte counts as administrators read them: binary units, at most one decimal.
 */
public final class Sizes {

	public static final long KIB = 1024L;
	public static final long MIB = KIB * 1024;
	public static final long GIB = MIB * 1024;
	public static final long TIB = GIB * 1024;

	private Sizes() {
	}

	/** @return e.g. {@code "512 MiB"}, {@code "1.5 GiB"}, {@code "0 B"}; {@code "?"} for negative values */
	public static String format(long bytes) {
		if (bytes < 0) {
			return "?"; //$NON-NLS-1$
		}
		String[] units = { "B", "KiB", "MiB", "GiB", "TiB" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		if (unit == 0 || value >= 100 || value == Math.floor(value)) {
			return String.format(java.util.Locale.ROOT, "%d %s", Math.round(value), units[unit]); //$NON-NLS-1$
		}
		return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]); //$NON-NLS-1$
	}
}
