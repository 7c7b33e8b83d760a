package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.operations.Leftovers;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;

/**
 * What an operation made on a host and could not remove because the host died (a VM it had
 * defined and its volume): written down, and removed when the host is connected again, against a
 * real QEMU daemon SIGKILLed midway.
 */
class QemuLeftoversTest extends TwoQemuHosts {

	@Test
	void aVmAndItsVolumeLeftOnADeadHostAreRemovedOnceItIsBack() throws Exception {
		java.nio.file.Path disk = qemuB.rawDisk("stray", new byte[1 << 20]); //$NON-NLS-1$
		qemuB.virsh("pool-refresh", "images"); //$NON-NLS-1$ //$NON-NLS-2$
		IHostConnection connection = connection(hostB);
		String uuid = connection.define(QemuSessionHost.domainXml("stray", disk, "raw")).uuid(); //$NON-NLS-1$ //$NON-NLS-2$
		String label = "Import stray to qemu-b"; //$NON-NLS-1$

		// the operation fails and cleans up just as the host's daemon dies
		qemuB.killDaemon();
		String said = Leftovers.remove(service, qemuB.uri(), label, connection, "images", uuid, List.of("stray.img")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(said.startsWith("Could not remove VM " + uuid + " ("), said); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(said.endsWith(" HostDeck removes them when the host is connected again."), said); //$NON-NLS-1$
		assertEquals(List.of("VM " + uuid, "images/stray.img"), service.leftovers().forHost(qemuB.uri()).stream() //$NON-NLS-1$ //$NON-NLS-2$
				.map(e -> e.vm() ? "VM " + e.volume() : e.pool() + "/" + e.volume()).toList(), "written down"); //$NON-NLS-1$ //$NON-NLS-2$
		// the host comes back: the VM is undefined first, then its volume (no longer in use) deleted, and the task history says so
		qemuB.startDaemon();
		Wait.until("qemu-b connected again", () -> service.query(i -> hostB.getState()) == org.hostdeck.model.HostState.CONNECTED, //$NON-NLS-1$
				Duration.ofSeconds(60));
		String operation = "Remove what '" + label + "' left on qemu-b"; //$NON-NLS-1$ //$NON-NLS-2$
		Wait.until("the removal in the task history", () -> service.query(i -> i.getTasks().stream() //$NON-NLS-1$
				.anyMatch(t -> t.getOperation().equals(operation) && t.getEnd() != null)), Duration.ofSeconds(30));
		org.hostdeck.model.TaskRecord record = service.query(i -> i.getTasks().stream().filter(t -> t.getOperation().equals(operation))
				.findFirst().get());
		assertEquals("Removed VM stray, images/stray.img from qemu-b: '" + label + "' made them there and could not remove them" //$NON-NLS-1$ //$NON-NLS-2$
				+ " when it failed, the host being gone.", service.query(i -> record.getMessage())); //$NON-NLS-1$
		assertEquals(List.of(), service.leftovers().forHost(qemuB.uri()), "nothing left to remove"); //$NON-NLS-1$
		assertTrue(!domainsOnB().contains("stray") && !volumesOnB().contains("stray.img"), domainsOnB() + " " + volumesOnB()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}
}
