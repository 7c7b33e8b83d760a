package org.hostdeck.core.inventory;

import java.util.ArrayList;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHypervisorDriver;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Finds the driver for a connection URI among the {@link IHypervisorDriver} services.
 */
public interface DriverRegistry {

	/**
	 * @return the driver that accepts {@code uri}
	 * @throws DriverException naming the URI when no installed driver accepts it
	 */
	IHypervisorDriver driverFor(String uri) throws DriverException;

	/** The drivers registered as OSGi services, highest service ranking first. */
	static DriverRegistry fromServices() {
		return uri -> {
			Bundle bundle = FrameworkUtil.getBundle(DriverRegistry.class);
			BundleContext context = bundle == null ? null : bundle.getBundleContext();
			List<String> known = new ArrayList<>();
			if (context != null) {
				awaitFirstDriver(context);
				try {
					ServiceReference<?>[] refs = context.getServiceReferences(IHypervisorDriver.class.getName(), null);
					if (refs != null) {
						java.util.Arrays.sort(refs, java.util.Collections.reverseOrder());
						for (ServiceReference<?> ref : refs) {
							IHypervisorDriver driver = (IHypervisorDriver) context.getService(ref);
							if (driver != null) {
								known.add(driver.name());
								if (driver.accepts(uri)) {
									return driver;
								}
							}
						}
					}
				} catch (InvalidSyntaxException e) {
					throw new IllegalStateException(e);
				}
			}
			throw new DriverException(DriverException.Reason.INVALID_ARGUMENT, known.isEmpty()
					? "No hypervisor driver is installed, so '" + uri + "' cannot be opened. Install the HostDeck libvirt driver." //$NON-NLS-1$ //$NON-NLS-2$
					: "No installed driver (" + String.join(", ", known) + ") understands '" + uri //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							+ "'. Use a URI like qemu:///system, qemu+ssh://user@host/system or test:///default."); //$NON-NLS-1$
		};
	}

	/**
	 * Drivers are DS components that may register a moment after the workbench starts: wait up
	 * to 5 s for the first one instead of reporting "no driver" while it is on its way.
	 */
	private static void awaitFirstDriver(BundleContext context) {
		org.osgi.util.tracker.ServiceTracker<IHypervisorDriver, IHypervisorDriver> tracker = new org.osgi.util.tracker.ServiceTracker<>(
				context, IHypervisorDriver.class, null);
		tracker.open();
		try {
			tracker.waitForService(5000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			tracker.close();
		}
	}
}
