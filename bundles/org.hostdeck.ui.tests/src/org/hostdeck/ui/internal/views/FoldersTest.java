package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.hostdeck.model.Folder;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FoldersTest {

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;

	@AfterEach
	void removeFolders() {
		if (inventory != null) {
			inventory.service().modify(i -> i.getFolders().clear());
			bot.flush();
		}
	}

	private VirtualMachine vm(String host, String name) {
		return inventory.service().query(i -> inventory.host(host).getVms().stream().filter(v -> v.getName().equals(name))
				.findFirst().orElseThrow());
	}

	@Test
	void vmsDroppedOnAFolderAreGroupedThereAndStayOnTheirHosts() throws Exception {
		inventory = new InventoryPage(bot);
		var service = inventory.service();
		assertEquals("Enter a name.", Folders.problem(service, null, "  "));
		Folder web = Folders.create(service, null, "Web tier");
		assertEquals("This folder has an entry named 'web tier' already.", Folders.problem(service, null, "web tier"));
		assertNull(Folders.problem(service, null, "Databases"));
		Folder db = Folders.create(service, null, "Databases");

		VirtualMachine web1 = vm("hv-prague", "web-01");
		VirtualMachine web2 = vm("hv-prague", "web-02");
		assertTrue(inventory.view().drop(List.of(web1, web2), web));

		Tree tree = inventory.view().getViewer().getTree();
		bot.waitUntil("the folder in the tree", () -> Arrays.stream(tree.getItems()).anyMatch(i -> i.getText().startsWith("Web tier ")));
		TreeItem folderItem = Arrays.stream(tree.getItems()).filter(i -> i.getText().startsWith("Web tier ")).findFirst().get();
		assertTrue(folderItem.getText().contains("2 items"), folderItem.getText());
		inventory.view().getViewer().setExpandedState(web, true);
		bot.flush();
		assertEquals(List.of("web-01", "web-02"), Arrays.stream(folderItem.getItems()).map(i -> i.getText().split(" ")[0]).toList());
		assertEquals(24, (int) service.query(i -> inventory.host("hv-prague").getVms().size()), "the VMs stay on their host");

		assertTrue(inventory.view().drop(List.of(web2), db));
		assertEquals(List.of(web1), service.query(i -> List.copyOf(web.getMembers())), "moved, not copied");
		assertEquals(List.of(web2), service.query(i -> List.copyOf(db.getMembers())));
	}

	@Test
	void foldersNestRenameUngroupAndDeleteWithoutTouchingTheirVms() throws Exception {
		inventory = new InventoryPage(bot);
		var service = inventory.service();
		Folder web = Folders.create(service, null, "Web tier");
		Folder prod = Folders.create(service, null, "Production");
		VirtualMachine web1 = vm("hv-prague", "web-01");
		VirtualMachine web2 = vm("hv-prague", "web-02");
		assertTrue(inventory.view().drop(List.of(web1, web2), web));

		assertTrue(inventory.view().drop(List.of(web), prod), "a folder dropped on a folder nests in it");
		assertEquals(List.of(web), service.query(i -> List.copyOf(prod.getFolders())));
		assertEquals(List.of(prod), service.query(i -> List.copyOf(i.getFolders())));
		assertFalse(inventory.view().drop(List.of(prod), web), "a folder cannot go into its own subfolder");
		assertFalse(inventory.view().drop(List.of(prod), prod));

		// Rename... (F2) with a name check
		inventory.selectPath(prod);
		assertTrue(inventory.contextMenu().containsAll(List.of("Rename...", "Delete Folder...")), inventory.contextMenu().toString());
		Folders.create(service, null, "Staging");
		bot.whenShellOpens("Rename Folder", shell -> {
			Text name = bot.widget(Text.class, "the name", t -> t.getShell() == shell);
			bot.typeText(name, "staging");
			assertFalse(bot.button(shell, "OK").isEnabled(), "the name of a sibling is refused");
			bot.typeText(name, "Live");
			bot.click(bot.button(shell, "OK"));
		});
		bot.waitUntil("Rename enabled", () -> inventory.enabled("org.hostdeck.ui.rename"));
		inventory.run("org.hostdeck.ui.rename");
		assertEquals("Live", service.query(i -> prod.getName()));

		// Remove from Folder
		inventory.selectPath(inventory.host("hv-prague"), web1); // web-01 shows under its host and in its folder
		bot.waitUntil("Remove from Folder enabled", () -> inventory.enabled("org.hostdeck.ui.folder.ungroup"));
		inventory.run("org.hostdeck.ui.folder.ungroup");
		assertEquals(List.of(web2), service.query(i -> List.copyOf(web.getMembers())));

		// Delete Folder: the folder and its subfolder go, the VMs stay on their host
		inventory.selectPath(prod);
		bot.whenShellOpens("Delete Folder", shell -> bot.click(bot.button(shell, "Delete Folder")));
		bot.waitUntil("Delete Folder enabled", () -> inventory.enabled("org.hostdeck.ui.folder.delete"));
		inventory.run("org.hostdeck.ui.folder.delete");
		assertEquals(List.of("Staging"), service.query(i -> i.getFolders().stream().map(Folder::getName).toList()));
		assertTrue(service.query(i -> inventory.host("hv-prague").getVms().containsAll(List.of(web1, web2))));
	}
}
