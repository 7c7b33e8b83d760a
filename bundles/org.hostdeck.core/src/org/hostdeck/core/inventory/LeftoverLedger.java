package org.hostdeck.core.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operation made on a host and could not remove, because the host was gone when it
 * failed (a migration whose target died, an import, clone or P2V cut off): written down at once,
 * in a file that outlives the program, and removed by {@link InventoryService} when the host is
 * connected again (said in the task history). One line an entry, tab-separated: host URI, pool,
 * volume, the operation, when (epoch milliseconds); a VM has an empty pool and its UUID as volume.
 */
public final class LeftoverLedger {

	/** A volume left on a host by {@code operation} at {@code time}; a VM (by UUID) when {@code pool} is empty. */
	public record Entry(String hostUri, String pool, String volume, String operation, long time) {

		/** Whether this is a VM defined there (its UUID in {@link #volume()}), not a volume. */
		public boolean vm() {
			return pool.isEmpty();
		}
	}

	private final Path file;
	private final List<Entry> entries = new ArrayList<>();

	/** A ledger kept in {@code file} ({@code null}: in memory only), read from it now. */
	public LeftoverLedger(Path file) {
		this.file = file;
		if (file != null && Files.isRegularFile(file)) {
			try {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					String[] f = line.split("\t", -1); //$NON-NLS-1$
					if (f.length == 5) {
						try {
							entries.add(new Entry(f[0], f[1], f[2], f[3], Long.parseLong(f[4])));
						} catch (NumberFormatException e) {
							// a damaged line: its volume is not removed automatically
						}
					}
				}
			} catch (IOException e) {
				// unreadable: nothing is removed automatically
			}
		}
	}

	/** The ledger in the core bundle's state folder of this workspace, or one in memory when there is no workspace. */
	static LeftoverLedger inWorkspace() {
		try {
			org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(LeftoverLedger.class);
			if (bundle != null) {
				return new LeftoverLedger(org.eclipse.core.runtime.Platform.getStateLocation(bundle).toFile().toPath().resolve("leftovers.txt")); //$NON-NLS-1$
			}
		} catch (IllegalStateException | NoClassDefFoundError e) {
			// no instance location (a plain JVM): in memory
		}
		return new LeftoverLedger(null);
	}

	/** Writes down that {@code operation} left {@code volume} of {@code pool} on the host at {@code hostUri}. */
	public synchronized void record(String hostUri, String pool, String volume, String operation) {
		entries.add(new Entry(clean(hostUri), clean(pool), clean(volume), clean(operation), System.currentTimeMillis()));
		save();
	}

	/** Writes down that {@code operation} left the VM {@code uuid} defined on the host at {@code hostUri}. */
	public synchronized void recordVm(String hostUri, String uuid, String operation) {
		entries.add(new Entry(clean(hostUri), "", clean(uuid), clean(operation), System.currentTimeMillis())); //$NON-NLS-1$
		save();
	}

	/** The entries of the host at {@code hostUri}, oldest first. */
	public synchronized List<Entry> forHost(String hostUri) {
		return entries.stream().filter(e -> e.hostUri().equals(hostUri)).toList();
	}

	/** Forgets {@code entry}: its volume was removed, or is gone. */
	public synchronized void forget(Entry entry) {
		if (entries.remove(entry)) {
			save();
		}
	}

	private static String clean(String value) {
		return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '); //$NON-NLS-1$
	}

	private void save() {
		if (file == null) {
			return;
		}
		StringBuilder text = new StringBuilder();
		for (Entry e : entries) {
			text.append(e.hostUri()).append('\t').append(e.pool()).append('\t').append(e.volume()).append('\t').append(e.operation()).append('\t')
					.append(e.time()).append('\n');
		}
		try {
			Files.createDirectories(file.getParent());
			Path temp = file.resolveSibling(file.getFileName() + ".part"); //$NON-NLS-1$
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			// kept in memory for this run; the task's message names the volumes either way
		}
	}
}
