package org.hostdeck.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.hostdeck.core.archive.ArchiveException;
import org.hostdeck.core.archive.ArchiveVerifier;
import org.hostdeck.core.archive.Manifest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hostdeck verify DIR}: every file and chunk of an export against its manifest. */
@Command(name = "verify", description = "Check every file and chunk of an export folder against its manifest (exit 1 names the first bad file).")
final class VerifyCommand extends CliCommand {

	@Parameters(paramLabel = "DIR", description = "The export folder.")
	Path dir;

	@Override
	int run() throws CliException {
		Path folder = dir.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw CliException.notFound("No export folder " + folder + "."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Manifest[] checked = new Manifest[1];
		String label = "Verify " + folder; //$NON-NLS-1$
		int code = session.run(label, folder.toString(), () -> null, monitor -> {
			try {
				checked[0] = ArchiveVerifier.verify(folder, monitor);
				return Status.OK_STATUS;
			} catch (ArchiveException e) {
				return Status.error(e.getMessage(), e);
			} catch (IOException e) {
				return Status.error(folder + ": " + e.getMessage(), e); //$NON-NLS-1$
			}
		});
		if (code == ExitCodes.OK) {
			int files = checked[0].files().size();
			int chunks = checked[0].chunks().size();
			if (session.json) {
				Output.json(session.out, Map.of("path", folder.toString(), "complete", Boolean.TRUE, "files", Integer.valueOf(files), "chunks", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						Integer.valueOf(chunks)));
			} else {
				session.out.println(folder + ": complete and intact (" + files + " files, " + chunks + " chunks)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		} else if (session.json) {
			Output.json(session.out, Map.of("path", folder.toString(), "complete", Boolean.FALSE)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return code;
	}
}
