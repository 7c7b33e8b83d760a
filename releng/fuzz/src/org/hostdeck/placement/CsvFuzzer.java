package org.hostdeck.placement;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hostdeck.fuzz.Inputs;

/**
 * A measurement CSV from anywhere: read or refused with a {@link ServerMeasurements.FormatException}
 * naming the line; every VM read has finite, non-negative demands.
 */
public final class CsvFuzzer {

	private CsvFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) throws IOException {
		List<PlacementVm> vms;
		try {
			vms = ServerMeasurements.read(new StringReader(new String(data, StandardCharsets.UTF_8)));
		} catch (ServerMeasurements.FormatException refused) {
			return;
		}
		for (PlacementVm vm : vms) {
			for (double d : vm.demand()) {
				Inputs.check(Double.isFinite(d) && d >= 0, vm.name() + " demands " + d);
			}
		}
	}
}
