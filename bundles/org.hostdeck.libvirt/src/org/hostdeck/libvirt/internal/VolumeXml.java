package org.hostdeck.libvirt.internal;

/** libvirt storage volume XML for the volumes HostDeck makes. */
final class VolumeXml {

	private VolumeXml() {
	}

	/**
	 * @param allocation bytes to allocate up front ({@code null}: libvirt's default, all of a raw file)
	 * @return a new volume {@code name} of {@code capacity} bytes in {@code format}
	 */
	static String of(String name, long capacity, Long allocation, String format) {
		return "<volume><name>" + XmlDocs.escape(name) + "</name><capacity unit='bytes'>" + capacity + "</capacity>" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ (allocation == null ? "" : "<allocation unit='bytes'>" + allocation + "</allocation>") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ "<target><format type='" + XmlDocs.escape(format) + "'/></target></volume>"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** A qcow2 volume {@code name} whose reads go through to {@code backingPath} (of {@code backingFormat}, default raw). */
	static String overlay(String name, long capacity, String backingPath, String backingFormat) {
		return "<volume><name>" + XmlDocs.escape(name) + "</name><capacity unit='bytes'>" + capacity //$NON-NLS-1$ //$NON-NLS-2$
				+ "</capacity><target><format type='qcow2'/></target><backingStore><path>" + XmlDocs.escape(backingPath) //$NON-NLS-1$
				+ "</path><format type='" + XmlDocs.escape(backingFormat == null ? "raw" : backingFormat) + "'/></backingStore></volume>"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}
}
