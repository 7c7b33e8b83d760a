package org.hostdeck.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** What commands print on stdout: an aligned table for people, JSON for scripts ({@code --json}). */
final class Output {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

	private Output() {
	}

	/** {@code value} (records, lists, maps) as JSON, then a line end. */
	static void json(PrintStream out, Object value) {
		out.println(GSON.toJson(value));
	}

	/** A table: the headers, then each row, columns padded to their widest cell. */
	static void table(PrintStream out, List<String> headers, List<List<String>> rows) {
		int[] widths = new int[headers.size()];
		List<List<String>> all = new ArrayList<>();
		all.add(headers);
		all.addAll(rows);
		for (List<String> row : all) {
			for (int c = 0; c < widths.length; c++) {
				widths[c] = Math.max(widths[c], cell(row, c).length());
			}
		}
		for (List<String> row : all) {
			StringBuilder line = new StringBuilder();
			for (int c = 0; c < widths.length; c++) {
				String cell = cell(row, c);
				line.append(cell);
				if (c < widths.length - 1) {
					line.append(" ".repeat(widths[c] - cell.length() + 2)); //$NON-NLS-1$
				}
			}
			out.println(line.toString().stripTrailing());
		}
	}

	private static String cell(List<String> row, int column) {
		String value = column < row.size() ? row.get(column) : null;
		return value == null ? "-" : value; //$NON-NLS-1$
	}
}
