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
 * sits in at most one folder: putting it in another moves it. The objects stay on their hosts;
 * deleting a folder only ungroups them.
 */
public final class Folders {

	private Folders() {
	}

	/** @return why {@code name} cannot be a new folder in {@code parent} (null: the top level), or null */
	public static String problem(InventoryService service, Folder parent, String name) {
		return problem(service, parent, null, name);
	}

	/** @return why {@code folder} cannot be renamed to {@code name} (a sibling has it), or null */
	public static String renameProblem(InventoryService service, Folder folder, String name) {
		Folder parent = service.query(i -> folder.eContainer() instanceof Folder f ? f : null);
		return problem(service, parent, folder, name);
	}

	private static String problem(InventoryService service, Folder parent, Folder self, String name) {
		if (name == null || name.isBlank()) {
			return Messages.Folders_needName;
		}
		String trimmed = name.trim();
		boolean clash = service.query(i -> (parent == null ? i.getFolders() : parent.getFolders()).stream()
				.anyMatch(f -> f != self && trimmed.equalsIgnoreCase(f.getName())));
		return clash ? NLS.bind(Messages.Folders_exists, trimmed) : null;
	}

	/** Renames {@code folder}; the name must pass {@link #renameProblem}. */
	public static void rename(InventoryService service, Folder folder, String name) {
		service.modify(i -> folder.setName(name.trim()));
	}

	/**
	 * Deletes {@code folder} and the folders in it. Their hosts and VMs are only ungrouped: they
	 * stay on their hosts and in the inventory.
	 */
	public static void delete(InventoryService service, Folder folder) {
		service.modify(i -> org.eclipse.emf.ecore.util.EcoreUtil.remove(folder));
	}

	/** Takes hosts and VMs out of whatever folder holds them. */
	public static void ungroup(InventoryService service, List<?> objects) {
		service.modify(i -> {
			for (Object o : objects) {
				if (o instanceof VirtualMachine || o instanceof Host) {
					i.getFolders().forEach(f -> removeFrom(f, (NamedElement) o));
				}
			}
		});
	}

	/** @return whether any of {@code objects} is a host or VM in a folder */
	public static boolean anyGrouped(InventoryService service, List<?> objects) {
		return service.query(i -> objects.stream().anyMatch(o -> (o instanceof VirtualMachine || o instanceof Host)
				&& i.getFolders().stream().anyMatch(f -> holds(f, o))));
	}

	private static boolean holds(Folder folder, Object o) {
		return folder.getMembers().contains(o) || folder.getFolders().stream().anyMatch(f -> holds(f, o));
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

	/**
	 * Moves hosts and VMs into {@code folder}, out of any folder they were in, and nests folders in
	 * it; other objects, and folders that would end up inside themselves, are ignored.
	 */
	public static void move(InventoryService service, List<?> objects, Folder folder) {
		service.modify(i -> {
			for (Object o : objects) {
				if (o instanceof VirtualMachine || o instanceof Host) {
					NamedElement element = (NamedElement) o;
					i.getFolders().forEach(f -> removeFrom(f, element));
					folder.getMembers().add(element);
				} else if (o instanceof Folder nested && !contains(nested, folder)) {
					folder.getFolders().add(nested); // containment: leaves its old parent
				}
			}
		});
	}

	/** @return whether {@code inner} is {@code outer} or lies inside it */
	private static boolean contains(Folder outer, Folder inner) {
		for (org.eclipse.emf.ecore.EObject e = inner; e != null; e = e.eContainer()) {
			if (e == outer) {
				return true;
			}
		}
		return false;
	}

	private static void removeFrom(Folder folder, NamedElement element) {
		folder.getMembers().remove(element);
		EList<Folder> children = folder.getFolders();
		children.forEach(child -> removeFrom(child, element));
	}

	/** @return whether {@code objects} holds only what a folder can take: hosts, VMs, folders */
	public static boolean accepts(List<?> objects) {
		return !objects.isEmpty()
				&& objects.stream().allMatch(o -> o instanceof VirtualMachine || o instanceof Host || o instanceof Folder);
	}

	/** @return whether {@code objects} can be dropped on {@code target}: no folder onto itself or into its own subfolder */
	public static boolean accepts(List<?> objects, Folder target) {
		return accepts(objects) && objects.stream().noneMatch(o -> o instanceof Folder f && contains(f, target));
	}
}
