package org.hostdeck.ui.internal.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.eclipse.ui.views.properties.TextPropertyDescriptor;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.InventoryPackage;
import org.hostdeck.model.util.Sizes;

/**
 * Every attribute of an inventory object, and its single references by name, for the Properties
 * view. Names and descriptions are edited in place (HostDeck's own data); what the hypervisor owns
 * is shown read-only here and edited in the VM editor, where it is validated and applied.
 */
class ModelPropertySource implements IPropertySource {

	private static final InventoryPackage P = InventoryPackage.eINSTANCE;
	/** Byte counts, shown as KiB/MiB/GiB. */
	private static final Set<EStructuralFeature> SIZES = Set.of(P.getHost_MemoryTotal(), P.getHost_MemoryFree(),
			P.getVirtualMachine_Memory(), P.getVirtualMachine_MaxMemory(), P.getVirtualDisk_Capacity(),
			P.getVirtualDisk_Allocation(), P.getStoragePool_Capacity(), P.getStoragePool_Allocation(),
			P.getStoragePool_Available(), P.getStorageVolume_Capacity(), P.getStorageVolume_Allocation(),
			P.getTemplate_Memory(), P.getTemplate_DiskCapacity());
	/** HostDeck's own data, editable in the Properties view. */
	private static final Set<EStructuralFeature> EDITABLE = Set.of(P.getNamedElement_Description(),
			P.getNetwork_Role(), P.getNetwork_IsolationZone(), P.getHost_MaxNics());

	private final EObject object;
	private final InventoryService service;

	ModelPropertySource(EObject object, InventoryService service) {
		this.object = object;
		this.service = service;
	}

	@Override
	public Object getEditableValue() {
		return this;
	}

	@Override
	public IPropertyDescriptor[] getPropertyDescriptors() {
		List<IPropertyDescriptor> descriptors = new ArrayList<>();
		for (EAttribute attribute : object.eClass().getEAllAttributes()) {
			if (attribute.isMany()) {
				continue;
			}
			PropertyDescriptor d = EDITABLE.contains(attribute) && attribute.getEType() == org.eclipse.emf.ecore.EcorePackage.Literals.ESTRING
					? new TextPropertyDescriptor(attribute, label(attribute))
					: new PropertyDescriptor(attribute, label(attribute));
			d.setCategory(object.eClass().getName().replaceAll("([a-z])([A-Z])", "$1 $2")); //$NON-NLS-1$ //$NON-NLS-2$
			descriptors.add(d);
		}
		for (EReference reference : object.eClass().getEAllReferences()) {
			if (!reference.isMany() && !reference.isContainment()) {
				PropertyDescriptor d = new PropertyDescriptor(reference, label(reference));
				d.setCategory(Messages.Properties_relations);
				descriptors.add(d);
			}
		}
		return descriptors.toArray(new IPropertyDescriptor[0]);
	}

	/** "memoryTotal" becomes "Memory total"; "uuid" becomes "UUID". */
	static String label(EStructuralFeature feature) {
		String name = feature.getName();
		if (name.equals("uuid") || name.equals("uri") || name.equals("mac")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return name.toUpperCase(Locale.ROOT);
		}
		String words = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	@Override
	public Object getPropertyValue(Object id) {
		EStructuralFeature feature = (EStructuralFeature) id;
		Object value = object.eGet(feature);
		if (EDITABLE.contains(feature) && feature.getEType() == org.eclipse.emf.ecore.EcorePackage.Literals.ESTRING) {
			return value == null ? "" : value; //$NON-NLS-1$
		}
		return format(feature, value);
	}

	static String format(EStructuralFeature feature, Object value) {
		if (value == null) {
			return ""; //$NON-NLS-1$
		}
		if (SIZES.contains(feature) && value instanceof Long bytes) {
			return Sizes.format(bytes);
		}
		if (value instanceof Enumerator e) {
			String words = e.getName().replace('_', ' ').toLowerCase(Locale.ROOT);
			return Character.toUpperCase(words.charAt(0)) + words.substring(1);
		}
		if (value instanceof EObject other) {
			EStructuralFeature name = other.eClass().getEStructuralFeature("name"); //$NON-NLS-1$
			return name == null ? other.eClass().getName() : String.valueOf(other.eGet(name));
		}
		return String.valueOf(value);
	}

	@Override
	public boolean isPropertySet(Object id) {
		return false;
	}

	@Override
	public void resetPropertyValue(Object id) {
		// nothing to reset to
	}

	@Override
	public void setPropertyValue(Object id, Object value) {
		EStructuralFeature feature = (EStructuralFeature) id;
		if (EDITABLE.contains(feature)) {
			String text = value == null ? null : value.toString();
			service.modify(i -> object.eSet(feature, text == null || text.isBlank() ? null : text));
		}
	}
}
