package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ImportRewrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain definition from an export, written by an attacker: what reaches outside the VM never
 * reaches the host's definition, each piece is named, what describes the VM itself stays, and the
 * result is still a domain libvirt's schema accepts ({@code virt-xml-validate}).
 */
class DomainPolicyTest {

	@TempDir
	Path dir;

	private static final String IMAGE = "/var/lib/libvirt/images/web.img"; //$NON-NLS-1$
	private static final String NEW_IMAGE = "/srv/pool/web.img"; //$NON-NLS-1$

	/** Everything a crafted export could ask of a host, around a plain VM. */
	private static final String HOSTILE = """
			<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
			  <name>web</name>
			  <uuid>8f1c2a4e-0000-4000-8000-000000000001</uuid>
			  <description>a web server</description>
			  <metadata><x:evil xmlns:x='urn:x'>1</x:evil></metadata>
			  <memory unit='KiB'>1048576</memory>
			  <currentMemory unit='KiB'>1048576</currentMemory>
			  <vcpu placement='static' cpuset='0-1'>2</vcpu>
			  <cputune><shares>2048</shares><vcpupin vcpu='0' cpuset='0'/></cputune>
			  <resource><partition>/machine/evil</partition></resource>
			  <os>
			    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
			    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
			    <nvram>/etc/shadow</nvram>
			    <kernel>/boot/vmlinuz</kernel>
			    <cmdline>init=/bin/sh</cmdline>
			    <boot dev='hd'/>
			  </os>
			  <features><acpi/><apic/><hyperv mode='custom'><relaxed state='on'/></hyperv></features>
			  <cpu mode='host-passthrough' check='none' migratable='on'><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>
			  <clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>
			  <on_poweroff>destroy</on_poweroff>
			  <on_crash>coredump-destroy</on_crash>
			  <devices>
			    <emulator>/tmp/evil-qemu</emulator>
			    <disk type='file' device='disk'>
			      <driver name='qemu' type='qcow2'/>
			      <source file='/var/lib/libvirt/images/web.img'/>
			      <backingStore type='file'><format type='raw'/><source file='/dev/sda'/></backingStore>
			      <target dev='vda' bus='virtio'/>
			    </disk>
			    <disk type='file' device='disk'>
			      <driver name='qemu' type='raw'/>
			      <source file='/etc/shadow'/>
			      <target dev='vdb' bus='virtio'/>
			    </disk>
			    <disk type='block' device='lun'>
			      <source dev='/dev/sda'/>
			      <target dev='sda' bus='scsi'/>
			    </disk>
			    <disk type='file' device='cdrom'>
			      <source file='/root/secret.iso'/>
			      <target dev='sdb' bus='sata'/>
			      <readonly/>
			    </disk>
			    <filesystem type='mount'><source dir='/'/><target dir='host'/></filesystem>
			    <hostdev mode='subsystem' type='pci'><source><address domain='0' bus='0' slot='2' function='0'/></source></hostdev>
			    <interface type='network'><mac address='52:54:00:11:22:33'/><source network='default'/><model type='virtio'/></interface>
			    <interface type='ethernet'><script path='/tmp/evil.sh'/><target dev='tap9'/></interface>
			    <serial type='file'><source path='/etc/passwd'/><target port='0'/></serial>
			    <serial type='pty'><target type='isa-serial' port='1'><model name='isa-serial'/></target></serial>
			    <channel type='unix'><source mode='bind' path='/run/evil.sock'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
			    <graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>
			    <video><model type='virtio' heads='1' primary='yes'/></video>
			    <rng model='virtio'><backend model='random'>/dev/sda</backend></rng>
			    <memballoon model='virtio'/>
			  </devices>
			  <seclabel type='static' model='selinux' relabel='no'><label>system_u:system_r:unconfined_t:s0</label></seclabel>
			  <qemu:commandline><qemu:arg value='-drive'/><qemu:arg value='file=/etc/shadow'/></qemu:commandline>
			</domain>
			"""; //$NON-NLS-1$

	private static DomainImport.Rewritten confined(String xml) throws DriverException {
		return DomainImport.rewritten(xml, ImportRewrite.fromFile("web-copy", false, Map.of(IMAGE, NEW_IMAGE), Map.of(IMAGE, "raw"), Map.of())); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void whatReachesOutsideTheVmIsLeftOutAndNamed() throws Exception {
		DomainImport.Rewritten result = confined(HOSTILE);
		String xml = result.xml();
		for (String gone : new String[] { "qemu:", "/etc/shadow", "/etc/passwd", "/dev/sda", "/tmp/evil", "/boot/vmlinuz", "init=/bin/sh", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
				"/run/evil.sock", "OVMF", "0.0.0.0", "5901", "unconfined_t", "hostdev", "filesystem", "ethernet", "cpuset", "vcpupin", "/machine/evil", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$
				"coredump", "/root/secret.iso", "urn:x", "qcow2" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			assertFalse(xml.contains(gone), gone + " reached the host's definition:\n" + xml); //$NON-NLS-1$
		}
		List<String> leftOut = result.leftOut();
		String named = String.join("\n", leftOut); //$NON-NLS-1$
		for (String said : new String[] { "disk vdb on /etc/shadow (not one of the volumes this import made)", //$NON-NLS-1$
				"disk sda on dev='/dev/sda' (not one of the volumes this import made)", "<qemu:commandline>", "a security label type='static'", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"the emulator path (the host's own is used) '/tmp/evil-qemu'", "a device of the host passed through type='pci'", //$NON-NLS-1$ //$NON-NLS-2$
				"a folder of the host shared type='mount'", "<devices/interface> type='ethernet'", "<devices/serial> type='file'", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"<devices/channel/source> path='/run/evil.sock'", "<devices/graphics> listen='0.0.0.0'", "<devices/rng/backend> '/dev/sda'", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"the firmware file (the host picks its own)", "the firmware variables file (the host makes a new one) '/etc/shadow'", //$NON-NLS-1$ //$NON-NLS-2$
				"a kernel file of the host '/boot/vmlinuz'", "<os/cmdline> 'init=/bin/sh'", "<on_crash> 'coredump-destroy'", "<vcpu> cpuset='0-1'", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"<cputune/vcpupin>", "<resource> '/machine/evil'", "metadata" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			assertTrue(named.contains(said), "not named: " + said + "\nin:\n" + named); //$NON-NLS-1$ //$NON-NLS-2$
		}
		// what describes the VM stays: its disk on the new volume, opened raw (as the volume was made) and alone
		for (String kept : new String[] { "<name>web-copy</name>", "<description>a web server</description>", "<vcpu placement=\"static\">2</vcpu>", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"firmware=\"efi\"", "machine=\"pc-q35-7.2\"", "<shares>2048</shares>", "<hyperv mode=\"custom\">", "<relaxed state=\"on\"/>", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
				"<source file=\"" + NEW_IMAGE + "\"/>", "<backingStore/>", "<driver name=\"qemu\" type=\"raw\"/>", "<source network=\"default\"/>", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
				"<target port=\"1\" type=\"isa-serial\">", "<target name=\"org.qemu.guest_agent.0\" type=\"virtio\"/>", "<model heads=\"1\" primary=\"yes\" type=\"virtio\"/>", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"<graphics type=\"vnc\">", "<memballoon model=\"virtio\"/>", "<on_poweroff>destroy</on_poweroff>" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			assertTrue(xml.contains(kept), "lost: " + kept + "\n" + xml); //$NON-NLS-1$ //$NON-NLS-2$
		}
		assertTrue(xml.contains("device=\"cdrom\""), "the CD-ROM drive stays, empty"); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("", validate(xml), "libvirt's schema takes what is left"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void aDefinitionThatIsNoVmOrDoesNotUseTheExportsDisksIsRefused() throws Exception {
		assertEquals("The exported definition is no libvirt domain (its root is <network>).", //$NON-NLS-1$
				assertThrows(DriverException.class, () -> confined("<network><name>web</name></network>")).getMessage()); //$NON-NLS-1$
		assertEquals("The exported definition cannot be imported: it is a domain of type 'lxc', not a QEMU, KVM or Xen VM.", //$NON-NLS-1$
				assertThrows(DriverException.class, () -> confined("<domain type='lxc'><name>web</name><devices><disk type='file' device='disk'>" //$NON-NLS-1$
						+ "<source file='" + IMAGE + "'/><target dev='vda'/></disk></devices></domain>")).getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("The exported definition has no disk on " + IMAGE //$NON-NLS-1$
				+ ", the image of one of the export's disks: the export does not hold together. Export the VM again.", //$NON-NLS-1$
				assertThrows(DriverException.class, () -> confined("<domain type='qemu'><name>web</name><devices/></domain>")).getMessage()); //$NON-NLS-1$
	}

	/** Found by releng/fuzz (DomainFuzzer): libvirt reads an element's first of a kind, so a second one hid behind the first. */
	@Test
	void aSecondSourceOfADiskOrCdromIsLeftOutNotMadeTheMedia() throws Exception {
		DomainImport.Rewritten result = confined("""
				<domain type='kvm'><name>web</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
				<devices>
				<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/var/lib/libvirt/images/web.img'/>
				<source file='/etc/passwd'/><target dev='vda' bus='virtio'/></disk>
				<disk type='file' device='cdrom'><source file='/root/a.iso'/><source file='/etc/shadow'/><target dev='sdb' bus='sata'/><readonly/></disk>
				</devices></domain>
				"""); //$NON-NLS-1$
		for (String gone : new String[] { "/etc/passwd", "/etc/shadow", "/root/a.iso" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			assertFalse(result.xml().contains(gone), gone + " reached the host's definition:\n" + result.xml()); //$NON-NLS-1$
		}
		assertEquals(List.of("a second <devices/disk/source>", "a second <devices/disk/source>"), result.leftOut()); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("", validate(result.xml())); //$NON-NLS-1$
	}

	@Test
	void aHostsOwnDefinitionForACloneIsKeptAsItIs() throws Exception {
		String clone = DomainImport.rewrite(HOSTILE, new ImportRewrite("web-clone", false, Map.of(IMAGE, NEW_IMAGE), Map.of(), Map.of(), null, null)); //$NON-NLS-1$
		assertTrue(clone.contains("<cputune><shares>2048</shares><vcpupin"), "a clone of a host's own VM keeps its tuning"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return empty when libvirt's schema accepts {@code xml}, else virt-xml-validate's complaint */
	private String validate(String xml) throws Exception {
		org.hostdeck.tests.support.Tools.need("libvirt-clients", "/usr/bin/virt-xml-validate"); //$NON-NLS-1$ //$NON-NLS-2$
		org.hostdeck.tests.support.Tools.need("libxml2-utils", "/usr/bin/xmllint"); //$NON-NLS-1$ //$NON-NLS-2$
		Path file = Files.createTempFile(dir, "domain", ".xml"); //$NON-NLS-1$ //$NON-NLS-2$
		Files.writeString(file, xml);
		Process p = new ProcessBuilder("virt-xml-validate", file.toString(), "domain").redirectErrorStream(true).start(); //$NON-NLS-1$ //$NON-NLS-2$
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return p.waitFor() == 0 ? "" : out; //$NON-NLS-1$
	}
}
