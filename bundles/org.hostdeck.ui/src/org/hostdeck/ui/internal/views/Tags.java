package org.hostdeck.ui.internal.views;

import java.util.Collection;
import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.NamedElement;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;

/** Tags: labels users put on hosts and VMs (many per object), kept in the inventory file. */
public final class Tags {

	private Tags() {
	}

	/** @return why {@code name} cannot be a new tag, or null */
	public static String problem(InventoryService service, String name) {
		if (name == null || name.isBlank()) {
			return Messages.Folders_needName;
		}
		String trimmed = name.trim();
		boolean clash = service.query(i -> i.getTags().stream().anyMatch(t -> trimmed.equalsIgnoreCase(t.getName())));
		return clash ? NLS.bind(Messages.Tags_exists, trimmed) : null;
	}

	/** Creates a tag; the name must pass {@link #problem}. */
	public static Tag create(InventoryService service, String name) {
		Tag tag = InventoryFactory.eINSTANCE.createTag();
		tag.setName(name.trim());
		service.modify(i -> i.getTags().add(tag));
		return tag;
	}

	/** Puts {@code add} on every host and VM of {@code objects} and takes {@code remove} off them. */
	public static void apply(InventoryService service, List<?> objects, Collection<Tag> add, Collection<Tag> remove) {
		service.modify(i -> {
			for (Object o : objects) {
				if (o instanceof VirtualMachine || o instanceof Host) {
					NamedElement element = (NamedElement) o;
					element.getTags().removeAll(remove);
					for (Tag tag : add) {
						if (!element.getTags().contains(tag)) {
							element.getTags().add(tag);
						}
					}
				}
			}
		});
	}

	/** The tag names of {@code element}, sorted, e.g. {@code "prod, web"}; empty without tags. */
	static String names(NamedElement element) {
		return String.join(", ", element.getTags().stream().map(Tag::getName).sorted(String.CASE_INSENSITIVE_ORDER).toList()); //$NON-NLS-1$
	}
}
