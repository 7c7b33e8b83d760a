package org.hostdeck.cli.internal;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.hostdeck.model.util.Sizes;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A {@code hostdeck} command: {@link #run} does the work with the {@link Session} the command
 * line was started with; {@code --json} and {@code --quiet} work on every command.
 */
abstract class CliCommand implements Callable<Integer> {

	/** The options every command takes. */
	static final class Common {
		@Option(names = "--json", description = "Print the result as JSON (for scripts) instead of a table.")
		boolean json;

		@Option(names = { "-q", "--quiet" }, description = "No progress on stderr.")
		boolean quiet;
	}

	@Mixin
	Common common = new Common();

	Session session;

	/** Set by the command line's factory when it makes the command. */
	void session(Session value) {
		this.session = value;
	}

	@Override
	public final Integer call() throws CliException {
		session.json = common.json;
		session.quiet = common.quiet;
		session.started();
		return Integer.valueOf(run());
	}

	/** @return the exit code */
	abstract int run() throws CliException;

	/** {@code SIZE[:POOL[:FORMAT]]} of {@code --disk}: a new disk, in {@code defaultPool} unless it names one. */
	static org.hostdeck.core.install.InstallRequest.NewDisk newDisk(String spec, String defaultPool) throws CliException {
		String[] parts = spec.split(":", -1); //$NON-NLS-1$
		String pool = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : defaultPool;
		String format = parts.length > 2 && !parts[2].isEmpty() ? parts[2].toLowerCase(Locale.ROOT) : "qcow2"; //$NON-NLS-1$
		if (!format.equals("qcow2") && !format.equals("raw")) { //$NON-NLS-1$ //$NON-NLS-2$
			throw CliException.badInput("Disk format '" + format + "' in --disk " + spec + ": use qcow2 or raw."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return new org.hostdeck.core.install.InstallRequest.NewDisk(pool, size(parts[0], "--disk " + spec), format); //$NON-NLS-1$
	}

	/** {@code 2G}, {@code 512M}, {@code 512MiB}, {@code 1073741824}: a size in bytes. */
	static long size(String text, String what) throws CliException {
		String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		long unit = 1;
		if (!t.isEmpty()) {
			switch (t.charAt(t.length() - 1)) {
			case 'K' -> unit = Sizes.KIB;
			case 'M' -> unit = Sizes.MIB;
			case 'G' -> unit = Sizes.GIB;
			case 'T' -> unit = Sizes.TIB;
			default -> unit = 1;
			}
		}
		String number = unit == 1 ? t : t.substring(0, t.length() - 1);
		try {
			double value = Double.parseDouble(number);
			if (value <= 0 || Double.isNaN(value) || Double.isInfinite(value)) {
				throw new NumberFormatException();
			}
			return (long) (value * unit);
		} catch (NumberFormatException e) {
			throw CliException.badInput("'" + text + "' is not a size for " + what + ": write it like 2G, 512M or 1.5T."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	/** {@code FROM=TO} pairs of a repeated option. */
	static java.util.Map<String, String> pairs(java.util.List<String> values, String option) throws CliException {
		java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
		for (String v : values) {
			int eq = v.indexOf('=');
			if (eq <= 0 || eq == v.length() - 1) {
				throw CliException.badInput("'" + v + "' is not a pair for " + option + ": write it as FROM=TO."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			map.put(v.substring(0, eq), v.substring(eq + 1));
		}
		return map;
	}

	/** A model state as the command line writes it: {@code shut-off}, {@code running}. */
	static String state(Enum<?> value) {
		return value == null ? "unknown" : value.name().toLowerCase(Locale.ROOT).replace('_', '-'); //$NON-NLS-1$
	}
}
