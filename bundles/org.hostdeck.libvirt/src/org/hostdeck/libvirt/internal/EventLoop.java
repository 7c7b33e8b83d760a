package org.hostdeck.libvirt.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * libvirt's default event loop, registered before the first connection (events need it) and
 * kept for the life of the JVM. Also routes libvirt's error printing away from stderr: errors
 * reach callers as exceptions.
 * <p>
 * libvirt's default loop is GLib's default main context. In a GTK process (the workbench) the
 * SWT display loop already iterates that context, and a second thread iterating it would run GTK
 * events off the UI thread. So when {@value #SHARED_MAIN_LOOP} is {@code true} (the UI sets it)
 * libvirt's callbacks are left to the display loop; otherwise (headless) a daemon thread runs it.
 */
final class EventLoop {

	/** System property: {@code true} when another loop (SWT's) already iterates GLib's default context. */
	static final String SHARED_MAIN_LOOP = "org.hostdeck.libvirt.sharedMainLoop"; //$NON-NLS-1$

	private static Thread thread;
	/** Strong reference: libvirt keeps only a native pointer to the callback. */
	private static Libvirt.VirErrorCallback silencer;

	private EventLoop() {
	}

	static synchronized void ensureRunning() throws org.hostdeck.core.driver.DriverException {
		if (thread != null) {
			return;
		}
		try {
			silencer = (userData, error) -> {
				// reported through LibvirtException to the caller
			};
			Connect.setErrorCallback(silencer);
			Library.initEventLoop();
		} catch (LibvirtException | UnsatisfiedLinkError | NoClassDefFoundError e) {
			throw new org.hostdeck.core.driver.DriverException(org.hostdeck.core.driver.DriverException.Reason.OTHER,
					"libvirt is not available on this machine (install the libvirt0 package): " + e.getMessage(), e); //$NON-NLS-1$
		}
		thread = new Thread(EventLoop::run, "HostDeck libvirt event loop"); //$NON-NLS-1$
		thread.setDaemon(true);
		if (!Boolean.getBoolean(SHARED_MAIN_LOOP)) {
			thread.start();
		}
	}

	private static void run() {
		try {
			Library.runEventLoop();
		} catch (LibvirtException e) {
			ILog.of(EventLoop.class).log(Status.error("The libvirt event loop stopped; HostDeck no longer hears host events", e)); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
