package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.DriverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that asks for a user and password (libvirt's test driver with an {@code <auth>} section).
 * libvirt frees the answers of the credential callback: libvirt-java 0.5.4 handed it memory JNA
 * freed again, and a few hundred connections aborted the JVM ("malloc_consolidate(): invalid
 * chunk size"). HostDeck answers with memory only libvirt frees.
 */
class CredentialsTest {

	@TempDir
	Path dir;

	@Test
	void aHostAskingForAPasswordOpensHundredsOfTimesWithoutHarmAndRefusesAWrongOne() throws Exception {
		Path file = Files.writeString(dir.resolve("guarded.xml"), """
				<node>
				  <auth><user password="s3cret-Pw">admin</user></auth>
				  <domain type='test'><name>one</name><memory>1048576</memory><os><type>hvm</type></os></domain>
				</node>
				""");
		String uri = "test://" + file;
		ICredentialsProvider right = u -> new Credentials("admin", "s3cret-Pw".toCharArray());
		var driver = DriverRegistry.fromServices().driverFor(uri);
		for (int i = 0; i < 300; i++) {
			IHostConnection c = driver.connect(uri, right, new NullProgressMonitor());
			assertEquals(1, c.domains().size());
			c.close();
			if (i % 25 == 0) {
				System.gc(); // lets JNA free what it owns: with libvirt having freed it too, the heap breaks
			}
		}
		ICredentialsProvider wrong = u -> new Credentials("admin", "guess".toCharArray());
		DriverException refused = assertThrows(DriverException.class, () -> driver.connect(uri, wrong, new NullProgressMonitor()));
		assertEquals(DriverException.Reason.AUTHENTICATION, refused.reason(), refused.getMessage());
	}
}
