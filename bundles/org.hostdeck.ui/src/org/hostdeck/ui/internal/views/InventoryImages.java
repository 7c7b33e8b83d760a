package org.hostdeck.ui.internal.views;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.graphics.Image;
import org.hostdeck.model.Host;
import org.hostdeck.model.Network;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;
import org.osgi.framework.FrameworkUtil;

/** Icons of inventory objects, showing power and connection state; disposed with their owner. */
final class InventoryImages {

	private final LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources());
	private final Map<String, Image> images = new HashMap<>();

	Image get(Object element) {
		String name = name(element);
		return name == null ? null : images.computeIfAbsent(name, n -> resources.create(descriptor(n)));
	}

	static ImageDescriptor descriptor(String name) {
		return ImageDescriptor.createFromURL(FrameworkUtil.getBundle(InventoryImages.class).getEntry("icons/obj16/" + name + ".png")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String name(Object element) {
		if (element instanceof Host host) {
			return switch (host.getState()) {
			case CONNECTED -> "host_connected"; //$NON-NLS-1$
			case CONNECTING -> "host_connecting"; //$NON-NLS-1$
			case ERROR -> "host_error"; //$NON-NLS-1$
			default -> "host_disconnected"; //$NON-NLS-1$
			};
		}
		if (element instanceof VirtualMachine vm) {
			return switch (vm.getPowerState()) {
			case RUNNING -> "vm_running"; //$NON-NLS-1$
			case PAUSED, SUSPENDED -> "vm_paused"; //$NON-NLS-1$
			case SHUT_OFF -> "vm_off"; //$NON-NLS-1$
			case SHUTTING_DOWN -> "vm_transition"; //$NON-NLS-1$
			case CRASHED -> "vm_crashed"; //$NON-NLS-1$
			default -> "vm_unknown"; //$NON-NLS-1$
			};
		}
		if (element instanceof InventoryContentProvider.HostGroup || element instanceof org.hostdeck.model.Folder) {
			return "folder"; //$NON-NLS-1$
		}
		if (element instanceof StoragePool) {
			return "pool"; //$NON-NLS-1$
		}
		if (element instanceof StorageVolume) {
			return "volume"; //$NON-NLS-1$
		}
		if (element instanceof org.hostdeck.model.VirtualDisk) {
			return "volume"; //$NON-NLS-1$
		}
		if (element instanceof Network || element instanceof org.hostdeck.model.NetworkInterface) {
			return "network"; //$NON-NLS-1$
		}
		return null;
	}

	void dispose() {
		resources.dispose();
		images.clear();
	}
}
