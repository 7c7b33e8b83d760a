package org.hostdeck.libvirt.internal;

import java.io.IOException;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;
import org.hostdeck.core.driver.VmConfig;
import org.hostdeck.model.util.Sizes;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * Applies a {@link VmConfig}: validated against the domain's maxima, written into the persistent
 * definition (redefined from its inactive XML), and applied live where libvirt can.
 */
final class DomainConfigurator {

	/** virDomainXMLFlags: the persistent (inactive) definition. */
	private static final int XML_INACTIVE = 2;

	private DomainConfigurator() {
	}

	static boolean apply(Connect connect, Domain domain, VmConfig config) throws LibvirtException, DriverException {
		String name = domain.getName();
		Element root;
		try {
			root = XmlDocs.parse(domain.getXMLDesc(XML_INACTIVE));
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, "Cannot read the definition of VM '" + name + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		long maxMemory = DomainXml.bytes(DomainXml.child(root, "memory")); //$NON-NLS-1$
		Element vcpu = DomainXml.child(root, "vcpu"); //$NON-NLS-1$
		int maxVcpus = vcpu == null ? 1 : Integer.parseInt(DomainXml.text(vcpu));
		// a shut-off VM's maximums go up with what it is given (a running one keeps the ones it booted with)
		boolean off = domain.isActive() != 1;
		if (config.memory() != null && (config.memory() < 16 * Sizes.MIB || !off && config.memory() > maxMemory)) {
			throw new DriverException(Reason.INVALID_ARGUMENT, "VM '" + name + "' can have from 16 MiB to " //$NON-NLS-1$ //$NON-NLS-2$
					+ Sizes.format(maxMemory) + " of memory; " + Sizes.format(config.memory()) //$NON-NLS-1$
					+ " is out of range. Choose a value in range, or shut the VM down to raise its maximum."); //$NON-NLS-1$
		}
		if (config.vcpus() != null && (config.vcpus() < 1 || !off && config.vcpus() > maxVcpus)) {
			throw new DriverException(Reason.INVALID_ARGUMENT, "VM '" + name + "' can have from 1 to " + maxVcpus //$NON-NLS-1$ //$NON-NLS-2$
					+ " virtual CPUs while it runs; " + config.vcpus() + " is out of range. Shut it down to give it more."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (config.cpuShares() != null && (config.cpuShares() < 2 || config.cpuShares() > 262144)) {
			throw new DriverException(Reason.INVALID_ARGUMENT,
					"A CPU weight must be from 2 to 262144 (1024 is normal); " + config.cpuShares() + " is out of range."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (config.memory() != null) {
			Element current = DomainXml.child(root, "currentMemory"); //$NON-NLS-1$
			if (current == null) {
				current = root.getOwnerDocument().createElement("currentMemory"); //$NON-NLS-1$
				root.insertBefore(current, DomainXml.child(root, "memory").getNextSibling()); //$NON-NLS-1$
			}
			current.setAttribute("unit", "KiB"); //$NON-NLS-1$ //$NON-NLS-2$
			current.setTextContent(Long.toString(config.memory() / 1024));
			if (config.memory() > maxMemory) {
				Element max = DomainXml.child(root, "memory"); //$NON-NLS-1$
				max.setAttribute("unit", "KiB"); //$NON-NLS-1$ //$NON-NLS-2$
				max.setTextContent(Long.toString(config.memory() / 1024));
			}
		}
		if (config.vcpus() != null && vcpu != null) {
			if (config.vcpus() > maxVcpus) {
				vcpu.setTextContent(Integer.toString(config.vcpus()));
				vcpu.removeAttribute("current"); //$NON-NLS-1$
			} else if (config.vcpus() == maxVcpus) {
				vcpu.removeAttribute("current"); //$NON-NLS-1$
			} else {
				vcpu.setAttribute("current", Integer.toString(config.vcpus())); //$NON-NLS-1$
			}
		}
		if (config.cpuShares() != null) {
			Element tune = DomainXml.child(root, "cputune"); //$NON-NLS-1$
			if (tune == null) {
				tune = root.getOwnerDocument().createElement("cputune"); //$NON-NLS-1$
				root.appendChild(tune);
			}
			Element shares = DomainXml.child(tune, "shares"); //$NON-NLS-1$
			if (shares == null) {
				shares = root.getOwnerDocument().createElement("shares"); //$NON-NLS-1$
				tune.appendChild(shares);
			}
			shares.setTextContent(Integer.toString(config.cpuShares()));
		}
		String xml;
		try {
			xml = XmlDocs.toXml(root);
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, e.getMessage(), e);
		}
		connect.domainDefineXML(xml).free();
		if (config.autostart() != null) {
			domain.setAutostart(config.autostart());
		}
		boolean now = true;
		if (domain.isActive() == 1) {
			if (config.memory() != null) {
				try {
					domain.setMemory(config.memory() / 1024);
				} catch (LibvirtException e) {
					now = false; // no balloon: the new size waits for the next boot
				}
			}
			if (config.vcpus() != null) {
				try {
					domain.setVcpus(config.vcpus());
				} catch (LibvirtException e) {
					now = false;
				}
			}
			if (config.cpuShares() != null) {
				now = false; // kept in the definition; live scheduler changes are left to the next boot
			}
		}
		return now;
	}
}
