package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two real QEMU hosts for a test, each with a pool {@code images} on its own folder, both in one
 * inventory ({@code qemu-a}, {@code qemu-b}) and connected. Skipped where the machine cannot run them.
 */
abstract class TwoQemuHosts {

	protected QemuSessionHost qemuA;
	protected QemuSessionHost qemuB;
	protected InventoryService service;
	protected Host hostA;
	protected Host hostB;

	@BeforeEach
	void startHosts() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemuA = QemuSessionHost.start(1);
		qemuB = QemuSessionHost.start(2);
		qemuA.startImagesPool();
		qemuB.startImagesPool();
		service = new InventoryService(DriverRegistry.fromServices());
		hostA = service.addHost("qemu-a", qemuA.uri());
		hostB = service.addHost("qemu-b", qemuB.uri());
		for (IStatus s : service.connectAll(new NullProgressMonitor())) {
			assertTrue(s.isOK(), s.getMessage());
		}
	}

	@AfterEach
	void stopHosts() throws Exception {
		if (service != null) {
			service.close();
		}
		for (QemuSessionHost q : new QemuSessionHost[] { qemuA, qemuB }) {
			if (q != null) {
				q.close();
			}
		}
	}

	protected IHostConnection connection(Host host) throws Exception {
		return service.session(host).connection();
	}

	/** The names of every volume of every pool of qemu-b, sorted. */
	protected List<String> volumesOnB() throws Exception {
		return connection(hostB).pools().stream().flatMap(p -> p.volumes().stream()).map(PoolInfo.VolumeInfo::name).sorted().toList();
	}

	/** The names of qemu-b's VMs, sorted. */
	protected List<String> domainsOnB() throws Exception {
		return connection(hostB).domains().stream().map(d -> d.name()).sorted().toList();
	}

	/** A copy of the files of folder {@code dir} in a new folder {@code to}. */
	protected static Path copyFolder(Path dir, Path to) throws IOException {
		Files.createDirectories(to);
		try (var files = Files.list(dir)) {
			for (Path f : files.toList()) {
				Files.copy(f, to.resolve(f.getFileName()));
			}
		}
		return to;
	}

	protected VirtualMachine vm(Host host, String name) {
		return service.query(i -> host.getVms().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null));
	}
}
