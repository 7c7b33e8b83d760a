package org.hostdeck.ui.internal.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ILazyTreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;

/**
 * Inventory &gt; folders and hosts &gt; their VMs, then a Storage group (pools &gt; volumes) and a
 * Networks group. Lazy: the virtual tree asks only for the rows it shows, so a host with 10,000
 * VMs expands in the time a screenful takes. Sorting and the {@link InventoryFilter} happen here
 * (a lazy viewer applies no viewer filters); each parent's filtered, sorted children are computed
 * once and kept until {@link #invalidate()}.
 */
class InventoryContentProvider implements ILazyTreeContentProvider {

	private final InventoryFilter filter;
	private final Map<Object, Object[]> cache = new HashMap<>();
	private TreeViewer viewer;
	private Object input;

	InventoryContentProvider(InventoryFilter filter) {
		this.filter = filter;
	}

	@Override
	public void inputChanged(Viewer v, Object oldInput, Object newInput) {
		viewer = (TreeViewer) v;
		input = newInput;
		cache.clear();
	}

	/** Forgets the computed children: the model or the filter changed. */
	void invalidate() {
		cache.clear();
	}

	/** The filtered, sorted children of {@code parent} (the input for the roots). */
	Object[] children(Object parent) {
		return cache.computeIfAbsent(parent, p -> {
			Object[] all = p == input ? getElements(p) : getChildren(p);
			if (!filter.active()) {
				return all;
			}
			List<Object> kept = new ArrayList<>(all.length);
			for (Object child : all) {
				if (filter.select(viewer, p, child)) {
					kept.add(child);
				}
			}
			return kept.toArray();
		});
	}

	@Override
	public void updateElement(Object parent, int index) {
		Object[] children = children(parent);
		if (index < children.length) {
			Object child = children[index];
			viewer.replace(parent, index, child);
			// a collapsed row gets one placeholder child; its real rows come when it opens: GTK
			// then asks only for the rows it shows (rows added under a closed row are all measured)
			viewer.setChildCount(child, children(child).length);
		}
	}

	@Override
	public void updateChildCount(Object element, int currentChildCount) {
		int count = children(element).length;
		if (count != currentChildCount) {
			viewer.setChildCount(element, count);
		}
	}

	/** A folder-like node under a host. Equal by host and kind, so refreshes keep it expanded. */
	record HostGroup(Host host, Kind kind) {
		enum Kind {
			STORAGE, NETWORKS
		}
	}

	private static final Comparator<VirtualMachine> BY_NAME = Comparator.comparing(VirtualMachine::getName,
			Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

	private Object[] getElements(Object input) {
		if (input instanceof Inventory inventory) {
			List<Object> roots = new ArrayList<>(inventory.getFolders());
			roots.addAll(inventory.getHosts());
			return roots.toArray();
		}
		return new Object[0];
	}

	private Object[] getChildren(Object parent) {
		if (parent instanceof Folder folder) {
			List<Object> children = new ArrayList<>(folder.getFolders());
			children.addAll(folder.getMembers());
			return children.toArray();
		}
		if (parent instanceof Host host) {
			List<Object> children = new ArrayList<>(host.getVms());
			children.sort((a, b) -> BY_NAME.compare((VirtualMachine) a, (VirtualMachine) b));
			if (!host.getStoragePools().isEmpty()) {
				children.add(new HostGroup(host, HostGroup.Kind.STORAGE));
			}
			if (!host.getNetworks().isEmpty()) {
				children.add(new HostGroup(host, HostGroup.Kind.NETWORKS));
			}
			return children.toArray();
		}
		if (parent instanceof HostGroup group) {
			return group.kind() == HostGroup.Kind.STORAGE ? group.host().getStoragePools().toArray()
					: group.host().getNetworks().toArray();
		}
		if (parent instanceof StoragePool pool) {
			return pool.getVolumes().toArray();
		}
		if (parent instanceof VirtualMachine vm) {
			List<Object> children = new ArrayList<>(vm.getDisks());
			children.addAll(vm.getNics());
			return children.toArray();
		}
		return new Object[0];
	}

	@Override
	public Object getParent(Object element) {
		if (element instanceof Folder folder) {
			return folder.eContainer() instanceof Folder parent ? parent : null;
		}
		if (element instanceof VirtualMachine vm) {
			return vm.getHost();
		}
		if (element instanceof HostGroup group) {
			return group.host();
		}
		if (element instanceof StoragePool pool) {
			return new HostGroup(pool.getHost(), HostGroup.Kind.STORAGE);
		}
		if (element instanceof Network network) {
			return new HostGroup(network.getHost(), HostGroup.Kind.NETWORKS);
		}
		if (element instanceof StorageVolume volume) {
			return volume.getPool();
		}
		if (element instanceof org.eclipse.emf.ecore.EObject object && object.eContainer() instanceof VirtualMachine vm) {
			return vm;
		}
		return null;
	}
}
