package org.hostdeck.core.archive.ova;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.hostdeck.fuzz.Inputs;

/**
 * A stream-optimized VMDK from any tool: read or refused with an {@link IOException}; every
 * grain it writes lies inside the capacity it reports, and it never writes more than that.
 */
public final class StreamVmdkFuzzer {

	private StreamVmdkFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) {
		long[] end = { 0 };
		long capacity;
		try {
			capacity = StreamVmdk.read(new ByteArrayInputStream(data), (offset, bytes, length) -> {
				Inputs.check(offset >= 0 && length >= 0 && length <= bytes.length, "a grain of " + length + " bytes at " + offset);
				end[0] = Math.max(end[0], offset + length);
			});
		} catch (IOException refused) {
			return;
		}
		Inputs.check(end[0] <= capacity, "data written up to " + end[0] + " of a " + capacity + "-byte disk");
	}
}
