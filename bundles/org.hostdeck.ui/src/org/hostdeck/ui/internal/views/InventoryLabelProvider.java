package org.hostdeck.ui.internal.views;

import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Image;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Network;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;

/** Names, with what an administrator scans for next to them in grey. */
class InventoryLabelProvider extends LabelProvider implements IStyledLabelProvider {

	private final InventoryImages images = new InventoryImages();

	@Override
	public String getText(Object element) {
		return getStyledText(element).getString();
	}

	@Override
	public Image getImage(Object element) {
		return images.get(element);
	}

	@Override
	public void dispose() {
		images.dispose();
		super.dispose();
	}

	@Override
	public StyledString getStyledText(Object element) {
		if (element instanceof org.hostdeck.model.Folder folder) {
			int items = folder.getMembers().size() + folder.getFolders().size();
			return new StyledString(folder.getName()).append("  " + NLS.bind(Messages.InventoryView_folderDetail, items), //$NON-NLS-1$
					StyledString.COUNTER_STYLER);
		}
		if (element instanceof Host host) {
			return new StyledString(host.getName()).append("  " + hostDetail(host) + tags(host), StyledString.DECORATIONS_STYLER); //$NON-NLS-1$
		}
		if (element instanceof VirtualMachine vm) {
			return new StyledString(vm.getName()).append("  " + NLS.bind(Messages.InventoryView_vmDetail, //$NON-NLS-1$
					new Object[] { powerState(vm.getPowerState()), vm.getVcpus(), Sizes.format(vm.getMemory()) }) + tags(vm),
					StyledString.DECORATIONS_STYLER);
		}
		if (element instanceof InventoryContentProvider.HostGroup group) {
			return new StyledString(group.kind() == InventoryContentProvider.HostGroup.Kind.STORAGE
					? Messages.InventoryView_storage
					: Messages.InventoryView_networks);
		}
		if (element instanceof StoragePool pool) {
			return new StyledString(pool.getName()).append("  " + NLS.bind(Messages.InventoryView_poolDetail, //$NON-NLS-1$
					new Object[] { pool.getType(), Sizes.format(pool.getAvailable()), Sizes.format(pool.getCapacity()) }),
					StyledString.DECORATIONS_STYLER);
		}
		if (element instanceof StorageVolume volume) {
			return new StyledString(volume.getName()).append("  " + Sizes.format(volume.getCapacity()), //$NON-NLS-1$
					StyledString.DECORATIONS_STYLER);
		}
		if (element instanceof Network network) {
			StyledString s = new StyledString(network.getName());
			String detail = network.getSubnet() == null ? "" : network.getSubnet(); //$NON-NLS-1$
			if (network.getBridge() != null) {
				detail += (detail.isEmpty() ? "" : " · ") + network.getBridge(); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return s.append("  " + detail, StyledString.DECORATIONS_STYLER); //$NON-NLS-1$
		}
		if (element instanceof VirtualDisk disk) {
			String detail = (disk.isCdrom() ? "CD-ROM" : Sizes.format(disk.getCapacity()) + " " + disk.getFormat().getLiteral().toLowerCase()) //$NON-NLS-1$ //$NON-NLS-2$
					+ (disk.getPath() == null ? "" : " · " + disk.getPath()); //$NON-NLS-1$ //$NON-NLS-2$
			return new StyledString(disk.getName() == null ? "?" : disk.getName()).append("  " + detail, StyledString.DECORATIONS_STYLER); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (element instanceof NetworkInterface nic) {
			return new StyledString(nic.getMac() == null ? "NIC" : nic.getMac()).append( //$NON-NLS-1$
					"  " + (nic.getNetworkName() == null ? "" : nic.getNetworkName()) + (nic.getModel() == null ? "" : " · " + nic.getModel()), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					StyledString.DECORATIONS_STYLER);
		}
		return new StyledString(String.valueOf(element));
	}

	private static String tags(org.hostdeck.model.NamedElement element) {
		return element.getTags().isEmpty() ? "" : "  [" + Tags.names(element) + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	static String hostDetail(Host host) {
		if (host.getState() == HostState.CONNECTED) {
			int cpus = host.getCpuSockets() * host.getCpuCores() * host.getCpuThreads();
			return NLS.bind(Messages.InventoryView_hostDetail,
					new Object[] { host.getVms().size(), cpus, Sizes.format(host.getMemoryTotal()) });
		}
		String state = switch (host.getState()) {
		case CONNECTING -> Messages.InventoryView_connecting;
		case ERROR -> Messages.InventoryView_error;
		default -> Messages.InventoryView_disconnected;
		};
		return host.getStateMessage() == null ? state : state + ": " + host.getStateMessage(); //$NON-NLS-1$
	}

	static String powerState(PowerState state) {
		return switch (state) {
		case RUNNING -> Messages.PowerState_running;
		case PAUSED -> Messages.PowerState_paused;
		case SHUTTING_DOWN -> Messages.PowerState_shuttingDown;
		case SHUT_OFF -> Messages.PowerState_shutOff;
		case CRASHED -> Messages.PowerState_crashed;
		case SUSPENDED -> Messages.PowerState_suspended;
		default -> Messages.PowerState_unknown;
		};
	}
}
