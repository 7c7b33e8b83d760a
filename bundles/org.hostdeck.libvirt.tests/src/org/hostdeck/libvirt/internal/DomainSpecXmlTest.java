package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hostdeck.core.driver.DomainSpec;
import org.hostdeck.core.driver.DomainSpec.Boot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of domain the Install wizard writes, Xen ones included (no Xen host runs here),
 * passes libvirt's own schema check ({@code virt-xml-validate}, Debian {@code libvirt-clients}).
 */
class DomainSpecXmlTest {

	private static final long MIB = 1L << 20;

	@TempDir
	Path dir;

	private static DomainSpec spec(boolean paravirtGuest, boolean virtio, int shares, Boot boot, boolean media) {
		List<DomainSpec.Disk> disks = media
				? List.of(new DomainSpec.Disk("/var/lib/libvirt/images/vm.qcow2", "qcow2", false), //$NON-NLS-1$ //$NON-NLS-2$
						new DomainSpec.Disk("/var/lib/libvirt/images/os.iso", "raw", true), //$NON-NLS-1$ //$NON-NLS-2$
						new DomainSpec.Disk("/var/lib/libvirt/images/drivers.iso", "raw", true)) //$NON-NLS-1$ //$NON-NLS-2$
				: List.of(new DomainSpec.Disk("/var/lib/libvirt/images/vm.qcow2", "qcow2", false), //$NON-NLS-1$ //$NON-NLS-2$
						new DomainSpec.Disk("/var/lib/libvirt/images/vm-2.img", "raw", false)); //$NON-NLS-1$ //$NON-NLS-2$
		return new DomainSpec(null, "vm", "web & <db> 'tier'", paravirtGuest, virtio, 2, 512 * MIB, shares, disks, //$NON-NLS-1$ //$NON-NLS-2$
				List.of(new DomainSpec.Nic("default", null), new DomainSpec.Nic("lab", "52:54:00:12:34:56")), boot, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"/var/log/vm-console.log"); //$NON-NLS-1$
	}

	private static final Boot KERNEL = Boot.kernel("/var/lib/libvirt/images/vm-install-vmlinuz", //$NON-NLS-1$
			"/var/lib/libvirt/images/vm-install-initrd", "inst.repo=http://mirror/os/ console=ttyS0"); //$NON-NLS-1$ //$NON-NLS-2$

	private String valid(String xml) throws Exception {
		assertEquals("", validate(xml), xml); //$NON-NLS-1$
		return xml;
	}

	/** @return empty when libvirt's schema accepts {@code xml}, else virt-xml-validate's complaint */
	private String validate(String xml) throws Exception {
		return validate(xml, "domain"); //$NON-NLS-1$
	}

	private String validate(String xml, String schema) throws Exception {
		org.hostdeck.tests.support.Tools.need("libvirt-clients", "/usr/bin/virt-xml-validate"); //$NON-NLS-1$ //$NON-NLS-2$
		org.hostdeck.tests.support.Tools.need("libxml2-utils", "/usr/bin/xmllint"); //$NON-NLS-1$ //$NON-NLS-2$
		Path file = Files.createTempFile(dir, "domain", ".xml"); //$NON-NLS-1$ //$NON-NLS-2$
		Files.writeString(file, xml);
		Process p = new ProcessBuilder("virt-xml-validate", file.toString(), schema).redirectErrorStream(true).start(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return p.waitFor() == 0 ? "" : out; //$NON-NLS-1$
	}

	@Test
	void theNfsShareTheHostMountsForAnInstallIsAValidPool() throws Exception {
		String xml = LibvirtConnection.netfsPoolXml("hostdeck-install-web", "nfs.example", "/srv/fedora/images/pxeboot"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertEquals("", validate(xml, "storagepool"), xml); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(xml.contains("<host name='nfs.example'/><dir path='/srv/fedora/images/pxeboot'/><format type='nfs'/>"), xml); //$NON-NLS-1$
	}

	@Test
	void theSchemaCheckRejectsAWrongDomain() throws Exception {
		String out = validate("<domain type='xen'><name>vm</name><memory>1</memory><os><type>linux</type></os><devices><disk/></devices></domain>"); //$NON-NLS-1$
		assertTrue(out.contains("fails to validate"), out); //$NON-NLS-1$
	}

	@Test
	void xenParavirtualizedGuestBootsTheInstallerKernelThenPygrub() throws Exception {
		String install = valid(DomainSpecXml.write(spec(true, true, 512, KERNEL, false), "xen", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(install.contains("<type arch='x86_64' machine='xenpv'>linux</type><kernel>/var/lib/libvirt/images/vm-install-vmlinuz</kernel>"), install); //$NON-NLS-1$
		assertTrue(install.contains("<target dev='xvda' bus='xen'/>") && install.contains("<target dev='xvdb' bus='xen'/>"), install); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(install.contains("<cputune><shares>512</shares></cputune>"), install); //$NON-NLS-1$
		assertTrue(install.contains("<console type='pty'><target type='xen' port='0'/></console>"), install); //$NON-NLS-1$
		String installed = valid(DomainSpecXml.write(spec(true, true, 512, KERNEL, false).installed(), "xen", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(installed.contains("<bootloader>pygrub</bootloader>") && !installed.contains("<kernel>"), installed); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void xenHvmGuestFromMediaWithEmulatedDevices() throws Exception {
		String xml = valid(DomainSpecXml.write(spec(false, false, 0, Boot.CDROM, true), "xen", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(xml.contains("machine='xenfv'>hvm</type><loader>" + DomainSpecXml.XEN_HVMLOADER + "</loader><boot dev='cdrom'/><boot dev='hd'/>"), xml); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(xml.contains("<target dev='hda' bus='ide'/>") && xml.contains("<target dev='hdb' bus='ide'/><readonly/>") //$NON-NLS-1$ //$NON-NLS-2$
				&& xml.contains("<target dev='hdc' bus='ide'/><readonly/>"), xml); //$NON-NLS-1$
		assertTrue(xml.contains("<model type='e1000'/>"), xml); //$NON-NLS-1$
		assertFalse(xml.contains("<cputune>"), "Normal weight leaves the hypervisor's default"); //$NON-NLS-1$ //$NON-NLS-2$
		valid(DomainSpecXml.write(spec(false, true, 0, Boot.DISK, true), "xen", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void qemuAndKvmGuestsWithVirtioOrEmulatedDevices() throws Exception {
		String network = valid(DomainSpecXml.write(spec(false, true, 2048, KERNEL, false), "kvm", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(network.contains("<cmdline>inst.repo=http://mirror/os/ console=ttyS0</cmdline>"), network); //$NON-NLS-1$
		assertTrue(network.contains("<target dev='vda' bus='virtio'/>") && network.contains("<model type='virtio'/>"), network); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(network.contains("<log file='/var/log/vm-console.log' append='off'/>"), network); //$NON-NLS-1$
		assertTrue(network.contains("<description>web &amp; &lt;db&gt; &apos;tier&apos;</description>"), network); //$NON-NLS-1$
		String media = valid(DomainSpecXml.write(spec(false, false, 0, Boot.CDROM, true), "qemu", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		assertTrue(media.contains("<target dev='hda' bus='ide'/>") && media.contains("<model type='e1000'/>"), media); //$NON-NLS-1$ //$NON-NLS-2$
		// the console's screen on the host's loopback, never on its network
		assertTrue(media.contains("<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>"), //$NON-NLS-1$
				media);
		valid(DomainSpecXml.write(spec(false, true, 0, Boot.CDROM, true).installed(), "qemu", "x86_64")); //$NON-NLS-1$ //$NON-NLS-2$
		valid(DomainSpecXml.write(spec(false, true, 0, Boot.DISK, false), "test", "i686")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Test
	void choosesKvmOverEmulationAndXenForParavirtualizedGuests() throws Exception {
		String kvmHost = "<capabilities><guest><os_type>hvm</os_type><arch name='i686'><domain type='qemu'/></arch></guest>" //$NON-NLS-1$
				+ "<guest><os_type>hvm</os_type><arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest></capabilities>"; //$NON-NLS-1$
		assertArrayEquals(new String[] { "kvm", "x86_64" }, DomainSpecXml.domainType(kvmHost, false)); //$NON-NLS-1$ //$NON-NLS-2$
		String xenHost = "<capabilities><guest><os_type>xen</os_type><arch name='x86_64'><domain type='xen'/></arch></guest>" //$NON-NLS-1$
				+ "<guest><os_type>hvm</os_type><arch name='x86_64'><domain type='xen'/></arch></guest></capabilities>"; //$NON-NLS-1$
		assertArrayEquals(new String[] { "xen", "x86_64" }, DomainSpecXml.domainType(xenHost, true)); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("aa", DomainSpecXml.letters(26)); //$NON-NLS-1$
	}
}
