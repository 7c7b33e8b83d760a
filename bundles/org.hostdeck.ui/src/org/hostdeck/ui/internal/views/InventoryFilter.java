package org.hostdeck.ui.internal.views;

import java.util.Locale;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;

/**
 * Filters VMs by text (name, description, tag names), power state and tag; a host stays visible while
 * any of its VMs matches or its own name does. Storage and network groups show only without a
 * filter.
 */
final class InventoryFilter extends ViewerFilter {

	private String text = ""; //$NON-NLS-1$
	private PowerState state;
	private String tag;

	/** @return whether anything changed */
	boolean set(String newText, PowerState newState) {
		return set(newText, newState, tag);
	}

	/** @param newTag the name of a tag VMs must carry, or {@code null} for any */
	boolean set(String newText, PowerState newState, String newTag) {
		String normalized = newText == null ? "" : newText.trim().toLowerCase(Locale.ROOT); //$NON-NLS-1$
		boolean changed = !normalized.equals(text) || newState != state || !java.util.Objects.equals(newTag, tag);
		text = normalized;
		state = newState;
		tag = newTag;
		return changed;
	}

	boolean active() {
		return !text.isEmpty() || state != null || tag != null;
	}

	@Override
	public boolean select(Viewer viewer, Object parent, Object element) {
		if (!active()) {
			return true;
		}
		if (element instanceof VirtualMachine vm) {
			return matches(vm);
		}
		if (element instanceof Host host) {
			return (state == null && contains(host.getName()) && tagged(host)) || host.getVms().stream().anyMatch(this::matches);
		}
		return false; // groups, pools, networks, disks: only the unfiltered tree shows them
	}

	boolean matches(VirtualMachine vm) {
		if (state != null && vm.getPowerState() != state || !tagged(vm)) {
			return false;
		}
		if (text.isEmpty()) {
			return true;
		}
		return contains(vm.getName()) || contains(vm.getDescription())
				|| vm.getTags().stream().map(Tag::getName).anyMatch(this::contains);
	}

	private boolean tagged(org.hostdeck.model.NamedElement element) {
		return tag == null || element.getTags().stream().anyMatch(t -> tag.equals(t.getName()));
	}

	private boolean contains(String value) {
		return value != null && value.toLowerCase(Locale.ROOT).contains(text);
	}
}
