package org.hostdeck.core.archive;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hostdeck.fuzz.Inputs;

/**
 * The journals an export folder may hold, as anyone who can write the folder may have left them:
 * an export journal (read to resume an export into the folder) and an import journal (read to
 * resume an import from it), beside a stream file. Reading them must refuse or resume; never
 * throw anything else or allocate what the input claims.
 */
public final class JournalFuzzer {

	private static final String UUID = "8f1c2a4e-0000-4000-8000-000000000001";

	private JournalFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) throws Exception {
		byte[][] parts = Inputs.parts(data, 2);
		Path dir = Inputs.scratch("journal");
		Path export = Files.createDirectory(dir.resolve("export"));
		Files.write(export.resolve("disk-0.zst"), parts[1]);
		Files.write(export.resolve(ExportJournal.NAME), parts[0]);
		Files.write(export.resolve(ImportJournal.NAME), parts[0]);
		try (ExportJournal journal = ExportJournal.open(export, UUID)) {
			// resumed: what it kept was checked against the stream files
		} catch (ArchiveException refused) {
			// another VM's journal
		}
		ImportJournal imported = ImportJournal.open(export, "qemu:///system default web");
		if (imported != null) {
			Inputs.check(imported.done("disk-0.zst") >= 0, "an import journal made a negative chunk count");
		}
	}
}
