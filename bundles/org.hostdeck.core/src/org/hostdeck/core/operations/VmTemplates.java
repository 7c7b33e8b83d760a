package org.hostdeck.core.operations;

import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;

/**
 * VM templates: shut-off VMs tagged {@code template}. A template is not started (its disks stay as
 * they are, the golden image); new VMs come from it as full or linked clones. Turning it back into
 * a VM takes the tag off. The tag lives in the inventory, like every tag.
 */
public final class VmTemplates {

	/** The tag that makes a VM a template. */
	public static final String TAG = "template"; //$NON-NLS-1$

	private VmTemplates() {
	}

	/** Whether {@code vm} is a template. Read on the model's owner thread. */
	public static boolean isTemplate(VirtualMachine vm) {
		return vm.getTags().stream().anyMatch(t -> TAG.equalsIgnoreCase(t.getName()));
	}

	/**
	 * Makes {@code vm} a template ({@code template}) or a VM again.
	 *
	 * @return why it cannot be done, or {@code null} when done
	 */
	public static String mark(InventoryService service, VirtualMachine vm, boolean template) {
		String refusal = service.query(i -> template && vm.getPowerState() != org.hostdeck.model.PowerState.SHUT_OFF
				? vm.getName() + " is " + vm.getPowerState().getLiteral().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') //$NON-NLS-1$
						+ ": only a shut-off VM becomes a template. Shut it down first." //$NON-NLS-1$
				: null);
		if (refusal != null) {
			return refusal;
		}
		service.modify(i -> {
			Tag tag = i.getTags().stream().filter(t -> TAG.equalsIgnoreCase(t.getName())).findFirst().orElse(null);
			if (template) {
				if (tag == null) {
					tag = InventoryFactory.eINSTANCE.createTag();
					tag.setName(TAG);
					i.getTags().add(tag);
				}
				if (!vm.getTags().contains(tag)) {
					vm.getTags().add(tag);
				}
			} else if (tag != null) {
				vm.getTags().remove(tag);
			}
		});
		return null;
	}
}
