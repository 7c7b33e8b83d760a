package org.hostdeck.core.archive;

import java.nio.file.Path;

/** Something is wrong with an export on disk; the message names the file and says what. */
public class ArchiveException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public ArchiveException(Path file, String problem) {
		super(file + " " + problem); //$NON-NLS-1$
		this.file = file;
	}

	/** The file that is wrong. */
	public Path file() {
		return file;
	}
}
