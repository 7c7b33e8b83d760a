package org.hostdeck.ui.internal.editors;

import org.hostdeck.model.VirtualMachine;

/** A VM to edit, identified by its UUID. */
public final class VmEditorInput extends ModelEditorInput<VirtualMachine> {

	public VmEditorInput(VirtualMachine vm) {
		super(vm, vm.getUuid());
	}

	public VirtualMachine vm() {
		return object();
	}

	@Override
	public String getName() {
		return vm().getName();
	}

	@Override
	public String getToolTipText() {
		return org.hostdeck.ui.internal.handlers.VmJobs.target(vm());
	}
}
