package org.hostdeck.ui.internal.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertySheet;
import org.hostdeck.model.InventoryPackage;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.Test;

class PropertiesViewTest {

	private final UiBot bot = new UiBot();

	private static void collect(TreeItem[] items, Map<String, String> rows) {
		for (TreeItem item : items) {
			item.setExpanded(true);
			rows.put(item.getText(0), item.getText(1));
			collect(item.getItems(), rows);
		}
	}

	@Test
	void aSelectedVmShowsItsPropertiesAndItsDescriptionIsEditable() throws Exception {
		InventoryPage inventory = new InventoryPage(bot);
		VirtualMachine db = inventory.service().query(i -> inventory.host("hv-prague").getVms().stream()
				.filter(v -> v.getName().equals("db-01")).findFirst().orElseThrow());
		inventory.select(List.of(db));
		PropertySheet sheet = (PropertySheet) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
				.showView(IPageLayout.ID_PROP_SHEET);
		inventory.view().setFocus();
		inventory.select(List.of(db));

		Map<String, String> rows = new HashMap<>();
		bot.waitUntil("VM properties shown", () -> {
			Tree tree = (Tree) sheet.getCurrentPage().getControl();
			rows.clear();
			collect(tree.getItems(), rows);
			return rows.containsKey("UUID");
		});
		assertEquals(inventory.service().query(i -> db.getUuid()), rows.get("UUID"));
		assertEquals("32 GiB", rows.get("Memory"), rows.toString());
		assertEquals("8", rows.get("Vcpus"), rows.toString());
		assertEquals("Running", rows.get("Power state"), rows.toString());
		assertEquals("hv-prague", rows.get("Host"), rows.toString());
		assertEquals(PowerState.RUNNING, inventory.state(db));

		IPropertySource source = org.eclipse.core.runtime.Adapters.adapt(db, IPropertySource.class);
		source.setPropertyValue(InventoryPackage.Literals.NAMED_ELEMENT__DESCRIPTION, "primary database");
		assertEquals("primary database", inventory.service().query(i -> db.getDescription()));
		source.setPropertyValue(InventoryPackage.Literals.VIRTUAL_MACHINE__MEMORY, "1");
		assertTrue(inventory.service().query(i -> db.getMemory()) == 32L << 30,
				"what the hypervisor owns is not changed from the Properties view");
	}
}
