package org.hostdeck.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fixture commands tests run on this machine (qemu-img, tar, losetup...) and file checksums. */
public final class Commands {

	private Commands() {
	}

	/** Runs {@code command}; its output (with errors), or an exception naming the command when it fails. */
	public static String run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + ": " + out); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return out;
	}

	/** The file's SHA-256, hex. */
	public static String sha256(Path file) throws IOException {
		return digest("SHA-256", file); //$NON-NLS-1$
	}

	/** The file's digest by {@code algorithm} (e.g. SHA-1), hex. */
	public static String digest(String algorithm, Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance(algorithm);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalArgumentException(e);
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[1 << 20];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}
}
