package org.hostdeck.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryStoreTest {

	private static final InventoryFactory F = InventoryFactory.eINSTANCE;

	@TempDir
	Path dir;

	private static Inventory sample(String description) {
		Inventory inventory = F.createInventory();
		Tag prod = F.createTag();
		prod.setName("production");
		inventory.getTags().add(prod);
		Host host = F.createHost();
		host.setName("hv-a");
		host.setUri("qemu+ssh://root@hv-a/system");
		host.setState(HostState.CONNECTED);
		inventory.getHosts().add(host);
		VirtualMachine vm = F.createVirtualMachine();
		vm.setName("web");
		vm.setUuid("11111111-2222-3333-4444-555555555555");
		vm.setDescription(description);
		vm.setPowerState(PowerState.RUNNING);
		vm.getTags().add(prod);
		host.getVms().add(vm);
		Folder folder = F.createFolder();
		folder.setName("Front ends");
		folder.getMembers().add(vm);
		inventory.getFolders().add(folder);
		return inventory;
	}

	@Test
	void roundTripKeepsUserDataAndReferences() throws Exception {
		InventoryStore store = new InventoryStore(dir.resolve("inventory.bin"));
		store.save(sample("front end"));

		InventoryStore.LoadResult loaded = store.load();
		assertTrue(loaded.status().isOK(), loaded.status().getMessage());
		Inventory inventory = loaded.inventory();
		Host host = inventory.getHosts().get(0);
		VirtualMachine vm = host.getVms().get(0);
		assertEquals("qemu+ssh://root@hv-a/system", host.getUri());
		assertEquals("front end", vm.getDescription());
		assertSame(inventory.getTags().get(0), vm.getTags().get(0), "tag reference restored");
		assertSame(vm, inventory.getFolders().get(0).getMembers().get(0), "folder member restored");
		assertEquals(HostState.DISCONNECTED, host.getState(), "live state is not trusted from disk");
		assertEquals(PowerState.UNKNOWN, vm.getPowerState());
	}

	@Test
	void saveKeepsThePreviousCopyAndLeavesNoTemporaryFiles() throws Exception {
		InventoryStore store = new InventoryStore(dir.resolve("inventory.bin"));
		store.save(sample("first"));
		store.save(sample("second"));

		assertEquals("second", store.load().inventory().getHosts().get(0).getVms().get(0).getDescription());
		assertEquals("first", InventoryStore.read(store.backup()).getHosts().get(0).getVms().get(0).getDescription());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of("inventory.bin", "inventory.bin.bak"),
					files.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	@Test
	void aDamagedFileIsReportedKeptAsideAndThePreviousCopyLoaded() throws Exception {
		InventoryStore store = new InventoryStore(dir.resolve("inventory.bin"));
		store.save(sample("first"));
		store.save(sample("second"));
		byte[] bytes = Files.readAllBytes(store.file());
		Files.write(store.file(), java.util.Arrays.copyOf(bytes, bytes.length / 2)); // torn write

		InventoryStore.LoadResult loaded = store.load();
		assertEquals(IStatus.WARNING, loaded.status().getSeverity());
		assertTrue(loaded.status().getMessage().contains("damaged"), loaded.status().getMessage());
		assertTrue(loaded.status().getMessage().contains(store.backup().toString()), loaded.status().getMessage());
		assertEquals("first", loaded.inventory().getHosts().get(0).getVms().get(0).getDescription());
		try (Stream<Path> files = Files.list(dir)) {
			assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("inventory.bin.damaged-")),
					"the damaged file is kept for the user");
		}
	}

	@Test
	void noFileMeansAnEmptyInventory() {
		InventoryStore.LoadResult loaded = new InventoryStore(dir.resolve("none.bin")).load();
		assertTrue(loaded.status().isOK());
		assertTrue(loaded.inventory().getHosts().isEmpty());
	}

	@Test
	void damagedWithoutBackupIsAnErrorAndNothingIsDeleted() throws Exception {
		Path file = dir.resolve("inventory.bin");
		Files.writeString(file, "not an inventory");
		InventoryStore.LoadResult loaded = new InventoryStore(file).load();
		assertEquals(IStatus.ERROR, loaded.status().getSeverity());
		assertTrue(loaded.inventory().getHosts().isEmpty());
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.toList().isEmpty(), "the damaged file must survive");
		}
	}
}
