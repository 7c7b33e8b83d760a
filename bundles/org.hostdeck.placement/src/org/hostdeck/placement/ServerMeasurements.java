package org.hostdeck.placement;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads measurements of physical servers from CSV, to plan a consolidation before any P2V:
 * one server per line, a header naming the columns (any order, case ignored):
 * {@code name, processors, mhz, utilization, memory, network, disk}. Utilization is in percent
 * (the server's CPU consumption becomes processors x MHz x utilization); memory is what is in
 * use, in GiB unless it says MiB, GiB or TiB; network in Mbit/s; disk in MB/s.
 */
public final class ServerMeasurements {

	/** The columns, in the order the header shows them in its example. */
	public static final List<String> COLUMNS = List.of("name", "processors", "mhz", "utilization", "memory", "network", "disk"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$

	private ServerMeasurements() {
	}

	/** A line that cannot be read, with its number and what to write instead. */
	public static final class FormatException extends Exception {
		private static final long serialVersionUID = 1L;

		FormatException(String message) {
			super(message);
		}
	}

	/**
	 * Reads RFC 4180 CSV (Apache Commons CSV): cells in double quotes may hold commas, line
	 * breaks and doubled quotes; blank lines are skipped.
	 *
	 * @return one VM-to-be per server, without a host yet
	 * @throws FormatException naming the line and what to write instead
	 */
	public static List<PlacementVm> read(Reader reader) throws IOException, FormatException {
		CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
		try (CSVParser parser = format.parse(reader)) {
			java.util.Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				throw new FormatException("The file is empty. Its first line names the columns: " + String.join(",", COLUMNS) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			CSVRecord header = records.next();
			Map<String, Integer> column = new HashMap<>();
			for (int i = 0; i < header.size(); i++) {
				String name = i == 0 && header.get(0).startsWith("\uFEFF") ? header.get(0).substring(1) : header.get(i); //$NON-NLS-1$
				String key = name.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("(", " ").trim().split("\\s+")[0]; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
				column.put(key, i);
			}
			List<String> missing = COLUMNS.stream().filter(c -> !column.containsKey(c)).toList();
			if (!missing.isEmpty()) {
				throw new FormatException("Line 1 lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ ". The first line names the columns: " + String.join(",", COLUMNS) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			List<PlacementVm> servers = new ArrayList<>();
			Set<String> seen = new java.util.HashSet<>();
			while (true) {
				long before = parser.getCurrentLineNumber();
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				} catch (java.io.UncheckedIOException e) {
					throw new FormatException("Line " + (before + 1) + ": " + e.getCause().getMessage().replaceFirst("^\\(startline \\d+\\) ", "") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							+ ". Close every double quote a cell opens; a quote inside a quoted cell is written twice (\"\")."); //$NON-NLS-1$
				}
				int number = line(parser, record);
				Row row = new Row(number, record.values(), column);
				String name = row.text("name"); //$NON-NLS-1$
				if (!seen.add(name)) {
					throw new FormatException("Line " + number + ": server '" + name + "' is listed twice. Give each server one line."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				int processors = (int) row.number("processors", 1, 4096, true); //$NON-NLS-1$
				double mhz = row.number("mhz", 1, 100_000, false); //$NON-NLS-1$
				double utilization = row.number("utilization", 0, 100, false); //$NON-NLS-1$
				double memory = row.bytes("memory"); //$NON-NLS-1$
				double network = row.number("network", 0, 1_000_000, false); //$NON-NLS-1$
				double disk = row.number("disk", 0, 1_000_000, false); //$NON-NLS-1$
				double cpu = PlacementVm.consumedMhz(processors, mhz, utilization / 100);
				servers.add(new PlacementVm(name, name, new double[] { cpu, memory, network, disk }, null, Set.of(), null, null, null, null));
			}
			return servers;
		} catch (java.io.UncheckedIOException e) {
			throw new FormatException("The file cannot be read as CSV: " + e.getCause().getMessage() + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** The line a record starts on: the lines read so far, less the line breaks inside its quoted cells. */
	private static int line(CSVParser parser, CSVRecord record) {
		long breaks = 0;
		for (String v : record.values()) {
			breaks += v.chars().filter(c -> c == '\n').count();
		}
		return (int) (parser.getCurrentLineNumber() - breaks);
	}

	private record Row(int number, String[] cells, Map<String, Integer> column) {

		String text(String name) throws FormatException {
			int i = column.get(name);
			String value = i < cells.length ? cells[i].trim() : ""; //$NON-NLS-1$
			if (value.isEmpty()) {
				throw new FormatException("Line " + number + ": the " + name + " is empty. Fill it in, or remove the line."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return value;
		}

		double number(String name, double min, double max, boolean whole) throws FormatException {
			String value = text(name).replace("%", "").trim(); //$NON-NLS-1$ //$NON-NLS-2$
			double x;
			try {
				x = whole ? Integer.parseInt(value) : Double.parseDouble(value);
			} catch (NumberFormatException e) {
				throw new FormatException("Line " + number + ": '" + value + "' in column " + name + " is not " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ (whole ? "a whole number" : "a number") + ". Write digits, with a dot for decimals, e.g. " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ (whole ? "4" : "37.5") + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (x < min || x > max || Double.isNaN(x)) {
				throw new FormatException("Line " + number + ": " + name + " " + value + " is out of range; it is from " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ (long) min + " to " + (long) max + "."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return x;
		}

		double bytes(String name) throws FormatException {
			String value = text(name).toLowerCase(Locale.ROOT).replace(" ", ""); //$NON-NLS-1$ //$NON-NLS-2$
			double unit = 1L << 30;
			for (String[] suffix : new String[][] { { "mib", "20" }, { "gib", "30" }, { "tib", "40" }, { "mb", "20" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
					{ "gb", "30" }, { "tb", "40" } }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				if (value.endsWith(suffix[0])) {
					value = value.substring(0, value.length() - suffix[0].length());
					unit = Math.pow(2, Integer.parseInt(suffix[1]));
					break;
				}
			}
			try {
				double x = Double.parseDouble(value);
				if (x < 0 || Double.isNaN(x) || Double.isInfinite(x)) {
					throw new NumberFormatException();
				}
				return x * unit;
			} catch (NumberFormatException e) {
				throw new FormatException("Line " + number + ": '" + text(name) + "' in column " + name //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ " is not an amount of memory. Write GiB in use, e.g. 12 or 12.5 GiB (or 800 MiB)."); //$NON-NLS-1$
			}
		}
	}
}
