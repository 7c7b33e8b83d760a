package org.hostdeck.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * Whether this machine has a tool a test needs. A test without it is skipped with a message that
 * names it; in a run that must miss nothing ({@code ./run-tests} sets
 * {@code HOSTDECK_TESTS_STRICT}), it fails instead, naming the file and the Debian package that
 * brings it, so a package missing from {@code releng/debian-packages} cannot hide as a skip.
 */
public final class Tools {

	private Tools() {
	}

	/** Whether a run must fail rather than skip a test whose tool is missing. */
	public static boolean strict() {
		return System.getenv("HOSTDECK_TESTS_STRICT") != null; //$NON-NLS-1$
	}

	/**
	 * @return whether every one of {@code files} is there; in a strict run a missing one fails the
	 *         calling test, naming it and {@code debianPackage}
	 */
	public static boolean present(String debianPackage, String... files) {
		for (String file : files) {
			Path path = Path.of(file);
			if (!Files.exists(path)) {
				if (strict()) {
					throw new AssertionError(missing(debianPackage, file));
				}
				return false;
			}
		}
		return true;
	}

	/** Skips the calling test (fails it in a strict run) unless {@code files} of {@code debianPackage} are there. */
	public static void need(String debianPackage, String... files) {
		if (!present(debianPackage, files)) {
			throw new TestAbortedException(missing(debianPackage, String.join(", ", files))); //$NON-NLS-1$
		}
	}

	private static String missing(String debianPackage, String file) {
		return "This test needs " + file + " (Debian package " + debianPackage + "), which this machine lacks;" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ " ./run-tests installs it from releng/debian-packages."; //$NON-NLS-1$
	}
}
