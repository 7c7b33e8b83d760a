package org.hostdeck.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

	@Test
	void noHostMeansDemo() {
		assertTrue(LaunchOptions.parse(new String[0]).demo());
		assertTrue(LaunchOptions.parse(null).demo());
		assertTrue(LaunchOptions.parse(new String[] { "-consoleLog" }).demo());
	}

	@Test
	void hostsInBothForms() {
		LaunchOptions options = LaunchOptions.parse(
				new String[] { "--host", "qemu:///system", "-consoleLog", "--host=test:///default" });
		assertFalse(options.demo());
		assertEquals(List.of("qemu:///system", "test:///default"), options.hostUris());
	}
}
