package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.HostKey;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host reached over SSH with a passphrase-protected key, the passphrase kept in Eclipse Secure
 * Storage: real sshd, real libvirt session daemon, real encrypted storage.
 */
class QemuOverSshTest {

	private static final String PASSPHRASE = "key-Passphrase-9";

	@TempDir
	Path dir;

	@Test
	void thePassphraseFromSecureStorageOpensTheHostAndWithoutItTheHostRefuses() throws Exception {
		assumeTrue(QemuSessionHost.available() && SshServer.available(), "needs libvirt, QEMU, openssh-server and root");
		try (QemuSessionHost qemu = QemuSessionHost.start(4); SshServer ssh = SshServer.start(PASSPHRASE)) {
			ssh.authorizeClientKey();
			String uri = ssh.libvirtUri("root", "/session", qemu.socket());
			CredentialStore store = new CredentialStore(SecurePreferencesFactory.open(dir.resolve("secure_storage").toUri().toURL(),
					Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD,
							new PBEKeySpec("hostdeck-tests-master".toCharArray()))));

			try (InventoryService service = new InventoryService(DriverRegistry.fromServices())) {
				service.setCredentialsProvider(store);
				Host host = service.addHost("remote", uri);
				IStatus refused = service.connect(host, new NullProgressMonitor());
				assertEquals(IStatus.ERROR, refused.getSeverity(), "no passphrase stored yet");
				assertEquals(DriverException.Reason.AUTHENTICATION, ((DriverException) refused.getException()).reason(),
						refused.getMessage());

				store.save(uri, new Credentials(null, PASSPHRASE.toCharArray()));
				IStatus connected = service.connect(host, new NullProgressMonitor());
				assertTrue(connected.isOK(), connected.getMessage());
				assertEquals(HostState.CONNECTED, service.query(i -> host.getState()));
				assertEquals("QEMU", service.query(i -> host.getHypervisorType().getName()));
			}
		}
	}

	@Test
	void anUnknownHostKeyIsAskedAboutOnceAndAChangedKeyIsRefusedWithoutAsking() throws Exception {
		assumeTrue(QemuSessionHost.available() && SshServer.available(), "needs libvirt, QEMU, openssh-server and root");
		try (QemuSessionHost qemu = QemuSessionHost.start(4); SshServer ssh = SshServer.start()) {
			ssh.authorizeClientKey();
			String uri = ssh.libvirtUriCheckingHostKey("root", "/session", qemu.socket());
			List<HostKey> asked = new CopyOnWriteArrayList<>();
			boolean[] trust = { false };
			ICredentialsProvider user = new ICredentialsProvider() {
				@Override
				public Credentials credentialsFor(String u) {
					return null;
				}

				@Override
				public boolean trustHostKey(String u, HostKey key) {
					asked.add(key);
					return trust[0];
				}
			};
			DriverRegistry drivers = DriverRegistry.fromServices();

			DriverException declined = assertThrows(DriverException.class,
					() -> drivers.driverFor(uri).connect(uri, user, new NullProgressMonitor()).close());
			assertEquals(List.of(new HostKey("127.0.0.1:" + ssh.port(), ssh.hostKeyFingerprint())), asked,
					"asked about the server's own key, shown as ssh-keygen -l shows it");
			assertEquals(DriverException.Reason.AUTHENTICATION, declined.reason());
			assertTrue(declined.getMessage().contains("was not trusted") && declined.getMessage().contains(ssh.hostKeyFingerprint()),
					declined.getMessage());
			assertFalse(Files.exists(ssh.knownHosts()), "a declined key is not remembered");

			trust[0] = true;
			IHostConnection trusted = drivers.driverFor(uri).connect(uri, user, new NullProgressMonitor());
			assertEquals("QEMU", trusted.nodeInfo().hypervisor());
			trusted.close();
			assertEquals(2, asked.size());
			assertTrue(Files.readString(ssh.knownHosts()).contains("[127.0.0.1]:" + ssh.port()), "the trusted key is remembered");

			drivers.driverFor(uri).connect(uri, user, new NullProgressMonitor()).close();
			assertEquals(2, asked.size(), "a known host is not asked about again");

			// the host now shows another key: refused at once, never offered to the user
			Files.writeString(ssh.knownHosts(), "[127.0.0.1]:" + ssh.port() + " " + SshServer.newPublicKey(dir.resolve("other")) + "\n");
			DriverException changed = assertThrows(DriverException.class,
					() -> drivers.driverFor(uri).connect(uri, user, new NullProgressMonitor()).close());
			assertEquals(DriverException.Reason.AUTHENTICATION, changed.reason());
			assertTrue(changed.getMessage().contains("impersonating") && changed.getMessage().contains("ssh-keygen -R"),
					changed.getMessage());
			assertEquals(2, asked.size());
		}
	}

	@Test
	void aDisplayOnTheHostsLoopbackIsTunnelledThroughTheSameSshLoginWithoutAskingAgain() throws Exception {
		assumeTrue(QemuSessionHost.available() && SshServer.available(), "needs libvirt, QEMU, openssh-server and root");
		try (QemuSessionHost qemu = QemuSessionHost.start(4); SshServer ssh = SshServer.start(PASSPHRASE)) {
			ssh.authorizeClientKey();
			String uri = ssh.libvirtUriCheckingHostKey("root", "/session", qemu.socket());
			Path disk = qemu.consoleDisk("remote-screen");
			Path xml = dir.resolve("remote-screen.xml");
			Files.writeString(xml, QemuSessionHost.consoleDomainXml("remote-screen", disk));
			qemu.virsh("define", xml.toString());
			qemu.virsh("start", "remote-screen");
			List<HostKey> asked = new CopyOnWriteArrayList<>();
			ICredentialsProvider user = new ICredentialsProvider() {
				@Override
				public Credentials credentialsFor(String u) {
					return new Credentials(null, PASSPHRASE.toCharArray()); // as Secure Storage answers, each time asked
				}

				@Override
				public boolean trustHostKey(String u, HostKey key) {
					asked.add(key);
					return true;
				}
			};
			IHostConnection connection = DriverRegistry.fromServices().driverFor(uri).connect(uri, user, new NullProgressMonitor());
			java.util.Set<Long> tunnel = new java.util.HashSet<>();
			try {
				assertEquals(1, asked.size(), "libvirt's login asked about the new host key once");
				String uuid = connection.domains().stream().filter(d -> d.name().equals("remote-screen")).findFirst().orElseThrow().uuid();
				long logins = ssh.sessions();
				try (org.hostdeck.core.driver.ConsoleStream vnc = connection.consoles().openGraphics(uuid)) {
					assertEquals("RFB 003.008\n", new String(vnc.input().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII),
							"the VNC server on the host's loopback, reached through SSH");
					assertTrue(vnc.description().contains("through SSH to 127.0.0.1"), vnc.description());
					assertEquals(logins + 1, ssh.sessions(), "one SSH login of its own for the displays");
				}
				assertEquals(1, asked.size(), "the tunnel's login knows the key libvirt's trusted: nothing asked twice");
				org.hostdeck.tests.support.Wait.until("the tunnel's login ends with the last console", () -> ssh.sessions() == logins);

				// the serial console travels in libvirt's own connection
				try (org.hostdeck.core.driver.ConsoleStream serial = connection.consoles().openSerial(uuid, false)) {
					serial.output().write("over ssh\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
					byte[] echo = new byte[64];
					StringBuilder seen = new StringBuilder();
					while (!seen.toString().contains("over ssh")) {
						int n = serial.input().read(echo);
						assertTrue(n > 0, "the echo arrives before the console ends: " + seen);
						seen.append(new String(echo, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
					}
				}

				// a display still open when the host's connection closes: its login ends with it
				java.util.Set<Long> libvirts = ssh.sessionPids();
				connection.consoles().openGraphics(uuid).input().readNBytes(12);
				tunnel.addAll(ssh.sessionPids());
				tunnel.removeAll(libvirts);
				assertEquals(1, tunnel.size(), "the display's own login");
			} finally {
				connection.close();
			}
			assertEquals(0, ((DomainConsoles) connection.consoles()).openStreams());
			// (libvirt's own libssh login outlives virConnectClose here; that one is libvirt's to end)
			org.hostdeck.tests.support.Wait.until("the tunnel's login ended with the host's connection",
					() -> java.util.Collections.disjoint(tunnel, ssh.sessionPids()));
		}
	}
}
