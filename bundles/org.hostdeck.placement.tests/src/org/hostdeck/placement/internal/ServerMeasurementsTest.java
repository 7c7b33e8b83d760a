package org.hostdeck.placement.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.hostdeck.placement.PlacementEngine;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Plan;
import org.hostdeck.placement.Resource;
import org.hostdeck.placement.ServerMeasurements;
import org.junit.jupiter.api.Test;

/** Physical servers measured in a spreadsheet, planned onto hosts before any P2V. */
class ServerMeasurementsTest {

	private static final String CSV = """
			Name,Processors,MHz,Utilization %,Memory,Network,Disk
			mail,4,1000,40,12,80,15
			"files, old",2,2400,10.5,800 MiB,300,60
			erp,8,2000,75,48 GiB,40,120
			""";

	@Test
	void serversBecomeVmsWhoseCpuIsProcessorsTimesClockTimesUtilization() throws Exception {
		List<PlacementVm> servers = ServerMeasurements.read(new StringReader(CSV));
		assertEquals(List.of("mail", "files, old", "erp"), servers.stream().map(PlacementVm::name).toList());
		assertEquals(1600, servers.get(0).demand(Resource.CPU), 1e-9, "4 x 1,000 MHz x 40 %");
		assertEquals(12.0 * (1L << 30), servers.get(0).demand(Resource.MEMORY), 1e-3);
		assertEquals(800.0 * (1L << 20), servers.get(1).demand(Resource.MEMORY), 1e-3);
		assertEquals(504, servers.get(1).demand(Resource.CPU), 1e-9);
		assertEquals(120, servers.get(2).demand(Resource.DISK), 1e-9);

		// two 16-GHz hosts: erp (12 GHz) alone on one, mail and files on the other, in density mode
		PlacementProblem problem = new PlacementProblem(List.of(PlacementEngineTest.host("hv1", 16, 64, Set.of(), null, false),
				PlacementEngineTest.host("hv2", 16, 64, Set.of(), null, false)), servers, PlacementSettings.DENSITY);
		Plan plan = new PlacementEngine().plan(problem, PlacementEngine.Options.of(Duration.ofSeconds(2)).withPatience(50_000));
		assertEquals(true, plan.feasible(), plan.violations().toString());
		assertEquals(1, Set.copyOf(plan.assignment().values()).size(), "14.1 GHz and 60.8 GiB fit one host: " + plan.assignment());
	}

	@Test
	void quotedCellsAreReadAsRfc4180SaysAndLinesAreCountedAsAnEditorShowsThem() throws Exception {
		String csv = "name,processors,mhz,utilization,memory,network,disk\r\n" // line 1, Windows line ends
				+ "\"web \"\"blue\"\"\",1,1000,5,1,1,1\r\n" // 2: doubled quotes inside a quoted cell
				+ "\r\n" // 3: blank
				+ "\"db\nprimary\",2,2000,5,1,1,1\r\n" // 4-5: a line break inside a cell
				+ "\"mail\",1,1000,5,1,1,1\r\n"; // 6
		List<PlacementVm> servers = ServerMeasurements.read(new StringReader(csv));
		assertEquals(List.of("web \"blue\"", "db\nprimary", "mail"), servers.stream().map(PlacementVm::name).toList());
		assertEquals("Line 6: '2,000' in column mhz is not a number. Write digits, with a dot for decimals, e.g. 37.5.",
				assertThrows(ServerMeasurements.FormatException.class,
						() -> ServerMeasurements.read(new StringReader(csv.replace("\"mail\",1,1000", "\"mail\",1,\"2,000\"")))).getMessage());
		assertEquals("Line 3: EOF reached before encapsulated token finished."
				+ " Close every double quote a cell opens; a quote inside a quoted cell is written twice (\"\").",
				assertThrows(ServerMeasurements.FormatException.class, () -> ServerMeasurements
						.read(new StringReader("name,processors,mhz,utilization,memory,network,disk\na,1,1000,5,1,1,1\n\"b,1,1000,5,1,1,1\n")))
						.getMessage());
	}

	@Test
	void badLinesAreRefusedWithTheLineAndTheFix() {
		assertEquals("Line 1 lacks the columns mhz, utilization. The first line names the columns: name,processors,mhz,utilization,memory,network,disk.",
				assertThrows(ServerMeasurements.FormatException.class,
						() -> ServerMeasurements.read(new StringReader("name,processors,memory,network,disk\n"))).getMessage());
		assertEquals("Line 3: 'four' in column processors is not a whole number. Write digits, with a dot for decimals, e.g. 4.",
				assertThrows(ServerMeasurements.FormatException.class, () -> ServerMeasurements
						.read(new StringReader("name,processors,mhz,utilization,memory,network,disk\na,1,1000,5,1,1,1\nb,four,1000,5,1,1,1\n")))
						.getMessage());
		assertEquals("Line 2: utilization 140 is out of range; it is from 0 to 100.",
				assertThrows(ServerMeasurements.FormatException.class, () -> ServerMeasurements
						.read(new StringReader("name,processors,mhz,utilization,memory,network,disk\na,1,1000,140,1,1,1\n"))).getMessage());
		assertEquals("Line 2: '12 GB RAM' in column memory is not an amount of memory. Write GiB in use, e.g. 12 or 12.5 GiB (or 800 MiB).",
				assertThrows(ServerMeasurements.FormatException.class, () -> ServerMeasurements
						.read(new StringReader("name,processors,mhz,utilization,memory,network,disk\na,1,1000,14,12 GB RAM,1,1\n"))).getMessage());
		assertEquals("Line 3: server 'a' is listed twice. Give each server one line.",
				assertThrows(ServerMeasurements.FormatException.class, () -> ServerMeasurements
						.read(new StringReader("name,processors,mhz,utilization,memory,network,disk\na,1,1000,14,1,1,1\na,1,1000,14,1,1,1\n")))
						.getMessage());
	}
}
