package org.hostdeck.core.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;

import org.hostdeck.core.install.InstallTree.Layout;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Where installers are found in install trees and how each installer is pointed back at its
 * share: Anaconda's {@code inst.repo=}, linuxrc's {@code install=}, debian-installer's mirror
 * answers; NFS as the host mounts it.
 */
class InstallTreeTest {

	@Test
	void eachInstallerFamilyGetsTheShareInItsOwnArgument() throws IOException {
		assertEquals("inst.repo=http://mirror.example/fedora/41/Everything/x86_64/os/",
				InstallTree.installArgs(InstallTree.parse("http://mirror.example/fedora/41/Everything/x86_64/os"), Layout.REDHAT));
		assertEquals("inst.repo=nfs:nfs.example:/export/rhel9",
				InstallTree.installArgs(InstallTree.parse("nfs://nfs.example/export/rhel9/"), Layout.REDHAT));
		assertEquals("install=ftp://ftp.example/opensuse/leap/",
				InstallTree.installArgs(InstallTree.parse("ftp://ftp.example/opensuse/leap/"), Layout.SUSE));
		assertEquals("mirror/protocol=http mirror/http/hostname=deb.example:8080 mirror/http/directory=/debian/ mirror/suite=bookworm",
				InstallTree.installArgs(InstallTree.parse("http://deb.example:8080/debian/dists/bookworm/main/installer-amd64/"),
						Layout.DEBIAN_NETBOOT));
		assertEquals("mirror/protocol=ftp mirror/ftp/hostname=ftp.example mirror/ftp/directory=/cd/",
				InstallTree.installArgs(InstallTree.parse("ftp://ftp.example/cd/"), Layout.DEBIAN_CD));
	}

	@Test
	void badAddressesAreRefusedWithWhatIsExpected() {
		assertEquals("enter the address of an install tree, e.g. http://mirror/fedora/41/Everything/x86_64/os/",
				assertThrows(IOException.class, () -> InstallTree.parse(" ")).getMessage());
		assertEquals("'smb://server/share/' is not an http://, https://, ftp:// or nfs:// address",
				assertThrows(IOException.class, () -> InstallTree.parse("smb://server/share/")).getMessage());
		assertEquals("'http:///os/' names no server and folder, e.g. http://server/path/",
				assertThrows(IOException.class, () -> InstallTree.parse("http:///os/")).getMessage());
	}

	@Test
	void probeFindsTheLayoutAndPrefersXenInstallersForParavirtualizedXenGuests() throws Exception {
		Set<String> files = Set.of("/os/images/pxeboot/vmlinuz", "/os/images/pxeboot/initrd.img", "/os/images/xen/vmlinuz",
				"/os/images/xen/initrd.img", "/cd/install.amd/vmlinuz", "/cd/install.amd/initrd.gz");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			try (exchange) {
				boolean found = files.contains(exchange.getRequestURI().getPath());
				exchange.sendResponseHeaders(found ? 200 : 404, -1);
			}
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			assertEquals(Layout.REDHAT, InstallTree.probe(base + "/os/", false).layout());
			assertEquals(Layout.REDHAT_XEN, InstallTree.probe(base + "/os/", true).layout());
			InstallTree cd = InstallTree.probe(base + "/cd", false);
			assertEquals(Layout.DEBIAN_CD, cd.layout());
			assertEquals(URI.create(base + "/cd/install.amd/vmlinuz"), cd.kernel());
			assertEquals("mirror/protocol=http mirror/http/hostname=127.0.0.1:" + server.getAddress().getPort()
					+ " mirror/http/directory=/cd/ console=ttyS0", cd.kernelArgs("console=ttyS0"));
		} finally {
			server.stop(0);
		}
	}
}
