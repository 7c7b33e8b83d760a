package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.Media;
import org.hostdeck.core.install.InstallRequest.MediaUpload;
import org.hostdeck.core.install.InstallRequest.NetworkTree;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.install.InstallRequest.Volume;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.Template;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.BootImages;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.TreeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Installs real VMs on a real QEMU host: from an install tree served over HTTP and FTP (a tiny
 * real kernel that prints its command line on the serial console), and from a bootable ISO.
 * Faults (a server that drops mid-file, a start that fails, a cancel) must leave nothing behind.
 */
class QemuInstallTest {

	private static final long MIB = 1L << 20;
	private static final String INITRD_TEXT = "HOSTDECK-INITRD-LOADED"; //$NON-NLS-1$

	private QemuSessionHost qemu;
	private TreeServer tree;
	private InventoryService service;
	private Host host;
	private Path logs;

	@BeforeEach
	void start() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemu = QemuSessionHost.start(3);
		qemu.startImagesPool();
		logs = qemu.folder("logs"); //$NON-NLS-1$
		tree = TreeServer.redHatTree(INITRD_TEXT);
		service = new InventoryService(DriverRegistry.fromServices());
		host = service.addHost("qemu-i", qemu.uri()); //$NON-NLS-1$
		IStatus status = service.connect(host, new NullProgressMonitor());
		assertTrue(status.isOK(), status.getMessage());
	}

	@AfterEach
	void stop() throws Exception {
		if (service != null) {
			service.close();
		}
		if (tree != null) {
			tree.close();
		}
		if (qemu != null) {
			qemu.close();
		}
	}

	private static Template template(String prefix) {
		return Templates.builtIn().stream().filter(t -> t.getName().startsWith(prefix)).findFirst().orElseThrow();
	}

	/** The network-install template, made small: 1 vCPU, 64 MiB, a 64 MiB disk, no NIC (session daemons cannot start networks). */
	private InstallRequest networkInstall(String name, String url) {
		InstallRequest r = InstallRequest.from(template("Linux (paravirtualized"), "images", null).name(name).vcpus(1) //$NON-NLS-1$ //$NON-NLS-2$
				.memory(64 * MIB).consoleLog(logs.resolve(name + ".log").toString()); //$NON-NLS-1$
		r.disks().set(0, new NewDisk("images", 64 * MIB, "qcow2")); //$NON-NLS-1$ //$NON-NLS-2$
		return r.source(new NetworkTree(url, "console=ttyS0")); //$NON-NLS-1$
	}

	private String console(String name) {
		try {
			Path log = logs.resolve(name + ".log"); //$NON-NLS-1$
			return Files.exists(log) ? Files.readString(log) : ""; //$NON-NLS-1$
		} catch (java.io.IOException e) {
			return ""; //$NON-NLS-1$
		}
	}

	private IHostConnection connection() throws Exception {
		return service.session(host).connection();
	}

	private List<String> volumes() throws Exception {
		PoolInfo pool = connection().pools().stream().filter(p -> p.name().equals("images")).findFirst().orElseThrow(); //$NON-NLS-1$
		return pool.volumes().stream().map(PoolInfo.VolumeInfo::name).sorted().toList();
	}

	private List<String> domains() throws Exception {
		return connection().domains().stream().map(d -> d.name()).toList();
	}

	private VirtualMachine vm(String name) {
		return service.query(i -> host.getVms().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null));
	}

	private void assertInstalledFromTree(String name, String url) throws Exception {
		Wait.until(name + " prints its kernel's marker and initrd", () -> console(name).contains(INITRD_TEXT)); //$NON-NLS-1$
		String console = console(name);
		assertTrue(console.contains(BootImages.KERNEL_MARKER), console);
		assertTrue(console.contains("inst.repo=" + url + " console=ttyS0"), "the installer got the share on its command line: " + console); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String next = qemu.virsh("dumpxml", "--inactive", name); //$NON-NLS-1$ //$NON-NLS-2$
		assertFalse(next.contains("<kernel>"), "later boots use the disk: " + next); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(next.contains("<boot dev='hd'/>"), next); //$NON-NLS-1$
		assertEquals(List.of(name + ".qcow2"), volumes(), "the disk stays; the installer's kernel and initrd are gone"); //$NON-NLS-1$
		VirtualMachine vm = vm(name);
		assertNotNull(vm, "the new VM is in the inventory"); //$NON-NLS-1$
		assertEquals(PowerState.RUNNING, service.query(i -> vm.getPowerState()));
	}

	@Test
	void installsFromAnHttpTreeBootingItsKernelWithTheShareOnTheCommandLine() throws Exception {
		String url = tree.http("tree/"); //$NON-NLS-1$
		InstallVmOperation install = new InstallVmOperation(service, host, networkInstall("web", url)); //$NON-NLS-1$
		IStatus status = install.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().startsWith("Install web on qemu-i: started (installer from " + url + ")"), status.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		assertInstalledFromTree("web", url); //$NON-NLS-1$
		assertEquals(1, tree.gets("/tree/images/pxeboot/vmlinuz"), "HostDeck fetched the kernel once"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void installsFromAnFtpTree() throws Exception {
		assumeTrue(TreeServer.ftpAvailable(), "needs python3-pyftpdlib"); //$NON-NLS-1$
		String url = tree.startFtp() + "tree/"; //$NON-NLS-1$
		IStatus status = new InstallVmOperation(service, host, networkInstall("ftp-vm", url)).execute(new NullProgressMonitor()); //$NON-NLS-1$
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertInstalledFromTree("ftp-vm", url); //$NON-NLS-1$
	}

	@Test
	void installsAnHvmGuestFromABootableIsoUploadedFromThisComputer() throws Exception {
		assumeTrue(BootImages.isoToolAvailable(), "needs xorriso"); //$NON-NLS-1$
		Path iso = tree.root().resolve("tiny.iso"); //$NON-NLS-1$
		BootImages.iso(iso);
		InstallRequest r = InstallRequest.from(template("Linux (HVM"), "images", null).name("media").vcpus(1).memory(64 * MIB) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.consoleLog(logs.resolve("media.log").toString()).source(new MediaUpload(iso.toString(), "images")); //$NON-NLS-1$ //$NON-NLS-2$
		r.disks().set(0, new NewDisk("images", 64 * MIB, "qcow2")); //$NON-NLS-1$ //$NON-NLS-2$
		IStatus status = new InstallVmOperation(service, host, r).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		Wait.until("the CD's boot image prints its marker", () -> console("media").contains(BootImages.ISO_MARKER)); //$NON-NLS-1$ //$NON-NLS-2$
		String next = qemu.virsh("dumpxml", "--inactive", "media"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertTrue(next.contains("<boot dev='hd'/>\n    <boot dev='cdrom'/>"), "later boots start from the disk, the media after it: " + next); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(next.contains(qemu.images().resolve("tiny.iso").toString()), "the uploaded media stays attached for the rest of the install"); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("media.qcow2", "tiny.iso"), volumes()); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(Files.size(iso), Files.size(qemu.images().resolve("tiny.iso")), "the whole ISO was uploaded"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void aGuestInstalledWithEmulatedDevicesMovesToParavirtualDriversAfterwards() throws Exception {
		assumeTrue(BootImages.isoToolAvailable(), "needs xorriso"); //$NON-NLS-1$
		Path iso = tree.root().resolve("windows.iso"); //$NON-NLS-1$
		BootImages.iso(iso);
		InstallRequest r = InstallRequest.from(template("Windows"), "images", null).name("win").vcpus(1).memory(64 * MIB) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.consoleLog(logs.resolve("win.log").toString()).source(new MediaUpload(iso.toString(), "images")).startNow(false); //$NON-NLS-1$ //$NON-NLS-2$
		r.disks().set(0, new NewDisk("images", 64 * MIB, "qcow2")); //$NON-NLS-1$ //$NON-NLS-2$
		IStatus status = new InstallVmOperation(service, host, r).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		assertTrue(status.getMessage().contains("defined (media images/windows.iso), not started"), status.getMessage()); //$NON-NLS-1$
		assertTrue(qemu.virsh("dumpxml", "--inactive", "win").contains("<target dev='hda' bus='ide'/>"), "emulated IDE for a guest without drivers"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

		VirtualMachine vm = vm("win"); //$NON-NLS-1$
		IStatus switched = new org.hostdeck.core.operations.ParavirtualDriversOperation(service, vm).execute(new NullProgressMonitor());
		assertEquals("Switch win to paravirtual drivers: hda -> vda.", switched.getMessage()); //$NON-NLS-1$
		String xml = qemu.virsh("dumpxml", "--inactive", "win"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertTrue(xml.contains("<target dev='vda' bus='virtio'/>") && xml.contains("<target dev='hdb' bus='ide'/>"), //$NON-NLS-1$ //$NON-NLS-2$
				"the disk moved to virtio, the CD-ROM stayed: " + xml);
		assertEquals("Switch win to paravirtual drivers: its disks and NICs are paravirtual already.", //$NON-NLS-1$
				new org.hostdeck.core.operations.ParavirtualDriversOperation(service, vm).execute(new NullProgressMonitor()).getMessage());

		// not started at install: the first boot falls through the blank disk to the media
		connection().power(service.query(i -> vm.getUuid()), org.hostdeck.core.driver.PowerAction.START);
		Wait.until("the first boot reaches the CD", () -> console("win").contains(BootImages.ISO_MARKER)); //$NON-NLS-1$ //$NON-NLS-2$
		IStatus running = new org.hostdeck.core.operations.ParavirtualDriversOperation(service, vm).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, running.getSeverity());
		assertTrue(running.getMessage().contains("is running: shut it down first"), running.getMessage()); //$NON-NLS-1$
	}

	@Test
	void anExistingDiskImageBecomesANewVmThatBootsIt() throws Exception {
		Path image = qemu.spinningDisk("appliance"); //$NON-NLS-1$
		qemu.virsh("pool-refresh", "images"); //$NON-NLS-1$ //$NON-NLS-2$
		InstallRequest r = InstallRequest.from(template("Existing disk image"), "images", null).name("appliance-vm").vcpus(1) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.memory(64 * MIB).autostart(true).source(new org.hostdeck.core.install.InstallRequest.DiskImage(new Volume("images", "appliance.qcow2"))); //$NON-NLS-1$ //$NON-NLS-2$
		IStatus status = new InstallVmOperation(service, host, r).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
		VirtualMachine vm = vm("appliance-vm"); //$NON-NLS-1$
		assertTrue(service.query(i -> vm.isAutostart()), "start on host boot"); //$NON-NLS-1$
		assertEquals(List.of(image.toString()), service.query(i -> vm.getDisks().stream().map(d -> d.getPath()).toList()));
		// the image's boot sector loops: the guest burns CPU, so it really boots the image
		String uuid = service.query(i -> vm.getUuid());
		long before = connection().stats(uuid).cpuTime();
		Wait.until("the guest runs its boot sector", () -> { //$NON-NLS-1$
			try {
				return connection().stats(uuid).cpuTime() > before + 500_000_000L;
			} catch (Exception e) {
				return false;
			}
		});
		assertEquals(List.of("appliance.qcow2"), volumes(), "no disk was created; the image is used as it is"); //$NON-NLS-1$
	}

	@Test
	void aServerDroppingTheInitrdMidwayLeavesNoVolumeAndNoVm() throws Exception {
		tree.breakFile("/tree/images/pxeboot/initrd.img"); //$NON-NLS-1$
		List<String> before = volumes();
		IStatus status = new InstallVmOperation(service, host, networkInstall("broken", tree.http("tree/"))) //$NON-NLS-1$ //$NON-NLS-2$
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertTrue(status.getMessage().startsWith("Install broken on qemu-i: "), status.getMessage()); //$NON-NLS-1$
		assertTrue(status.getMessage().endsWith("Nothing was left on the host."), status.getMessage()); //$NON-NLS-1$
		assertEquals(1, tree.gets("/tree/images/pxeboot/initrd.img"), "the fault hit after the disk and the kernel were in the pool"); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(before, volumes());
		assertFalse(domains().contains("broken")); //$NON-NLS-1$
	}

	@Test
	void aStartThatFailsAfterTheVmIsDefinedLeavesNothingBehind() throws Exception {
		// the console log's folder does not exist: the hypervisor refuses to start the defined VM
		InstallRequest r = networkInstall("nostart", tree.http("tree/")).consoleLog(logs.resolve("missing/nostart.log").toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		List<String> before = volumes();
		IStatus status = new InstallVmOperation(service, host, r).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertTrue(status.getMessage().contains("Cannot start VM 'nostart'"), status.getMessage()); //$NON-NLS-1$
		assertTrue(status.getMessage().endsWith("Nothing was left on the host."), status.getMessage()); //$NON-NLS-1$
		assertEquals(before, volumes());
		assertFalse(domains().contains("nostart")); //$NON-NLS-1$
		Wait.until("the model drops the VM", () -> vm("nostart") == null); //$NON-NLS-1$
	}

	@Test
	void cancellingWhileUploadingTheInstallerLeavesNothingBehind() throws Exception {
		List<String> before = volumes();
		NullProgressMonitor cancelOnUpload = new NullProgressMonitor() {
			@Override
			public void subTask(String name) {
				if (name.startsWith("Uploading")) { //$NON-NLS-1$
					setCanceled(true);
				}
			}
		};
		InstallVmOperation install = new InstallVmOperation(service, host, networkInstall("cancelled", tree.http("tree/"))); //$NON-NLS-1$ //$NON-NLS-2$
		assertThrows(OperationCanceledException.class, () -> install.execute(cancelOnUpload));
		assertEquals(before, volumes());
		assertFalse(domains().contains("cancelled")); //$NON-NLS-1$
	}

	@Test
	void whatAnInstallCutOffByADeadHostMadeThereIsRemovedOnceTheHostIsBack() throws Exception {
		List<String> before = volumes();
		InstallVmOperation install = new InstallVmOperation(service, host, networkInstall("stranded", tree.http("tree/"))); //$NON-NLS-1$ //$NON-NLS-2$
		org.eclipse.core.runtime.IStatus cut = install.execute(qemu.killingDaemonAt("Uploading")); //$NON-NLS-1$
		assertEquals(org.eclipse.core.runtime.IStatus.ERROR, cut.getSeverity(), cut.getMessage());
		assertTrue(cut.getMessage().endsWith(" when the host is connected again."), cut.getMessage()); // one volume or several: it, them
		assertFalse(service.leftovers().forHost(qemu.uri()).isEmpty(), "written down");

		qemu.startDaemon();
		Wait.until("qemu-i connected again", () -> service.query(i -> host.getState()) == org.hostdeck.model.HostState.CONNECTED,
				java.time.Duration.ofSeconds(60));
		Wait.until("the install's volumes removed", () -> {
			try {
				return volumes().equals(before);
			} catch (Exception e) {
				return false;
			}
		}, java.time.Duration.ofSeconds(30));
		assertEquals(List.of(), service.leftovers().forHost(qemu.uri()));
		Wait.until("the removal in the task history", () -> service.query(i -> i.getTasks().stream()
				.anyMatch(t -> t.getOperation().equals("Remove what '" + install.label() + "' left on qemu-i") && t.getEnd() != null))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private List<String> errors(InstallRequest request) {
		return new InstallVmOperation(service, host, request).precheck().errors();
	}

	private InstallRequest valid(String name) {
		return networkInstall(name, tree.http("tree/")); //$NON-NLS-1$
	}

	@Test
	void everyPrecheckNamesTheFieldTheValueAndTheLimit() throws Exception {
		assertEquals(List.of(), errors(valid("ok"))); //$NON-NLS-1$
		IHostConnection c = connection();
		c.define(QemuSessionHost.domainXml("taken", qemu.spinningDisk("taken"))); //$NON-NLS-1$ //$NON-NLS-2$
		Wait.until("taken in the model", () -> vm("taken") != null); //$NON-NLS-1$ //$NON-NLS-2$
		c.createVolume("images", "clash.qcow2", MIB, "qcow2"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		qemu.defineNetwork("isolated", "virbr-i3"); //$NON-NLS-1$ //$NON-NLS-2$
		org.hostdeck.core.driver.NodeInfo node = c.nodeInfo();
		int cpus = node.sockets() * node.cores() * node.threads();
		String layouts = "images/pxeboot/vmlinuz, current/images/netboot/debian-installer/amd64/linux, install.amd/vmlinuz, " //$NON-NLS-1$
				+ "boot/x86_64/loader/linux, images/xen/vmlinuz, current/images/netboot/xen/vmlinuz"; //$NON-NLS-1$

		assertEquals(List.of("Name: enter a name for the new VM."), errors(valid(""))); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("Name: 'a/b' may hold only letters, digits and . - _ + (starting with a letter or digit). Choose another name."), //$NON-NLS-1$
				errors(valid("a/b"))); //$NON-NLS-1$
		assertEquals(List.of("Name: qemu-i has a VM named 'taken' already. Choose another name."), errors(valid("taken"))); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("vCPUs: 0 is out of range; qemu-i has " + cpus + " CPUs. Choose 1 to " + cpus + "."), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				errors(valid("v").vcpus(0))); //$NON-NLS-1$
		assertEquals(List.of("vCPUs: " + (cpus + 1) + " is out of range; qemu-i has " + cpus + " CPUs. Choose 1 to " + cpus + "."), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				errors(valid("v").vcpus(cpus + 1))); //$NON-NLS-1$
		long tooMuch = node.memoryTotal() + (1L << 30);
		assertEquals(List.of("Memory: " + org.hostdeck.model.util.Sizes.format(tooMuch) + " is more than qemu-i has in all (" //$NON-NLS-1$ //$NON-NLS-2$
				+ org.hostdeck.model.util.Sizes.format(node.memoryTotal()) + "). Give the VM less memory or choose a bigger host."), //$NON-NLS-1$
				errors(valid("m").memory(tooMuch))); //$NON-NLS-1$
		long oversubscribing = (node.memoryFree() + node.memoryTotal()) / 2;
		List<String> memory = errors(valid("m").memory(oversubscribing)); //$NON-NLS-1$
		assertEquals(1, memory.size(), memory.toString());
		assertTrue(memory.get(0).startsWith("Memory: " + org.hostdeck.model.util.Sizes.format(oversubscribing) + " is more than qemu-i has free now (") //$NON-NLS-1$ //$NON-NLS-2$
				&& memory.get(0).endsWith("): running the VM would oversubscribe the host. Give the VM less memory, free memory there, or install without starting."), //$NON-NLS-1$
				memory.get(0));
		InstallRequest later = valid("m").memory(oversubscribing).startNow(false).source(null); //$NON-NLS-1$
		InstallVmOperation.Precheck warned = new InstallVmOperation(service, host, later).precheck();
		assertEquals(List.of("Install source: choose a network install tree, an ISO or a disk image."), warned.errors()); //$NON-NLS-1$
		assertEquals(1, warned.warnings().size());
		assertTrue(warned.warnings().get(0).endsWith("): running the VM would oversubscribe the host."), warned.warnings().get(0)); //$NON-NLS-1$
		assertEquals(List.of("CPU weight: qemu-i runs VMs in an unprivileged session daemon, which cannot weigh CPUs. Choose Normal."), //$NON-NLS-1$
				errors(valid("w").cpuWeight(org.hostdeck.model.CpuWeight.HIGH))); //$NON-NLS-1$

		InstallRequest noSize = valid("d"); //$NON-NLS-1$
		noSize.disks().set(0, new NewDisk("images", 0, "qcow2")); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("Storage: disk 1 has no size. Give it a size or remove it."), errors(noSize)); //$NON-NLS-1$
		InstallRequest noPool = valid("d"); //$NON-NLS-1$
		noPool.disks().set(0, new NewDisk("nopool", MIB, "qcow2")); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("Storage: disk 1: qemu-i has no pool 'nopool'. Choose one of its pools (images)."), errors(noPool)); //$NON-NLS-1$
		long available = c.pools().get(0).available();
		InstallRequest tooBig = valid("d"); //$NON-NLS-1$
		tooBig.disks().add(new NewDisk("images", available, "raw")); //$NON-NLS-1$ //$NON-NLS-2$
		List<String> space = errors(tooBig);
		assertEquals(1, space.size(), space.toString());
		assertTrue(space.get(0).startsWith("Storage: the new disks need " + org.hostdeck.model.util.Sizes.format(available + 64 * MIB) //$NON-NLS-1$
				+ " in pool 'images' on qemu-i; it has ") && space.get(0).endsWith(" free. Make the disks smaller or choose another pool."), space.get(0)); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("Storage: pool 'images' on qemu-i has a volume 'clash.qcow2' already (disk 1 would be created as it). " //$NON-NLS-1$
				+ "Choose another VM name or delete the volume."), errors(valid("clash"))); //$NON-NLS-1$ //$NON-NLS-2$
		InstallRequest noDisk = valid("d"); //$NON-NLS-1$
		noDisk.disks().clear();
		assertEquals(List.of("Storage: the VM has no disk to install onto. Add a disk."), errors(noDisk)); //$NON-NLS-1$

		List<String> refused = errors(valid("u").source(new NetworkTree("http://127.0.0.1:1/tree/", null))); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(1, refused.size(), refused.toString());
		assertTrue(refused.get(0).startsWith("Install source: http://127.0.0.1:1/tree/ cannot be reached (connection refused") //$NON-NLS-1$
				&& refused.get(0).endsWith("). Check the address and that the server is up."), refused.get(0)); //$NON-NLS-1$
		assertEquals(List.of("Install source: " + tree.http("empty/") + " holds no installer kernel and initrd (looked for " + layouts //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ "). Point at the root of an install tree."), errors(valid("u").source(new NetworkTree(tree.http("empty"), null)))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertEquals(List.of("Install source: 'gopher://x/' is not an http://, https://, ftp:// or nfs:// address."), //$NON-NLS-1$
				errors(valid("u").source(new NetworkTree("gopher://x/", null)))); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(List.of("Start now: a network install boots the installer once, so the VM must start now. Tick 'Start now'."), //$NON-NLS-1$
				errors(valid("u").startNow(false))); //$NON-NLS-1$
		assertEquals(List.of("Install source: pool 'images' on qemu-i has no volume 'nope.iso'. Upload it into the pool or choose another."), //$NON-NLS-1$
				errors(valid("i").source(new Media(new Volume("images", "nope.iso"))))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

		assertEquals(List.of("Install source: /nonexistent/os.iso cannot be read (no such file). Choose an ISO file on this computer."), //$NON-NLS-1$
				errors(valid("i").source(new MediaUpload("/nonexistent/os.iso", "images")))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		Path clash = tree.root().resolve("clash.qcow2"); //$NON-NLS-1$
		Files.write(clash, new byte[] { 1 });
		assertEquals(List.of("Install source: pool 'images' on qemu-i has a volume 'clash.qcow2' already. Choose it as media instead of uploading the file again."), //$NON-NLS-1$
				errors(valid("i").source(new MediaUpload(clash.toString(), "images")))); //$NON-NLS-1$ //$NON-NLS-2$

		List<String> nfs = errors(valid("u").source(new NetworkTree("nfs://127.0.0.1/srv/tree", null))); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals(1, nfs.size(), nfs.toString());
		assertTrue(nfs.get(0).startsWith("Install source: qemu-i cannot mount nfs://127.0.0.1/srv/tree/ (") //$NON-NLS-1$
				&& nfs.get(0).endsWith("). Check the address, that the export allows qemu-i, and that qemu-i may mount NFS."), nfs.get(0)); //$NON-NLS-1$
		assertEquals(List.of("images"), c.pools().stream().map(PoolInfo::name).toList(), "the probe's mount is gone"); //$NON-NLS-1$ //$NON-NLS-2$
		try (java.util.stream.Stream<Path> tmp = Files.list(Path.of("/tmp"))) { //$NON-NLS-1$
			assertFalse(tmp.anyMatch(p -> p.getFileName().toString().startsWith("hostdeck-probe-")), "and so is its mount point"); //$NON-NLS-1$ //$NON-NLS-2$
		}

		InstallRequest unknownNetwork = valid("n"); //$NON-NLS-1$
		unknownNetwork.networks().add("lan"); //$NON-NLS-1$
		assertEquals(List.of("Network: NIC 1 needs network 'lan'; qemu-i has isolated (inactive). Choose one of its networks."), //$NON-NLS-1$
				errors(unknownNetwork));
		InstallRequest inactive = valid("n"); //$NON-NLS-1$
		inactive.networks().add("isolated"); //$NON-NLS-1$
		assertEquals(List.of("Network: NIC 1 needs network 'isolated' active; it is inactive on qemu-i. " //$NON-NLS-1$
				+ "Start it there, choose another network, or install without starting."), errors(inactive)); //$NON-NLS-1$
		InstallRequest manyNics = valid("n").startNow(false).source(new Media(new Volume("images", "clash.qcow2"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		for (int i = 0; i < 29; i++) {
			manyNics.networks().add("isolated"); //$NON-NLS-1$
		}
		assertEquals(List.of("Network: 29 NICs are more than qemu-i allows for a VM (28). Remove some."), errors(manyNics)); //$NON-NLS-1$
	}
}
