package org.hostdeck.libvirt.internal;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Turns libvirt's errors into messages a user can act on. */
final class Errors {

	private Errors() {
	}

	static DriverException toDriverException(LibvirtException e, String what) {
		return toDriverException(e.getError(), e.getMessage(), what, e);
	}

	/** For libvirt calls made without libvirt-java: its last error, read by the caller. */
	static DriverException toDriverException(Error error, String what, Throwable cause) {
		return toDriverException(error, "libvirt gave no reason", what, cause); //$NON-NLS-1$
	}

	private static DriverException toDriverException(Error error, String fallback, String what, Throwable cause) {
		Reason reason = Reason.OTHER;
		String detail = fallback;
		if (error != null) {
			detail = error.getMessage();
			if (error.getCode() != null) {
				reason = switch (error.getCode()) {
				case VIR_ERR_NO_CONNECT, VIR_ERR_SYSTEM_ERROR, VIR_ERR_RPC -> Reason.UNREACHABLE;
				case VIR_ERR_AUTH_FAILED, VIR_ERR_AUTH_CANCELLED, VIR_ERR_AUTH_UNAVAILABLE, VIR_ERR_ACCESS_DENIED,
						VIR_ERR_OPERATION_DENIED -> Reason.AUTHENTICATION;
				case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_NETWORK, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_STORAGE_VOL -> Reason.NOT_FOUND;
				case VIR_ERR_NO_SUPPORT, VIR_ERR_ARGUMENT_UNSUPPORTED -> Reason.NOT_SUPPORTED;
				case VIR_ERR_INVALID_ARG, VIR_ERR_XML_ERROR, VIR_ERR_XML_DETAIL, VIR_ERR_INVALID_CONN -> Reason.INVALID_ARGUMENT;
				case VIR_ERR_OPERATION_INVALID -> Reason.INVALID_STATE;
				case VIR_ERR_LIBSSH, VIR_ERR_SSH -> detail != null && (detail.contains("authenticat") //$NON-NLS-1$
						|| detail.contains("passphrase") || detail.contains("password")) ? Reason.AUTHENTICATION //$NON-NLS-1$ //$NON-NLS-2$
						: Reason.UNREACHABLE;
				default -> Reason.OTHER;
				};
			}
		}
		if (reason == Reason.UNREACHABLE && detail != null && detail.contains("Permission denied (")) { //$NON-NLS-1$
			reason = Reason.AUTHENTICATION; // the ssh binary's refusal
		}
		String hint;
		if (detail != null && detail.contains("HOST KEY VERIFICATION FAILED")) { //$NON-NLS-1$
			reason = Reason.AUTHENTICATION;
			hint = " Someone may be impersonating the host. If it was reinstalled and you have checked its new key," //$NON-NLS-1$
					+ " remove the old entry from that file (ssh-keygen -R '[host]:port' -f FILE) and connect again."; //$NON-NLS-1$
		} else if (reason == Reason.AUTHENTICATION) {
			hint = " Check the user and key in the URI; for SSH, authorize the key on the host (ssh-copy-id user@host)."; //$NON-NLS-1$
		} else if (detail != null && detail.contains("Host key verification failed")) { //$NON-NLS-1$
			reason = Reason.AUTHENTICATION; // the ssh binary of qemu+ssh:// cannot ask
			hint = " The ssh command does not know this host yet: use qemu+libssh:// (HostDeck then asks you to trust the key)" //$NON-NLS-1$
					+ " or run ssh once to the host in a terminal."; //$NON-NLS-1$
		} else {
			hint = ""; //$NON-NLS-1$
		}
		return new DriverException(reason, what + ": " + detail + hint, cause); //$NON-NLS-1$
	}
}
