package org.hostdeck.p2v;

import static org.hostdeck.tests.support.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hostdeck.tests.support.libvirt.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The P2V source over a real OpenSSH server on loopback (the "physical server" is this machine,
 * logged into as root with a key): host keys asked about once, remembered, a changed one
 * refused; an unknown key refused; discovery compared with what this machine says of itself,
 * including a disk the test makes (a loop device holding an ext4 file system).
 */
class SshSourceTest {

	@TempDir
	Path work;

	private SshServer server;
	private SshSource.Target target;
	private Path knownHosts;

	@BeforeEach
	void startServer() throws Exception {
		assumeTrue(SshServer.available() && "root".equals(System.getProperty("user.name")), "needs openssh-server and root");
		server = SshServer.start();
		target = new SshSource.Target("127.0.0.1", server.port(), "root");
		knownHosts = work.resolve("known_hosts");
	}

	@AfterEach
	void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	private SshSource.Credentials key() {
		return new SshSource.Credentials.Key(server.clientKey(), "");
	}

	@Test
	void aPasswordLogsInAndAWrongOneIsRefusedNamingWhatToCheck() throws Exception {
		SshServer.PasswordUser user = server.addPasswordUser();
		SshSource.Target asUser = new SshSource.Target("127.0.0.1", server.port(), user.name());
		try (SshSource source = SshSource.connect(asUser, new SshSource.Credentials.Password(user.password()), knownHosts, (t, a, f) -> true)) {
			assertEquals(user.name(), source.run("id -un").trim());
		}
		P2vException wrong = assertThrows(P2vException.class,
				() -> SshSource.connect(asUser, new SshSource.Credentials.Password(user.password() + "x"), knownHosts, (t, a, f) -> true));
		assertTrue(wrong.getMessage().startsWith(asUser + " refused the login (")
				&& wrong.getMessage().endsWith("). Check the user name and the password."), wrong.getMessage());
		assertFalse(wrong.getMessage().contains(user.password()), "the password is not in the message");
	}

	@Test
	void anUnknownHostKeyIsAskedAboutOnceRememberedAndAChangedOneIsRefused() throws Exception {
		server.authorizeClientKey();
		String fingerprint = server.hostKeyFingerprint();
		P2vException refused = assertThrows(P2vException.class, () -> SshSource.connect(target, key(), knownHosts, SshSource.HostKeyQuestion.REFUSE));
		assertEquals("The host key of 127.0.0.1 (ssh-ed25519 " + fingerprint + ") is not known and was not trusted. Compare it with the server's "
				+ "(ssh-keygen -l -f /etc/ssh/ssh_host_*_key.pub there) and trust it.", refused.getMessage());
		assertFalse(Files.exists(knownHosts), "nothing trusted, nothing written");

		List<String> asked = new ArrayList<>();
		try (SshSource source = SshSource.connect(target, key(), knownHosts, (t, algorithm, f) -> asked.add(algorithm + " " + f))) {
			assertEquals("root", source.run("id -un").trim());
		}
		assertEquals(List.of("ssh-ed25519 " + fingerprint), asked);
		assertTrue(Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 "), Files.readString(knownHosts));
		try (SshSource again = SshSource.connect(target, key(), knownHosts, SshSource.HostKeyQuestion.REFUSE)) {
			assertEquals(0, again.exec("true").exit(), "a remembered key is not asked about");
		}

		server.replaceHostKey();
		String changed = server.hostKeyFingerprint();
		P2vException e = assertThrows(P2vException.class, () -> SshSource.connect(target, key(), knownHosts, (t, a, f) -> true));
		assertEquals("The host key of 127.0.0.1 changed: it is now ssh-ed25519 " + changed + ", not the one in " + knownHosts
				+ ". Someone may be in the middle; if the server was really reinstalled, remove its old line there (ssh-keygen -R [127.0.0.1]:"
				+ server.port() + " -f " + knownHosts + ") and connect again.", e.getMessage());
	}

	@Test
	void aKeyTheServerDoesNotKnowAndAServerThatIsNotThereAreRefusedSayingWhatToCheck() throws Exception {
		P2vException e = assertThrows(P2vException.class, () -> SshSource.connect(target, key(), knownHosts, (t, a, f) -> true));
		assertTrue(e.getMessage().startsWith("root@127.0.0.1:" + server.port() + " refused the login ("), e.getMessage());
		assertTrue(e.getMessage().endsWith("Check the user name and the key (is its public half in the user's authorized_keys?)."), e.getMessage());

		int closed = server.port();
		Path key = Files.copy(server.clientKey(), work.resolve("client_key"));
		server.close();
		server = null;
		e = assertThrows(P2vException.class,
				() -> SshSource.connect(target, new SshSource.Credentials.Key(key, ""), knownHosts, (t, a, f) -> true));
		assertTrue(e.getMessage().startsWith("Cannot reach root@127.0.0.1:" + closed + ": "), e.getMessage());
		assertTrue(e.getMessage().endsWith(". Check the address, the port and that sshd runs there."), e.getMessage());
	}

	@Test
	void discoveryFindsTheCpusMemoryDisksFileSystemsAndNicsThisMachineHas() throws Exception {
		server.authorizeClientKey();
		Path image = work.resolve("physical-disk.img");
		String loop = fileSystemDisk(image);
		try (SshSource source = SshSource.connect(target, key(), knownHosts, (t, a, f) -> true)) {
			SourceMachine machine = Discovery.discover(source, 1);

			assertEquals(Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count(), machine.cpus());
			assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim(), machine.hostname());
			String total = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst().orElseThrow();
			assertEquals(Long.parseLong(total.replaceAll("\\D", "")) * 1024, machine.memory());
			assertTrue(machine.memoryUsed() > 0 && machine.memoryUsed() < machine.memory());

			SourceMachine.Disk disk = machine.disks().stream().filter(d -> d.path().equals(loop)).findFirst().orElseThrow(
					() -> new AssertionError(loop + " not among " + machine.disks()));
			assertEquals(64L << 20, disk.size());
			assertFalse(disk.root());
			assertEquals(1, disk.partitions().size(), disk.toString());
			SourceMachine.Partition fs = disk.partitions().get(0);
			assertEquals("ext4", fs.fsType());
			assertEquals(run("blkid", "-s", "UUID", "-o", "value", loop).trim(), fs.uuid());

			SourceMachine.Nic lo = machine.nics().stream().filter(n -> n.name().equals("lo")).findFirst().orElseThrow();
			assertTrue(lo.addresses().contains("127.0.0.1/8"), lo.toString());
			assertNotNull(machine.utilization());
			assertTrue(machine.utilization().cpu() >= 0 && machine.utilization().cpu() <= 1, machine.utilization().toString());
			assertEquals(machine.cpus() * machine.mhz() * machine.utilization().cpu(), machine.consumedMhz(), 1e-6);
		} finally {
			run("losetup", "-d", loop);
		}
	}

	/**
	 * A 64 MiB disk holding an ext4 file system with a file on it, attached as a loop device (a
	 * real block device; partition tables need udev to get their device nodes, which containers lack).
	 */
	private static String fileSystemDisk(Path image) throws Exception {
		Path content = Files.createDirectories(image.resolveSibling("content"));
		Files.writeString(content.resolve("hostname"), "physical-01\n");
		try (var file = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
				java.nio.file.StandardOpenOption.WRITE)) {
			file.truncate(64L << 20);
			file.write(ByteBuffer.wrap(new byte[1]), (64L << 20) - 1);
		}
		run("mkfs.ext4", "-q", "-F", "-d", content.toString(), image.toString());
		return run("losetup", "-f", "--show", image.toString()).trim();
	}

}
