package org.hostdeck.ui.internal.wizards;

/** The kinds of host connection the wizard helps to write a libvirt URI for. */
enum ConnectionKind {
	LOCAL_QEMU(Messages.Kind_localQemu, false, false),
	QEMU_SSH(Messages.Kind_qemuSsh, true, true),
	QEMU_TLS(Messages.Kind_qemuTls, true, false),
	XEN_SSH(Messages.Kind_xenSsh, true, true),
	TEST(Messages.Kind_test, false, false),
	CUSTOM(Messages.Kind_custom, false, false);

	final String label;
	final boolean needsHost;
	final boolean hasUser;

	ConnectionKind(String label, boolean needsHost, boolean hasUser) {
		this.label = label;
		this.needsHost = needsHost;
		this.hasUser = hasUser;
	}

	/** Builds the URI from the fields; {@code custom} is used as it is for CUSTOM. */
	String uri(String host, String port, String user, String custom) {
		String authority = (hasUser && !user.isBlank() ? user.trim() + "@" : "") + host.trim() //$NON-NLS-1$ //$NON-NLS-2$
				+ (port.isBlank() ? "" : ":" + port.trim()); //$NON-NLS-1$ //$NON-NLS-2$
		return switch (this) {
		case LOCAL_QEMU -> "qemu:///system"; //$NON-NLS-1$
		// libvirt's own SSH client: it asks HostDeck about unknown host keys and takes passwords
		// from secure storage, which the ssh command of qemu+ssh:// cannot
		case QEMU_SSH -> "qemu+libssh://" + authority + "/system"; //$NON-NLS-1$ //$NON-NLS-2$
		case QEMU_TLS -> "qemu+tls://" + authority + "/system"; //$NON-NLS-1$ //$NON-NLS-2$
		case XEN_SSH -> "xen+libssh://" + authority + "/system"; //$NON-NLS-1$ //$NON-NLS-2$
		case TEST -> "test:///default"; //$NON-NLS-1$
		case CUSTOM -> custom.trim();
		};
	}
}
