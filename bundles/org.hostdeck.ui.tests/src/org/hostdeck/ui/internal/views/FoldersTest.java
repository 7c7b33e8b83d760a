package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.hostdeck.model.Folder;
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
		assertTrue(!inventory.view().drop(List.of(web), db), "a folder is not dropped into another by dragging");

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
}
