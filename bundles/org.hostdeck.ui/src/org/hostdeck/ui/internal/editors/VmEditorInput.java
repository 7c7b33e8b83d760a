package org.hostdeck.ui.internal.editors;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.hostdeck.model.VirtualMachine;

/** A VM to edit; two inputs for the same VM (by UUID) are equal, so it opens once. */
public final class VmEditorInput implements IEditorInput {

	private final VirtualMachine vm;
	private final String uuid;

	public VmEditorInput(VirtualMachine vm) {
		this.vm = vm;
		this.uuid = vm.getUuid();
	}

	public VirtualMachine vm() {
		return vm;
	}

	@Override
	public boolean exists() {
		return false;
	}

	@Override
	public ImageDescriptor getImageDescriptor() {
		return ImageDescriptor.getMissingImageDescriptor();
	}

	@Override
	public String getName() {
		return vm.getName();
	}

	@Override
	public IPersistableElement getPersistable() {
		return null;
	}

	@Override
	public String getToolTipText() {
		return vm.getName() + (vm.getHost() == null ? "" : " @ " + vm.getHost().getName()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		return adapter.isInstance(vm) ? adapter.cast(vm) : null;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof VmEditorInput other && Objects.equals(uuid, other.uuid);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(uuid);
	}
}
