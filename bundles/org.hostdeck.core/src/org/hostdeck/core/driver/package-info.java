/**
 * The driver SPI: how HostDeck's core talks to a hypervisor. A driver is an OSGi service
 * implementing {@link org.hostdeck.core.driver.IHypervisorDriver}; the core finds drivers through
 * the service registry, so another hypervisor is another bundle. Drivers report plain values
 * (records in this package), never model objects: the core alone writes the inventory model.
 */
package org.hostdeck.core.driver;
