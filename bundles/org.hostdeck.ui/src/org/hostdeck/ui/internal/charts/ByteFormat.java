package org.hostdeck.ui.internal.charts;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

import org.hostdeck.model.util.Sizes;

/** Axis labels in binary units: {@code 512 MiB}, {@code 1.5 GiB/s}. */
final class ByteFormat extends NumberFormat {

	private static final long serialVersionUID = 1L;

	private final String suffix;

	ByteFormat(String suffix) {
		this.suffix = suffix;
	}

	@Override
	public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
		return toAppendTo.append(Sizes.format(Math.round(Math.max(0, number)))).append(suffix);
	}

	@Override
	public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
		return format((double) number, toAppendTo, pos);
	}

	@Override
	public Number parse(String source, ParsePosition parsePosition) {
		return null; // labels only
	}

	@Override
	public boolean equals(Object obj) {
		return obj instanceof ByteFormat other && other.suffix.equals(suffix);
	}

	@Override
	public int hashCode() {
		return suffix.hashCode();
	}
}
