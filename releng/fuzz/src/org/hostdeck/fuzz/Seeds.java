package org.hostdeck.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hostdeck.core.archive.ExportFolder;
import org.hostdeck.core.archive.ExportedVm;
import org.hostdeck.core.archive.ova.Ovf;
import org.hostdeck.core.archive.ova.StreamVmdk;
import org.hostdeck.core.archive.ova.Tar;

/**
 * Writes the seed inputs of each fuzz target with HostDeck's own writers (an export, an OVA, a
 * stream VMDK), so the fuzzers start from files HostDeck makes and mutate from there:
 * {@code java org.hostdeck.fuzz.Seeds releng/fuzz/corpus}. Run again when a format changes.
 */
public final class Seeds {

	private static final String UUID = "8f1c2a4e-0000-4000-8000-000000000001";

	private Seeds() {
	}

	public static void main(String[] args) throws Exception {
		Path corpus = Path.of(args[0]);
		// 64 KiB (one VMDK grain) that compress well, so the seeds stay small: short runs of a few values, then zeros
		byte[] image = new byte[64 << 10];
		Random random = new Random(7);
		for (int i = 0; i < 16 << 10; i++) {
			image[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : i >> 6);
		}

		Path export = Files.createTempDirectory("hostdeck-seed").resolve("export");
		String definition = """
				<domain type='kvm'><name>web</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>
				<os><type arch='x86_64' machine='pc'>hvm</type></os>
				<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>
				<source file='/var/lib/libvirt/images/web.img'/><target dev='vda' bus='virtio'/></disk>
				<interface type='network'><source network='default'/><model type='virtio'/></interface>
				<graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>
				""";
		try (ExportFolder folder = new ExportFolder(export)) {
			folder.disk("disk-0.zst").write(image);
			folder.diskDone();
			folder.finish(new ExportedVm("web", UUID, "qemu:///system", "a web server", "1024", false, null, 64L << 20,
					List.of(new ExportedVm.Disk("disk-0.zst", "vda", "/var/lib/libvirt/images/web.img", "web.img", "raw", 1L << 20,
							image.length)),
					List.of("default"), definition));
		}
		byte[] vmXml = Files.readAllBytes(export.resolve(ExportedVm.FILE));
		byte[] stream = Files.readAllBytes(export.resolve("disk-0.zst"));
		List<String> lines = Files.readAllLines(export.resolve("manifest.txt"));
		String body = String.join("\n", lines.subList(1, lines.size() - 1)) + "\n";
		write(corpus, "ExportFuzzer", "export", Inputs.join(vmXml, bytes(body), stream));
		String chunks = String.join("\n", lines.stream().filter(l -> l.startsWith("chunk ") || l.startsWith("hole ")).toList()) + "\n";
		write(corpus, "JournalFuzzer", "export-journal", Inputs.join(bytes("hostdeck-export-journal 1 " + UUID + "\n" + chunks), stream));
		write(corpus, "JournalFuzzer", "import-journal",
				Inputs.join(bytes("hostdeck-import-journal 1 qemu:///system default web\ndisk-0.zst 1\n"), stream));

		Ovf.Vm vm = new Ovf.Vm("web", "a web server", 2, 512L << 20, List.of(new Ovf.Disk("web-disk1.vmdk", image.length, "virtio", "vmdk")),
				List.of(new Ovf.Nic("default", "virtio")), List.of());
		ByteArrayOutputStream vmdk = new ByteArrayOutputStream();
		try (StreamVmdk.Writer writer = new StreamVmdk.Writer(vmdk, image.length, "web-disk1.vmdk", "lsilogic")) {
			writer.write(image, 0, image.length);
		}
		write(corpus, "StreamVmdkFuzzer", "disk", vmdk.toByteArray());
		String ovf = Ovf.write(vm, Map.of("web-disk1.vmdk", (long) vmdk.size()));
		write(corpus, "OvfFuzzer", "web", bytes(ovf));
		ByteArrayOutputStream ova = new ByteArrayOutputStream();
		try (var tar = Tar.writer(ova)) {
			Tar.add(tar, "web.ovf", bytes(ovf).length, 0, new java.io.ByteArrayInputStream(bytes(ovf)));
			Tar.add(tar, "web-disk1.vmdk", vmdk.size(), 0, new java.io.ByteArrayInputStream(vmdk.toByteArray()));
		}
		write(corpus, "OvaFuzzer", "web", ova.toByteArray());

		write(corpus, "CsvFuzzer", "servers", bytes("""
				Name,Processors,MHz,Utilization %,Memory,Network,Disk
				mail,4,1000,40,12,80,15
				"files, old",2,2400,10.5,800 MiB,300,60
				erp,8,2000,75,48 GiB,40,120
				"""));

		write(corpus, "DomainFuzzer", "plain", bytes(definition));
		write(corpus, "DomainFuzzer", "hostile", bytes("""
				<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>web</name>
				<memory unit='KiB'>65536</memory><vcpu placement='static'>1</vcpu>
				<os><type arch='x86_64'>hvm</type><kernel>/boot/vmlinuz</kernel><cmdline>init=/bin/sh</cmdline></os>
				<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
				<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/web.img'/>
				<backingStore type='file'><format type='raw'/><source file='/dev/sda'/></backingStore><target dev='vda' bus='virtio'/></disk>
				<disk type='file' device='disk'><source file='/etc/shadow'/><target dev='vdb' bus='virtio'/></disk>
				<disk type='file' device='cdrom'><source file='/root/secret.iso'/><target dev='sdb' bus='sata'/><readonly/></disk>
				<interface type='ethernet'><script path='/tmp/evil.sh'/></interface>
				<serial type='file'><source path='/etc/passwd'/></serial>
				<console type='pty'><target type='serial' port='0'/></console>
				<graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0'/></devices>
				<qemu:commandline><qemu:arg value='-drive'/><qemu:arg value='file=/etc/shadow'/></qemu:commandline></domain>
				"""));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void write(Path corpus, String target, String name, byte[] data) throws Exception {
		Path dir = Files.createDirectories(corpus.resolve(target));
		Files.write(dir.resolve("seed-" + name), data);
	}
}
