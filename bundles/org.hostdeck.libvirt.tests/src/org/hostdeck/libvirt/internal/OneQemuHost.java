package org.hostdeck.libvirt.internal;

import static org.hostdeck.tests.support.Commands.run;
import static org.hostdeck.tests.support.Commands.sha256;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real QEMU host ({@link #host}, pool {@code images}) in an inventory of its own, connected;
 * VMs defined on it around disks the test writes, and disks read as their guests see them.
 * Skipped where the machine cannot run it.
 */
abstract class OneQemuHost {

	@TempDir
	Path work;

	protected QemuSessionHost qemu;
	protected InventoryService service;
	protected Host host;

	@BeforeEach
	void startHost() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemu = QemuSessionHost.start(3);
		qemu.startImagesPool();
		service = new InventoryService(DriverRegistry.fromServices());
		host = service.addHost("qemu-" + getClass().getSimpleName().replace("Qemu", "").replace("Test", "").toLowerCase(), qemu.uri());
		assertTrue(service.connect(host, new NullProgressMonitor()).isOK());
	}

	@AfterEach
	void stopHost() throws Exception {
		if (service != null) {
			service.close();
		}
		if (qemu != null) {
			qemu.close();
		}
	}

	protected IHostConnection connection() throws Exception {
		return service.session(host).connection();
	}

	protected VirtualMachine vm(String name) {
		return service.query(i -> host.getVms().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null));
	}

	/** Defines VM {@code name} around {@code disk} (in the pool's folder) and waits for it in the model. */
	protected VirtualMachine define(String name, Path disk, String format) throws Exception {
		qemu.virsh("pool-refresh", "images");
		connection().define(QemuSessionHost.domainXml(name, disk, format));
		Wait.until(name + " in the model", () -> vm(name) != null, Duration.ofSeconds(30));
		return vm(name);
	}

	/** The disk as its guest sees it: the image (through its backing chain) converted to raw, hashed. */
	protected String guestView(Path image) throws Exception {
		Path raw = work.resolve(image.getFileName() + ".raw");
		run("qemu-img", "convert", "-O", "raw", image.toString(), raw.toString());
		String sum = sha256(raw);
		Files.delete(raw);
		return sum;
	}
}
