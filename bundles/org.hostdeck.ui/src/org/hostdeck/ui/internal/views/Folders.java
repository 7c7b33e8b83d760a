package org.hostdeck.ui.internal.views;

import java.util.List;

import org.eclipse.emf.common.util.EList;
import org.eclipse.osgi.util.NLS;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.NamedElement;
import org.hostdeck.model.VirtualMachine;

/**
 * User folders: named groups of hosts and VMs, nested, kept in the inventory file. A VM or host
 * sits in at most one folder: putting it in another moves it. The objects stay on their hosts.
 */
public final class Folders {

	private Folders() {
	}

	/** @return why {@code name} cannot be a new folder in {@code parent} (null: the top level), or null */
	public static String problem(InventoryService service, Folder parent, String name) {
		if (name == null || name.isBlank()) {
			return Messages.Folders_needName;
		}
		String trimmed = name.trim();
		boolean clash = service.query(i -> (parent == null ? i.getFolders() : parent.getFolders()).stream()
				.anyMatch(f -> trimmed.equalsIgnoreCase(f.getName())));
		return clash ? NLS.bind(Messages.Folders_exists, trimmed) : null;
	}

	/** Creates a folder in {@code parent} (null: top level); the name must pass {@link #problem}. */
	public static Folder create(InventoryService service, Folder parent, String name) {
		return service.query(i -> {
			Folder folder = InventoryFactory.eINSTANCE.createFolder();
			folder.setName(name.trim());
			(parent == null ? i.getFolders() : parent.getFolders()).add(folder);
			return folder;
		});
	}

	/** Moves hosts and VMs into {@code folder}, out of any folder they were in; other objects are ignored. */
	public static void move(InventoryService service, List<?> objects, Folder folder) {
		service.modify(i -> {
			for (Object o : objects) {
				if (o instanceof VirtualMachine || o instanceof Host) {
					NamedElement element = (NamedElement) o;
					i.getFolders().forEach(f -> removeFrom(f, element));
					folder.getMembers().add(element);
				}
			}
		});
	}

	private static void removeFrom(Folder folder, NamedElement element) {
		folder.getMembers().remove(element);
		EList<Folder> children = folder.getFolders();
		children.forEach(child -> removeFrom(child, element));
	}

	/** @return whether {@code objects} holds anything a folder can take */
	public static boolean accepts(List<?> objects) {
		return !objects.isEmpty() && objects.stream().allMatch(o -> o instanceof VirtualMachine || o instanceof Host);
	}
}
