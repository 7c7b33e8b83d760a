package org.hostdeck.core.driver;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A way to reach hypervisors, registered as an OSGi service.
 */
public interface IHypervisorDriver {

	/** @return a short name for messages, e.g. {@code "libvirt"} */
	String name();

	/** @return whether this driver handles connection URIs like {@code uri} */
	boolean accepts(String uri);

	/**
	 * Opens a connection. Blocks until connected or failed. When the host asks for a user or a
	 * password, the driver asks {@code credentials}.
	 *
	 * @throws DriverException with a message that names the host and the cause
	 */
	IHostConnection connect(String uri, ICredentialsProvider credentials, IProgressMonitor monitor) throws DriverException;

	/** Connects without credentials. */
	default IHostConnection connect(String uri, IProgressMonitor monitor) throws DriverException {
		return connect(uri, ICredentialsProvider.NONE, monitor);
	}
}
