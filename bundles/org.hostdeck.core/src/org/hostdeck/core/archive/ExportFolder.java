package org.hostdeck.core.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An export folder written from disk streams that do not come out of a host's volumes (P2V
 * writes a physical server's disks into one): each disk's bytes in order, compressed on every
 * core with zeros as holes, then {@code vm.xml} and the manifest, last. Until {@link #finish} the
 * folder has no manifest, so it is never taken as whole; closing it unfinished removes what it
 * wrote (and the folder, when it made it).
 */
public final class ExportFolder implements AutoCloseable {

	private final Path dir;
	private final boolean made;
	private final int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
	private final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
		Thread t = new Thread(r, "HostDeck export compression"); //$NON-NLS-1$
		t.setDaemon(true);
		return t;
	});
	private final List<Manifest.Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
	private final List<Manifest.FileEntry> streams = new ArrayList<>();
	private final List<Path> written = new ArrayList<>();
	private ChunkedWriter open;
	private boolean finished;

	/**
	 * What keeps {@code dir} from taking a new export: a file there, or a folder that is not empty.
	 *
	 * @return the refusals, each naming the folder and what to do
	 */
	public static List<String> problems(Path dir) {
		List<String> problems = new ArrayList<>();
		if (Files.exists(dir) && !Files.isDirectory(dir)) {
			problems.add("Folder: " + dir + " is a file. Choose a folder."); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (Files.isDirectory(dir)) {
			try (var files = Files.list(dir)) {
				if (files.findAny().isPresent()) {
					problems.add("Folder: " + dir + " is not empty. Choose an empty or a new folder."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			} catch (IOException e) {
				problems.add("Folder: " + dir + " cannot be read (" + e.getMessage() + "). Choose another folder."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return problems;
	}

	/** Makes the folder when it is not there. */
	public ExportFolder(Path dir) throws IOException {
		this.dir = dir;
		this.made = !Files.exists(dir);
		Files.createDirectories(dir);
	}

	public Path dir() {
		return dir;
	}

	/** The stream of the next disk, into {@code file} of the folder; {@link #diskDone} ends it. */
	public OutputStream disk(String file) throws IOException {
		Path path = dir.resolve(file);
		written.add(path);
		open = new ChunkedWriter(path, 0, 0, 0, pool, threads, chunks::add);
		return open;
	}

	/** Ends the current disk's stream: all of it is compressed and written. */
	public void diskDone() throws IOException {
		ChunkedWriter w = open;
		open = null;
		w.close();
		streams.add(w.entry());
	}

	/** Writes {@code vm} as {@code vm.xml} and then the manifest: the export is whole. */
	public void finish(ExportedVm vm) throws IOException {
		written.add(dir.resolve(ExportedVm.FILE));
		vm.write(dir);
		List<Manifest.FileEntry> files = new ArrayList<>();
		files.add(ExportVmOperation.entry(dir.resolve(ExportedVm.FILE)));
		files.addAll(streams);
		written.add(dir.resolve(Manifest.NAME + ".part")); //$NON-NLS-1$
		written.add(dir.resolve(Manifest.NAME));
		new Manifest(files, new ArrayList<>(chunks)).write(dir);
		finished = true;
	}

	/** Unless finished: removes every file written, and the folder when it was made for this export. */
	@Override
	public void close() {
		pool.shutdownNow();
		if (finished) {
			return;
		}
		if (open != null) {
			try {
				open.abandon();
			} catch (IOException e) {
				// deleted below either way
			}
		}
		for (Path p : written) {
			try {
				Files.deleteIfExists(p);
			} catch (IOException e) {
				// what cannot be deleted stays, without a manifest: never taken as an export
			}
		}
		if (made) {
			try {
				Files.deleteIfExists(dir);
			} catch (IOException e) {
				// not empty: someone else's file
			}
		}
	}
}
