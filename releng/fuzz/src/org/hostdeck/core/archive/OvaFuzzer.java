package org.hostdeck.core.archive;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hostdeck.fuzz.Inputs;

/**
 * An OVA package as a file from anywhere: the tar listing (Apache Commons Compress), the OVF
 * descriptor and the package checks. HostDeck must refuse it with an {@link ArchiveException} or
 * accept a package whose every disk is a plain file inside it; anything else is a finding.
 */
public final class OvaFuzzer {

	private OvaFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) throws Exception {
		Path ova = Inputs.scratch("ova").resolve("vm.ova");
		Files.write(ova, data);
		OvaImportOperation.Package read;
		try {
			read = OvaImportOperation.read(ova);
		} catch (ArchiveException refused) {
			return;
		}
		Inputs.check(read != null, "no package and no refusal");
	}
}
