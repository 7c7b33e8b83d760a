package org.hostdeck.ui.internal.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;

/**
 * Inventory &gt; hosts &gt; their VMs, then a Storage group (pools &gt; volumes) and a Networks group.
 */
class InventoryContentProvider implements ITreeContentProvider {

	/** A folder-like node under a host. Equal by host and kind, so refreshes keep it expanded. */
	record HostGroup(Host host, Kind kind) {
		enum Kind {
			STORAGE, NETWORKS
		}
	}

	private static final Comparator<VirtualMachine> BY_NAME = Comparator.comparing(VirtualMachine::getName,
			Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

	@Override
	public Object[] getElements(Object input) {
		if (input instanceof Inventory inventory) {
			List<Object> roots = new ArrayList<>(inventory.getFolders());
			roots.addAll(inventory.getHosts());
			return roots.toArray();
		}
		return new Object[0];
	}

	@Override
	public Object[] getChildren(Object parent) {
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

	@Override
	public boolean hasChildren(Object element) {
		return getChildren(element).length > 0;
	}
}
