package org.hostdeck.libvirt.internal;

import java.util.Locale;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.IHypervisorDriver;
import org.libvirt.Connect;

/**
 * The libvirt driver: QEMU/KVM, Xen and libvirt's test driver, local or remote. Registered as an
 * OSGi service (see OSGI-INF).
 */
public class LibvirtDriver implements IHypervisorDriver {

	private static final Set<String> SCHEMES = Set.of("test", "qemu", "xen", "lxc", "bhyve", "vbox", "ch", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
			"libxl", "esx", "vpx", "hyperv"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

	@Override
	public String name() {
		return "libvirt"; //$NON-NLS-1$
	}

	@Override
	public boolean accepts(String uri) {
		int colon = uri == null ? -1 : uri.indexOf(':');
		if (colon <= 0) {
			return false;
		}
		String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
		int plus = scheme.indexOf('+');
		return SCHEMES.contains(plus < 0 ? scheme : scheme.substring(0, plus));
	}

	@Override
	public IHostConnection connect(String uri, ICredentialsProvider credentials, IProgressMonitor monitor)
			throws DriverException {
		SubMonitor progress = SubMonitor.convert(monitor, "Connecting to " + uri, 2); //$NON-NLS-1$
		if (!accepts(uri)) {
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT,
					"'" + uri + "' is not a libvirt connection URI. Use one like qemu:///system, qemu+ssh://user@host/system or test:///default."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		EventLoop.ensureRunning();
		progress.worked(1);
		CredentialsAuth auth = new CredentialsAuth(uri, credentials);
		try {
			Connect connect = AuthenticatedOpen.open(uri, auth, "Cannot connect to " + uri); //$NON-NLS-1$
			progress.worked(1);
			return new LibvirtConnection(uri, connect, credentials);
		} catch (DriverException e) {
			if (auth.declined() != null) {
				throw new DriverException(DriverException.Reason.AUTHENTICATION, "Not connected to " + uri //$NON-NLS-1$
						+ ": the SSH host key of " + auth.declined().address() + " (" + auth.declined().fingerprint() //$NON-NLS-1$ //$NON-NLS-2$
						+ ") was not trusted. Connect again and trust it once you have checked the fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).", e); //$NON-NLS-1$
			}
			throw e;
		} finally {
			auth.wipe();
		}
	}
}
