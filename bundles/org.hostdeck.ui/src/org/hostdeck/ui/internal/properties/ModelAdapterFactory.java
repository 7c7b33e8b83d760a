package org.hostdeck.ui.internal.properties;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.ui.views.properties.IPropertySource;
import org.hostdeck.ui.internal.InventoryHolder;

/** Adapts inventory objects to {@link IPropertySource} for the Properties view. */
public class ModelAdapterFactory implements IAdapterFactory {

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adapterType == IPropertySource.class && adaptable instanceof EObject object
				&& object.eClass().getEPackage() == org.hostdeck.model.InventoryPackage.eINSTANCE) {
			return adapterType.cast(new ModelPropertySource(object, InventoryHolder.get()));
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { IPropertySource.class };
	}
}
