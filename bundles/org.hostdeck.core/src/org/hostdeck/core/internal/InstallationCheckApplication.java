package org.hostdeck.core.internal;

import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.hostdeck.core.HostDeck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * {@code -application org.hostdeck.core.check}: prints each HostDeck bundle with its state and
 * exits 0 when all of them resolved, 1 otherwise. Administrators run it after installing
 * HostDeck into an Eclipse IDE; the IDE-install test runs it too.
 */
public class InstallationCheckApplication implements IApplication {

	/** Exit code when a HostDeck bundle did not resolve, or none is installed. */
	public static final Integer EXIT_UNRESOLVED = Integer.valueOf(1);

	@Override
	public Object start(IApplicationContext context) {
		BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
		List<InstallationCheck.Entry> entries = InstallationCheck.run(bundleContext);
		System.out.println(HostDeck.NAME + " " + HostDeck.version() + ": " + entries.size() + " bundles"); //$NON-NLS-1$ //$NON-NLS-2$
		boolean allUsable = !entries.isEmpty();
		for (InstallationCheck.Entry entry : entries) {
			System.out.println("  " + entry); //$NON-NLS-1$
			allUsable &= entry.usable();
		}
		System.out.println(allUsable ? "OK" : "NOT OK: a bundle above did not resolve"); //$NON-NLS-1$ //$NON-NLS-2$
		return allUsable ? IApplication.EXIT_OK : EXIT_UNRESOLVED;
	}

	@Override
	public void stop() {
		// runs to completion at once
	}
}
