package org.hostdeck.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.hostdeck.model.Host;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.ui.UiBot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tags put on VMs from the Tags dialog, shown in the tree and used as a filter. */
class TagsTest {

	private static final String TAGS = "org.hostdeck.ui.tags.edit";

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;

	@AfterEach
	void removeTags() {
		if (inventory != null) {
			Combo tag = bot.widgetById(Combo.class, InventoryView.FILTER_TAG_ID);
			tag.select(0);
			tag.notifyListeners(SWT.Selection, new Event());
			inventory.service().modify(i -> {
				i.getHosts().forEach(h -> h.getVms().forEach(v -> v.getTags().clear()));
				i.getTags().clear();
			});
			bot.flush();
		}
	}

	private VirtualMachine vm(Host host, String name) {
		return inventory.service().query(i -> host.getVms().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow());
	}

	private List<String> visibleVms(Tree tree) {
		List<String> names = new ArrayList<>();
		for (TreeItem host : tree.getItems()) {
			if (host.getExpanded()) {
				for (TreeItem vm : host.getItems()) {
					names.add(vm.getText().split(" ")[0]);
				}
			}
		}
		return names;
	}

	@Test
	void tagsAreMadePutOnShownAndFilteredBy() throws Exception {
		inventory = new InventoryPage(bot);
		Host prague = inventory.host("hv-prague");
		VirtualMachine db1 = vm(prague, "db-01");
		VirtualMachine db2 = vm(prague, "db-02");
		inventory.select(List.of(db1, db2));
		bot.waitUntil("Tags... enabled", () -> inventory.enabled(TAGS));

		bot.whenShellOpens("Tags", shell -> {
			Text name = bot.widgetById(Text.class, "tags.name");
			bot.typeText(name, "production");
			bot.click(bot.button(shell, "New Tag"));
			Table table = bot.widgetById(Table.class, "tags.table");
			assertEquals(1, table.getItemCount());
			assertTrue(table.getItem(0).getChecked(), "a new tag is checked for the selection");
			bot.typeText(name, "Production");
			assertFalse(bot.button(shell, "New Tag").isEnabled(), "tag names are unique, whatever their case");
			bot.typeText(name, "");
			bot.click(bot.button(shell, "Apply"));
		});
		inventory.run(TAGS);
		assertEquals(List.of("production", "production"), inventory.service().query(i -> List.of(db1, db2).stream()
				.flatMap(v -> v.getTags().stream()).map(Tag::getName).toList()));

		Tree tree = inventory.view().getViewer().getTree();
		bot.waitUntil("db-01 shows its tag", () -> {
			var item = inventory.view().getViewer().testFindItem(db1);
			return item instanceof TreeItem t && t.getText().endsWith("[production]");
		});

		Combo tagFilter = bot.widgetById(Combo.class, InventoryView.FILTER_TAG_ID);
		bot.waitUntil("the tag in the filter choice", () -> List.of(tagFilter.getItems()).contains("production"));
		tagFilter.select(List.of(tagFilter.getItems()).indexOf("production"));
		tagFilter.notifyListeners(SWT.Selection, new Event());
		bot.flush();
		bot.waitUntil("only the tagged VMs", () -> visibleVms(tree).equals(List.of("db-01", "db-02")));
		assertEquals(1, tree.getItemCount(), "only their host");

		// take it off one of them
		inventory.selectPath(prague, db2);
		bot.whenShellOpens("Tags", shell -> {
			Table table = bot.widgetById(Table.class, "tags.table");
			table.getItem(0).setChecked(false);
			bot.click(bot.button(shell, "Apply"));
		});
		inventory.run(TAGS);
		bot.waitUntil("only db-01 left", () -> visibleVms(tree).equals(List.of("db-01")));
	}
}
