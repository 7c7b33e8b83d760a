package org.hostdeck.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostNamesTest {

	@Test
	void namesComeFromTheUri() {
		assertEquals("hv-a", HostNames.fromUri("qemu+ssh://root@hv-a/system"));
		assertEquals("hv-lab", HostNames.fromUri("test:///var/lib/hostdeck/demo/hv-lab.xml"));
		assertEquals("default", HostNames.fromUri("test:///default"));
		assertEquals("localhost", HostNames.fromUri("qemu:///system"));
		assertEquals("not a uri", HostNames.fromUri("not a uri"));
	}
}
