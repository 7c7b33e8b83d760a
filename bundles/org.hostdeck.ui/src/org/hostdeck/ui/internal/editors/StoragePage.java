package org.hostdeck.ui.internal.editors;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.util.Sizes;

/** The VM's disks: add (a new volume), remove (optionally with its volume), grow. */
public class StoragePage extends DevicePage<VirtualDisk> {

	public static final String ID = "storage"; //$NON-NLS-1$

	StoragePage(VmEditor editor) {
		super(editor, ID, Messages.VmEditor_storage, "vmEditor.disks", List.of( //$NON-NLS-1$
				new TablePage.Column<VirtualDisk>(Messages.VmEditor_device, 70, VirtualDisk::getName),
				new TablePage.Column<VirtualDisk>(Messages.VmEditor_size, 80,
						d -> d.isCdrom() ? Messages.VmEditor_cdrom : d.getCapacity() > 0 ? Sizes.format(d.getCapacity()) : "?"), //$NON-NLS-1$
				new TablePage.Column<VirtualDisk>(Messages.VmEditor_format, 60, d -> d.getFormat().getLiteral().toLowerCase()),
				new TablePage.Column<VirtualDisk>(Messages.VmEditor_bus, 60, d -> d.getBus().getLiteral().toLowerCase()),
				new TablePage.Column<VirtualDisk>(Messages.VmEditor_volume, 260,
						d -> d.getVolume() != null ? d.getVolume().getPool().getName() + " / " + d.getVolume().getName() : d.getPath()))); //$NON-NLS-1$
	}

	@Override
	List<VirtualDisk> rows() {
		return new ArrayList<>(vm().getDisks());
	}

	@Override
	void createButtons(Composite parent, FormToolkit toolkit) {
		button(parent, toolkit, Messages.VmEditor_addDisk, "vmEditor.addDisk", false, d -> addDisk()); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_resizeDisk, "vmEditor.resizeDisk", true, this::resize); //$NON-NLS-1$
		button(parent, toolkit, Messages.VmEditor_removeDisk, "vmEditor.removeDisk", true, this::remove); //$NON-NLS-1$
	}

	private void addDisk() {
		List<StoragePool> pools = vm().getHost().getStoragePools().stream().filter(StoragePool::isActive).toList();
		// where the VM's disks are already, else the pool with the most room
		StoragePool preferred = vm().getDisks().stream().filter(d -> d.getVolume() != null).map(d -> d.getVolume().getPool())
				.findFirst().orElse(pools.stream().max(java.util.Comparator.comparingLong(StoragePool::getAvailable)).orElse(null));
		AddDiskDialog dialog = new AddDiskDialog(getSite().getShell(), vm().getName(), pools, preferred);
		if (dialog.open() == Window.OK) {
			run(VmDeviceOperation.addDisk(vmEditor().service(), vm(), dialog.pool(), dialog.capacity(), dialog.format(),
					dialog.bus()));
		}
	}

	private void resize(VirtualDisk disk) {
		long current = disk.getCapacity();
		IInputValidator validator = text -> {
			try {
				return AddDiskDialog.bytes(AddDiskDialog.gib(text)) > current ? null : NLS.bind(Messages.VmEditor_growOnly, Sizes.format(current));
			} catch (NumberFormatException e) {
				return NLS.bind(Messages.VmEditor_notANumber, text.trim());
			}
		};
		InputDialog dialog = new InputDialog(getSite().getShell(), Messages.VmEditor_resizeTitle,
				NLS.bind(Messages.VmEditor_resizePrompt, disk.getName(), Sizes.format(current)),
				Long.toString(Math.max(1, (current + Sizes.GIB - 1) / Sizes.GIB * 2)), validator);
		if (dialog.open() == Window.OK) {
			run(VmDeviceOperation.resizeDisk(vmEditor().service(), vm(), disk.getName(),
					AddDiskDialog.bytes(AddDiskDialog.gib(dialog.getValue()))));
		}
	}

	private void remove(VirtualDisk disk) {
		String volume = disk.getVolume() == null ? null : disk.getVolume().getName();
		boolean[] deleteVolume = new boolean[1];
		MessageDialog dialog = new MessageDialog(getSite().getShell(), Messages.VmEditor_removeTitle, null,
				NLS.bind(Messages.VmEditor_removePrompt, disk.getName(), vm().getName()), MessageDialog.QUESTION, 0,
				Messages.VmEditor_removeButton, IDialogConstants.CANCEL_LABEL) {
			@Override
			protected Control createCustomArea(Composite parent) {
				if (volume == null) {
					return null;
				}
				Button check = new Button(parent, SWT.CHECK);
				check.setText(NLS.bind(Messages.VmEditor_deleteVolume, volume));
				check.addListener(SWT.Selection, e -> deleteVolume[0] = check.getSelection());
				return check;
			}
		};
		if (dialog.open() == 0) {
			run(VmDeviceOperation.removeDisk(vmEditor().service(), vm(), disk.getName(), deleteVolume[0]));
		}
	}
}
