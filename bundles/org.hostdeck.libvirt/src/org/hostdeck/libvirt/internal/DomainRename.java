package org.hostdeck.libvirt.internal;

import org.hostdeck.core.driver.DriverException;
import org.libvirt.Domain;

import com.sun.jna.Pointer;

/**
 * Renames a domain with libvirt's virDomainRename, which libvirt-java 0.5.4 does not bind: the
 * call goes through JNA on the domain's own pointer. libvirt renames only shut-off domains and
 * keeps UUID, disks, snapshots and autostart.
 */
final class DomainRename {

	private static final int VIR_ERR_INVALID_ARG = 8;
	private static final int VIR_ERR_OPERATION_INVALID = 55;
	private static final int VIR_ERR_NO_SUPPORT = 3;

	private DomainRename() {
	}

	static void rename(Domain domain, String newName, String what) throws DriverException {
		Pointer pointer;
		try {
			pointer = LibvirtCalls.pointer(domain, "vdp"); //$NON-NLS-1$
		} catch (ReflectiveOperationException | RuntimeException e) {
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED,
					what + ": this libvirt-java cannot rename VMs (" + e + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		LibvirtCalls libvirt = LibvirtCalls.get();
		if (libvirt.virDomainRename(pointer, newName, 0) < 0) {
			int code = libvirt.virGetLastErrorCode();
			DriverException.Reason reason = switch (code) {
			case VIR_ERR_OPERATION_INVALID -> DriverException.Reason.INVALID_STATE;
			case VIR_ERR_INVALID_ARG -> DriverException.Reason.INVALID_ARGUMENT;
			case VIR_ERR_NO_SUPPORT -> DriverException.Reason.NOT_SUPPORTED;
			default -> DriverException.Reason.OTHER;
			};
			throw new DriverException(reason, what + ": " + libvirt.virGetLastErrorMessage()); //$NON-NLS-1$
		}
	}
}
