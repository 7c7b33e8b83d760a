package org.hostdeck.core.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.model.util.Sizes;

/**
 * An ISO file of this computer copied into a pool of a host as a volume: what the Install wizard
 * does with media that are not on the host yet, and what the console's CD/DVD drop-down does on
 * request.
 */
public final class IsoUploads {

	private IsoUploads() {
	}

	/**
	 * Why {@code file} cannot go into {@code pool} of host {@code hostName} as volume {@code name},
	 * or {@code null} when it can: the file unreadable, the name taken, too little room.
	 */
	public static String problem(Path file, PoolInfo pool, String name, String hostName) {
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			return file + " cannot be read" + (Files.exists(file) ? "" : " (no such file)") + ". Choose an ISO file on this computer."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		if (pool.volumes().stream().anyMatch(v -> v.name().equals(name))) {
			return "pool '" + pool.name() + "' on " + hostName + " has a volume '" + name //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "' already. Choose it as media instead of uploading the file again."; //$NON-NLS-1$
		}
		try {
			long size = Files.size(file);
			if (size > pool.available()) {
				return name + " needs " + Sizes.format(size) + " in pool '" + pool.name() + "' on " + hostName + "; it has " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
						+ Sizes.format(pool.available()) + " free. Choose another pool."; //$NON-NLS-1$
			}
		} catch (IOException e) {
			return file + " cannot be read (" + e.getMessage() + "). Choose an ISO file on this computer."; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return null;
	}

	/**
	 * Creates volume {@code name} in {@code pool} and streams {@code file} into it, with progress
	 * and cancel; on failure or cancel the volume is deleted again.
	 */
	public static void upload(IHostConnection connection, Path file, String pool, String name, IProgressMonitor monitor)
			throws DriverException, IOException {
		long size = Files.size(file);
		connection.createVolume(pool, name, size, "raw"); //$NON-NLS-1$
		boolean done = false;
		try (InputStream in = Files.newInputStream(file)) {
			connection.upload(pool, name, in, size, monitor);
			done = true;
		} finally {
			if (!done) {
				try {
					connection.deleteVolume(pool, name);
				} catch (DriverException e) {
					// the caller's error says what failed; the half volume is named in the log
					org.eclipse.core.runtime.ILog.of(IsoUploads.class).warn("The half-uploaded volume '" + name + "' of pool '" + pool //$NON-NLS-1$ //$NON-NLS-2$
							+ "' could not be deleted: " + e.getMessage() + ". Delete it from the pool."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		}
		if (monitor != null && monitor.isCanceled()) {
			throw new OperationCanceledException();
		}
	}
}
