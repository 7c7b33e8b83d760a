package org.hostdeck.core.driver;

import java.util.List;

/**
 * An open connection to one host. Implementations are safe to call from several threads.
 * Every call may throw {@link DriverException} when the host refuses or the connection is gone.
 */
public interface IHostConnection extends AutoCloseable {

	String uri();

	/** @return whether the connection still works (cheap; no round trip when the driver knows) */
	boolean isAlive();

	NodeInfo nodeInfo() throws DriverException;

	/** @return every domain defined on the host, running or not */
	List<DomainInfo> domains() throws DriverException;

	/** @return the domain with {@code uuid}, or {@code null} when the host has none */
	DomainInfo domain(String uuid) throws DriverException;

	List<PoolInfo> pools() throws DriverException;

	List<NetworkInfo> networks() throws DriverException;

	/** Defines (or redefines) a persistent domain from the driver's native description. */
	DomainInfo define(String xml) throws DriverException;

	/** Changes a domain's power state; see {@link PowerAction} for what each action means. */
	void power(String uuid, PowerAction action) throws DriverException;

	/**
	 * Removes a domain's definition (it must be shut off), and with {@code withStorage} the
	 * volumes of its disks.
	 */
	void undefine(String uuid, boolean withStorage) throws DriverException;

	/**
	 * Registers a listener for domain and connection events. Events arrive on a driver thread;
	 * listeners must return quickly.
	 */
	void addListener(IHostListener listener);

	void removeListener(IHostListener listener);

	/** Closes the connection; never throws. */
	@Override
	void close();
}
