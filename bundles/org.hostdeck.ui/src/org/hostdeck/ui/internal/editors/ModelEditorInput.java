package org.hostdeck.ui.internal.editors;

import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/**
 * An inventory object to open in an editor. Two inputs of the same kind with the same key (a VM's
 * UUID, a host's URI) are equal, so an object opens in one editor only.
 */
abstract class ModelEditorInput<T extends EObject> implements IEditorInput {

	private final T object;
	private final String key;

	ModelEditorInput(T object, String key) {
		this.object = object;
		this.key = key;
	}

	T object() {
		return object;
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
	public IPersistableElement getPersistable() {
		return null;
	}

	@Override
	public <A> A getAdapter(Class<A> adapter) {
		return adapter.isInstance(object) ? adapter.cast(object) : null;
	}

	@Override
	public boolean equals(Object o) {
		return o != null && o.getClass() == getClass() && Objects.equals(key, ((ModelEditorInput<?>) o).key);
	}

	@Override
	public int hashCode() {
		return Objects.hash(getClass(), key);
	}
}
