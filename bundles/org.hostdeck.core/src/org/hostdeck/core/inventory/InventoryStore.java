package org.hostdeck.core.inventory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.BinaryResourceImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.InventoryPackage;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.TaskOutcome;
import org.hostdeck.model.TaskRecord;
import org.hostdeck.model.VirtualMachine;

/**
 * Keeps the inventory in one file (EMF binary format): saved atomically (temporary file, fsync,
 * rename) with the previous copy kept beside it as {@code <file>.bak}. A damaged file is
 * reported, set aside and the previous copy loaded: nothing is silently lost.
 * The model holds no secrets, so neither does the file.
 */
public final class InventoryStore {

	/** What {@link #load} found, and what the user should be told about it. */
	public record LoadResult(Inventory inventory, IStatus status) {
	}

	private static final Map<String, Object> OPTIONS = Map.of(BinaryResourceImpl.OPTION_VERSION,
			BinaryResourceImpl.BinaryIO.Version.VERSION_1_1, BinaryResourceImpl.OPTION_STYLE_DATA_CONVERTER, Boolean.FALSE);

	/** The inventory file's name in its folder. */
	public static final String FILE_NAME = "inventory.bin"; //$NON-NLS-1$

	private final Path file;

	public InventoryStore(Path file) {
		this.file = file;
	}

	public Path file() {
		return file;
	}

	/**
	 * The inventory of the workspace HostDeck runs in (its {@code -data} folder), which the
	 * workbench and the {@code hostdeck} command line share. A file the workbench kept in its own
	 * state folder before is moved here first.
	 */
	public static InventoryStore ofWorkspace() throws IOException {
		Path dir = org.eclipse.core.runtime.Platform.getStateLocation(org.osgi.framework.FrameworkUtil.getBundle(InventoryStore.class))
				.toPath();
		Path file = dir.resolve(FILE_NAME);
		Path old = dir.resolveSibling("org.hostdeck.ui").resolve(FILE_NAME); //$NON-NLS-1$
		if (!Files.exists(file) && Files.exists(old)) {
			Files.createDirectories(dir);
			Path oldBackup = old.resolveSibling(FILE_NAME + ".bak"); //$NON-NLS-1$
			if (Files.exists(oldBackup)) {
				Files.move(oldBackup, dir.resolve(FILE_NAME + ".bak")); //$NON-NLS-1$
			}
			Files.move(old, file);
		}
		return new InventoryStore(file);
	}

	/**
	 * Takes the inventory for this process alone: the workbench holds it while it runs, the command
	 * line while a command changes the inventory (an advisory lock on {@code <file>.lock}).
	 *
	 * @return the held lock, to close when done; {@code null} when another process (or another
	 *         store in this one) holds it
	 */
	public Lock tryLock() throws IOException {
		Path lockFile = file.resolveSibling(file.getFileName() + ".lock"); //$NON-NLS-1$
		Files.createDirectories(lockFile.toAbsolutePath().getParent());
		FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		try {
			java.nio.channels.FileLock held = channel.tryLock();
			if (held != null) {
				return new Lock(channel);
			}
		} catch (java.nio.channels.OverlappingFileLockException e) {
			// held in this process already
		}
		channel.close();
		return null;
	}

	/** The inventory held by this process until closed. */
	public static final class Lock implements AutoCloseable {
		private final FileChannel channel;

		Lock(FileChannel channel) {
			this.channel = channel;
		}

		@Override
		public void close() throws IOException {
			channel.close();
		}
	}

	public Path backup() {
		return file.resolveSibling(file.getFileName() + ".bak"); //$NON-NLS-1$
	}

	/** Serializes {@code inventory}; call it where the model is stable (the owner thread). */
	public static byte[] serialize(Inventory inventory) throws IOException {
		if (inventory.eResource() != null) {
			throw new IllegalArgumentException("The inventory belongs to a resource already"); //$NON-NLS-1$
		}
		Resource resource = new BinaryResourceImpl(URI.createURI("hostdeck:/inventory")); //$NON-NLS-1$
		resource.getContents().add(inventory);
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			resource.save(out, OPTIONS);
			return out.toByteArray();
		} finally {
			resource.getContents().remove(inventory);
		}
	}

	/** Writes {@code bytes} (from {@link #serialize}) atomically, keeping the previous file as backup. */
	public void write(byte[] bytes) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp"); //$NON-NLS-1$
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			if (Files.exists(file)) {
				Files.copy(file, backup(), StandardCopyOption.REPLACE_EXISTING);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
			syncDirectory(dir);
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	public void save(Inventory inventory) throws IOException {
		write(serialize(inventory));
	}

	/** Saves the inventory {@code service} owns: serialized on its owner thread, written off it. */
	public void save(InventoryService service) throws IOException {
		byte[] bytes;
		try {
			bytes = service.query(i -> {
				try {
					return serialize(i);
				} catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
		} catch (java.io.UncheckedIOException e) {
			throw e.getCause();
		}
		write(bytes);
	}

	private static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		} catch (IOException e) {
			// not every file system lets a directory be synced; the rename is done either way
		}
	}

	/**
	 * Loads the inventory. No file yet: an empty inventory. A damaged file: it is renamed to
	 * {@code <file>.damaged-<time>} and the backup is loaded, with a warning that says so.
	 * Hosts come back disconnected and VMs in state UNKNOWN until their hosts are synced.
	 */
	public LoadResult load() {
		Inventory inventory;
		try {
			inventory = read(file);
		} catch (NoSuchFileException e) {
			return new LoadResult(InventoryFactory.eINSTANCE.createInventory(), Status.OK_STATUS);
		} catch (IOException | RuntimeException e) {
			Path damaged = file.resolveSibling(file.getFileName() + ".damaged-" + Instant.now().toEpochMilli()); //$NON-NLS-1$
			try {
				Files.move(file, damaged);
			} catch (IOException moveFailed) {
				damaged = file;
			}
			try {
				Inventory previous = read(backup());
				resetLiveState(previous);
				return new LoadResult(previous, Status.warning("The inventory file " + file + " is damaged (" + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
						+ "). HostDeck loaded the previous copy " + backup() + "; the damaged file is kept as " + damaged + ".", e)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			} catch (IOException | RuntimeException noBackup) {
				return new LoadResult(InventoryFactory.eINSTANCE.createInventory(),
						Status.error("The inventory file " + file + " is damaged (" + e.getMessage() //$NON-NLS-1$ //$NON-NLS-2$
								+ ") and there is no usable previous copy. HostDeck starts with an empty inventory; the damaged file is kept as " //$NON-NLS-1$
								+ damaged + ".", e)); //$NON-NLS-1$
			}
		}
		resetLiveState(inventory);
		return new LoadResult(inventory, Status.OK_STATUS);
	}

	static Inventory read(Path path) throws IOException {
		byte[] bytes = Files.readAllBytes(path);
		return parse(bytes);
	}

	/** Reads an inventory written by {@link #serialize}. */
	public static Inventory parse(byte[] bytes) throws IOException {
		InventoryPackage.eINSTANCE.eClass(); // registers the package
		Resource resource = new BinaryResourceImpl(URI.createURI("hostdeck:/inventory")); //$NON-NLS-1$
		resource.load(new ByteArrayInputStream(bytes), OPTIONS);
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Inventory)) {
			throw new IOException("no inventory in the file"); //$NON-NLS-1$
		}
		Inventory inventory = (Inventory) resource.getContents().get(0);
		EcoreUtil.resolveAll(inventory);
		resource.getContents().clear();
		return inventory;
	}

	private static void resetLiveState(Inventory inventory) {
		for (TaskRecord task : inventory.getTasks()) {
			if (task.getOutcome() == TaskOutcome.RUNNING) {
				task.setOutcome(TaskOutcome.FAILED);
				task.setMessage("HostDeck stopped while this task was running; check the VM's state."); //$NON-NLS-1$
			}
		}
		for (Host host : inventory.getHosts()) {
			host.setState(HostState.DISCONNECTED);
			host.setStateMessage(null);
			for (VirtualMachine vm : host.getVms()) {
				vm.setPowerState(PowerState.UNKNOWN);
			}
		}
	}
}
