package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.hostdeck.core.archive.OvaExportOperation;
import org.hostdeck.core.archive.OvaImportOperation;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVA interchange between two real QEMU hosts: a VM exported as an OVA whose VMDKs qemu-img
 * (QEMU's own VMDK code) reads as the very disks the VM had; the OVA imported on the other host
 * byte for byte and booted; an OVA made the way VirtualBox makes them (its VMDK written by
 * qemu-img, SHA-1 manifest, devices HostDeck does not map) imported with what was left out said;
 * damaged and cut packages refused before the host is touched; a cancelled export leaving nothing.
 */
class QemuOvaTest extends TwoQemuHosts {

	private static final int MIB = 1 << 20;

	@TempDir
	Path work;

	/** A shut-off VM on qemu-a: a raw disk (boot sector, random, zeros, text) and a qcow2 disk holding random data. */
	private VirtualMachine exportable(String name) throws Exception {
		byte[] data = new byte[24 * MIB];
		byte[] random = new byte[8 * MIB];
		new Random(11).nextBytes(random);
		System.arraycopy(random, 0, data, 0, random.length);
		System.arraycopy(QemuSessionHost.bootSector(), 0, data, 0, 512);
		byte[] text = "ova line of a guest's file system\n".getBytes(StandardCharsets.US_ASCII);
		for (int at = 16 * MIB; at < 24 * MIB; at += text.length) {
			System.arraycopy(text, 0, data, at, Math.min(text.length, 24 * MIB - at));
		}
		Path raw = qemuA.images().resolve(name + ".raw");
		Files.write(raw, data);
		qemuA.own(raw);
		Path source = work.resolve(name + "-data.src");
		byte[] second = new byte[4 * MIB];
		new Random(12).nextBytes(second);
		Files.write(source, second);
		Path qcow2 = qemuA.images().resolve(name + "-data.qcow2");
		run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", source.toString(), qcow2.toString());
		run("qemu-img", "resize", "-f", "qcow2", qcow2.toString(), "16M");
		qemuA.own(qcow2);
		qemuA.virsh("pool-refresh", "images");
		connection(hostA).define("<domain type='qemu'><name>" + name + "</name><description>packed by the test</description>"
				+ "<memory unit='MiB'>64</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><devices>"
				+ "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + raw + "'/><target dev='vda' bus='virtio'/></disk>"
				+ "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + qcow2 + "'/><target dev='vdb' bus='virtio'/></disk>"
				+ "</devices></domain>");
		Wait.until(name + " in the model", () -> vm(hostA, name) != null);
		return vm(hostA, name);
	}

	@Test
	void anOvaExportedIsReadByQemuImgAsTheSameDisksAndImportedOnAnotherHostItBoots() throws Exception {
		VirtualMachine vm = exportable("packed");
		Path ova = work.resolve("packed.ova");
		IStatus exported = new OvaExportOperation(service, vm, ova).execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, exported.getSeverity(), exported.getMessage());

		// what other tools see: a ustar file, the descriptor first, then the manifest, then the disks
		assertEquals(List.of("packed.ovf", "packed.mf", "packed-disk1.vmdk", "packed-disk2.vmdk"),
				List.of(run("tar", "-tf", ova.toString()).trim().split("\n")));
		Path unpacked = Files.createDirectories(work.resolve("unpacked"));
		run("tar", "-xf", ova.toString(), "-C", unpacked.toString());
		String info = run("qemu-img", "info", unpacked.resolve("packed-disk1.vmdk").toString());
		assertTrue(info.contains("create type: streamOptimized"), info);
		assertTrue(run("qemu-img", "compare", "-f", "vmdk", "-F", "raw", unpacked.resolve("packed-disk1.vmdk").toString(),
				qemuA.images().resolve("packed.raw").toString()).contains("Images are identical"));
		assertTrue(run("qemu-img", "compare", "-f", "vmdk", "-F", "qcow2", unpacked.resolve("packed-disk2.vmdk").toString(),
				qemuA.images().resolve("packed-data.qcow2").toString()).contains("Images are identical"), "the qcow2 disk as its guest sees it");
		String manifest = Files.readString(unpacked.resolve("packed.mf"));
		for (String f : List.of("packed.ovf", "packed-disk1.vmdk", "packed-disk2.vmdk")) {
			assertTrue(manifest.contains("SHA256(" + f + ")= " + sha256(unpacked.resolve(f))), manifest);
		}
		String ovf = Files.readString(unpacked.resolve("packed.ovf"));
		assertTrue(ovf.contains("<rasd:VirtualQuantity>2</rasd:VirtualQuantity>") && ovf.contains("<rasd:VirtualQuantity>64</rasd:VirtualQuantity>"), ovf);
		assertTrue(connection(hostA).pools().stream().flatMap(p -> p.volumes().stream()).noneMatch(v -> v.name().startsWith("hostdeck-ova-")),
				"the raw copy of the qcow2 disk is gone from the host");
		try (Stream<Path> files = Files.list(work)) {
			assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
		}

		IStatus imported = new OvaImportOperation(service, ova, hostB, new OvaImportOperation.Options("images", null, Map.of()))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		assertTrue(imported.getMessage().endsWith("virtio disks and NICs; everything mapped."), imported.getMessage());
		assertEquals(sha256(qemuA.images().resolve("packed.raw")), sha256(qemuB.images().resolve("packed.img")), "the raw disk, byte for byte");
		assertTrue(run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", qemuB.images().resolve("packed-2.img").toString(),
				qemuA.images().resolve("packed-data.qcow2").toString()).contains("Images are identical"));
		VirtualMachine copy = vm(hostB, "packed");
		assertNotNull(copy);
		assertEquals(2, service.query(i -> copy.getVcpus()));
		assertEquals("packed by the test", service.query(i -> copy.getDescription()));
		String uuid = service.query(i -> copy.getUuid());
		connection(hostB).power(uuid, PowerAction.START);
		Wait.until("the imported VM runs its boot sector", () -> {
			try {
				return connection(hostB).stats(uuid).cpuTime() > 500_000_000L;
			} catch (Exception e) {
				return false;
			}
		});
		connection(hostB).power(uuid, PowerAction.FORCE_OFF);
	}

	/** An OVA as VirtualBox writes one: OVF 1.0, SATA (AHCI) disk, devices HostDeck leaves out, SHA-1 manifest. */
	private Path foreignOva() throws Exception {
		Path dir = Files.createDirectories(work.resolve("vbox"));
		Path raw = dir.resolve("appliance.raw");
		byte[] data = new byte[8 * MIB];
		new Random(21).nextBytes(data);
		Files.write(raw, data);
		run("qemu-img", "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw.toString(),
				dir.resolve("appliance-disk001.vmdk").toString());
		String ovf = """
				<?xml version="1.0"?>
				<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vbox="http://www.virtualbox.org/ovf/machine">
				  <References>
				    <File ovf:id="file1" ovf:href="appliance-disk001.vmdk"/>
				  </References>
				  <DiskSection>
				    <Info>List of the virtual disks used in the package</Info>
				    <Disk ovf:capacity="8388608" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
				  </DiskSection>
				  <NetworkSection>
				    <Info>Logical networks used in the package</Info>
				    <Network ovf:name="NAT"><Description>Logical network used by this appliance.</Description></Network>
				  </NetworkSection>
				  <VirtualSystem ovf:id="appliance">
				    <Info>A virtual machine</Info>
				    <OperatingSystemSection ovf:id="96"><Info>The kind of installed guest operating system</Info><Description>Debian_64</Description></OperatingSystemSection>
				    <VirtualHardwareSection>
				      <Info>Virtual hardware requirements for a virtual machine</Info>
				      <System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemIdentifier>appliance</vssd:VirtualSystemIdentifier><vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType></System>
				      <Item><rasd:Caption>2 virtual CPU</rasd:Caption><rasd:Description>Number of virtual CPUs</rasd:Description><rasd:ElementName>2 virtual CPU</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
				      <Item><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:Caption>96 MB of memory</rasd:Caption><rasd:ElementName>96 MB of memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>96</rasd:VirtualQuantity></Item>
				      <Item><rasd:Address>0</rasd:Address><rasd:Caption>ideController0</rasd:Caption><rasd:ElementName>ideController0</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>PIIX4</rasd:ResourceSubType><rasd:ResourceType>5</rasd:ResourceType></Item>
				      <Item><rasd:AutomaticAllocation>false</rasd:AutomaticAllocation><rasd:Caption>usb</rasd:Caption><rasd:ElementName>usb</rasd:ElementName><rasd:InstanceID>4</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>
				      <Item><rasd:AddressOnParent>3</rasd:AddressOnParent><rasd:AutomaticAllocation>false</rasd:AutomaticAllocation><rasd:Caption>sound</rasd:Caption><rasd:ElementName>sound</rasd:ElementName><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceSubType>ensoniq1371</rasd:ResourceSubType><rasd:ResourceType>35</rasd:ResourceType></Item>
				      <Item><rasd:Address>0</rasd:Address><rasd:Caption>sataController0</rasd:Caption><rasd:ElementName>sataController0</rasd:ElementName><rasd:InstanceID>6</rasd:InstanceID><rasd:ResourceSubType>AHCI</rasd:ResourceSubType><rasd:ResourceType>20</rasd:ResourceType></Item>
				      <Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:Caption>disk1</rasd:Caption><rasd:ElementName>disk1</rasd:ElementName><rasd:HostResource>/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>7</rasd:InstanceID><rasd:Parent>6</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>
				      <Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Caption>cdrom1</rasd:Caption><rasd:ElementName>cdrom1</rasd:ElementName><rasd:InstanceID>8</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>15</rasd:ResourceType></Item>
				      <Item><rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Caption>Ethernet adapter on 'NAT'</rasd:Caption><rasd:Connection>NAT</rasd:Connection><rasd:ElementName>Ethernet adapter on 'NAT'</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceSubType>E1000</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType></Item>
				    </VirtualHardwareSection>
				  </VirtualSystem>
				</Envelope>
				""";
		Files.writeString(dir.resolve("appliance.ovf"), ovf);
		Files.writeString(dir.resolve("appliance.mf"), "SHA1 (appliance.ovf) = " + sha1(dir.resolve("appliance.ovf")) + "\n"
				+ "SHA1 (appliance-disk001.vmdk) = " + sha1(dir.resolve("appliance-disk001.vmdk")) + "\n");
		Path ova = work.resolve("appliance.ova");
		run("tar", "--format=ustar", "-cf", ova.toString(), "-C", dir.toString(), "appliance.ovf", "appliance.mf", "appliance-disk001.vmdk");
		return ova;
	}

	@Test
	void whatAnImportCutOffByADeadHostMadeThereIsRemovedOnceTheHostIsBack() throws Exception {
		VirtualMachine vm = exportable("orphan");
		Path ova = work.resolve("orphan.ova");
		assertEquals(IStatus.INFO, new OvaExportOperation(service, vm, ova).execute(new NullProgressMonitor()).getSeverity());
		List<String> volumes = volumesOnB();

		// the target's daemon is killed while the second disk streams in: nothing can be removed there now
		IStatus cut = new OvaImportOperation(service, ova, hostB, new OvaImportOperation.Options("images", null, Map.of()))
				.execute(qemuB.killingDaemonAt("orphan disk 2"));
		assertEquals(IStatus.ERROR, cut.getSeverity(), cut.getMessage());
		assertTrue(cut.getMessage().endsWith(" HostDeck removes them when the host is connected again."), cut.getMessage());
		assertEquals(List.of("images/orphan-2.img", "images/orphan.img"), service.leftovers().forHost(qemuB.uri()).stream()
				.map(e -> e.pool() + "/" + e.volume()).sorted().toList());

		qemuB.startDaemon();
		Wait.until("qemu-b connected again", () -> service.query(i -> hostB.getState()) == org.hostdeck.model.HostState.CONNECTED,
				java.time.Duration.ofSeconds(60));
		Wait.until("the import's volumes removed from qemu-b", () -> {
			try {
				return volumesOnB().equals(volumes);
			} catch (Exception e) {
				return false;
			}
		}, java.time.Duration.ofSeconds(30));
		Wait.until("the removal in the task history", () -> service.query(i -> i.getTasks().stream()
				.anyMatch(t -> t.getOperation().equals("Remove what 'Import orphan.ova to qemu-b' left on qemu-b") && t.getEnd() != null)));
	}

	@Test
	void anOvaMadeByAnotherToolIsImportedAndWhatWasNotMappedIsSaid() throws Exception {
		Path ova = foreignOva();
		qemuB.defineNetwork("lan", "hdova0");
		OvaImportOperation refused = new OvaImportOperation(service, ova, hostB, new OvaImportOperation.Options("images", "vbox-guest", Map.of()));
		assertEquals(List.of("Network: vbox-guest needs network 'NAT'; qemu-b has lan. Map it to one of them."), refused.precheck());

		IStatus imported = new OvaImportOperation(service, ova, hostB, new OvaImportOperation.Options("images", "vbox-guest", Map.of("NAT", "lan")))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.INFO, imported.getSeverity(), imported.getMessage());
		assertTrue(imported.getMessage().endsWith("IDE disks and e1000 NICs; not mapped: USB controller 'usb', sound card 'sound', "
				+ "CD/DVD drive 'cdrom1', sata bus of appliance-disk001.vmdk (now IDE)."), imported.getMessage());
		assertEquals(sha256(work.resolve("vbox/appliance.raw")), sha256(qemuB.images().resolve("vbox-guest.img")), "the disk, byte for byte");
		VirtualMachine vm = vm(hostB, "vbox-guest");
		assertNotNull(vm);
		assertEquals(2, service.query(i -> vm.getVcpus()));
		assertEquals(96L << 20, service.query(i -> vm.getMemory()));
		assertEquals(List.of("lan"), service.query(i -> vm.getNics().stream().map(NetworkInterface::getNetworkName).toList()));
		assertEquals(List.of("IDE"), service.query(i -> vm.getDisks().stream().map(VirtualDisk::getBus).map(Object::toString).toList()));
	}

	@Test
	void aDamagedOrCutPackageIsRefusedNamingTheFileAndTheHostStaysAsItWas() throws Exception {
		Path ova = foreignOva();
		qemuB.defineNetwork("lan", "hdova1");
		Map<String, String> toLan = Map.of("NAT", "lan");
		List<String> volumes = volumesOnB();
		List<String> domains = domainsOnB();

		Path damaged = work.resolve("damaged.ova");
		byte[] bytes = Files.readAllBytes(ova);
		bytes[(int) (entry(ova, "appliance-disk001.vmdk").offset() + 3000)] ^= 0x01; // inside the VMDK
		Files.write(damaged, bytes);
		IStatus status = new OvaImportOperation(service, damaged, hostB, new OvaImportOperation.Options("images", "damaged", toLan))
				.execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertEquals("Import damaged.ova to qemu-b: " + damaged + " holds appliance-disk001.vmdk damaged: its SHA1 checksum does not match "
				+ "the manifest's. Copy the package again. Nothing was changed on the host.", status.getMessage());

		Path cut = work.resolve("cut.ova");
		Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(ova), 3000));
		status = new OvaImportOperation(service, cut, hostB, new OvaImportOperation.Options("images", "cut", toLan)).execute(new NullProgressMonitor());
		assertEquals(IStatus.ERROR, status.getSeverity());
		assertTrue(status.getMessage().contains(cut + " is cut short") || status.getMessage().contains(cut + " lacks"), status.getMessage());

		Path notOva = work.resolve("notes.ova");
		Files.writeString(notOva, "not a package");
		assertEquals(List.of(notOva + " is cut short (the archive ends inside a 512-byte block). Copy the whole file again."),
				new OvaImportOperation(service, notOva, hostB, new OvaImportOperation.Options("images", null, toLan)).precheck());
		assertEquals(volumes, volumesOnB(), "no volume made");
		assertEquals(domains, domainsOnB(), "no VM defined");
	}

	@Test
	void aCancelledOvaExportLeavesNoPackageNoTemporaryFileAndNoVolume() throws Exception {
		VirtualMachine vm = exportable("stopped");
		Path ova = work.resolve("stopped.ova");
		assertEquals(List.of(), new OvaExportOperation(service, vm, ova).precheck());
		int[] checks = { 0 };
		assertThrows(OperationCanceledException.class, () -> new OvaExportOperation(service, vm, ova).execute(new NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return ++checks[0] > 30; // some megabytes into the first disk
			}
		}));
		try (Stream<Path> files = Files.list(work)) {
			List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.contains("stopped")).toList();
			assertEquals(List.of("stopped-data.src"), left, "no package and no temporary file: " + left);
		}
		assertTrue(connection(hostA).pools().stream().flatMap(p -> p.volumes().stream()).noneMatch(v -> v.name().startsWith("hostdeck-ova-")));

		Files.writeString(ova, "in the way");
		connection(hostA).power(service.query(i -> vm.getUuid()), PowerAction.START);
		Wait.until("running", () -> service.query(i -> vm.getPowerState()) == org.hostdeck.model.PowerState.RUNNING);
		assertEquals(List.of("stopped is running: an export needs it shut off, so its disks do not change while they are copied. Shut it down first.",
				ova + " exists already. Choose another name or remove it first."), new OvaExportOperation(service, vm, ova).precheck());
		connection(hostA).power(service.query(i -> vm.getUuid()), PowerAction.FORCE_OFF);
	}

	private static org.hostdeck.core.archive.ova.Tar.Entry entry(Path tar, String name) throws IOException {
		return org.hostdeck.core.archive.ova.Tar.list(tar).files().stream().filter(e -> e.name().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError(name + " not in " + tar));
	}

	private static String sha1(Path file) throws Exception {
		return org.hostdeck.tests.support.Commands.digest("SHA-1", file);
	}

	private static String sha256(Path file) throws Exception {
		return org.hostdeck.tests.support.Commands.sha256(file);
	}

	/** A fixture command whose output must not report an error. */
	private static String run(String... command) throws IOException, InterruptedException {
		String out = org.hostdeck.tests.support.Commands.run(command);
		assertFalse(out.contains("ERROR"), out);
		return out;
	}
}
