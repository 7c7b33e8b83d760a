package org.hostdeck.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.hostdeck.core.archive.ova.Ovf;
import org.hostdeck.core.archive.ova.Tar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVA packages crafted to reach outside themselves: a descriptor naming a file by a path, a disk
 * that is a link, a file twice, absurd counts. Each is refused when the package is read, before
 * any host is asked for anything, naming the package and the problem.
 */
class OvaPackageTest {

	@TempDir
	Path dir;

	/** A package whose descriptor names {@code disks}; {@code entries} adds the tar's own entries (name, or name->link). */
	private Path ova(String name, List<String> disks, Map<String, String> entries) throws Exception {
		List<Ovf.Disk> described = new ArrayList<>();
		Map<String, Long> sizes = new HashMap<>();
		for (String d : disks) {
			described.add(new Ovf.Disk(d, 1L << 30, "virtio", null));
			sizes.put(d, 1024L);
		}
		byte[] ovf = Ovf.write(new Ovf.Vm("web", "", 1, 512L << 20, described, List.of(new Ovf.Nic("default", "virtio")), List.of()), sizes)
				.getBytes(StandardCharsets.UTF_8);
		Path file = dir.resolve(name + ".ova");
		try (TarArchiveOutputStream tar = Tar.writer(Files.newOutputStream(file))) {
			Tar.add(tar, name + ".ovf", ovf.length, 0, new ByteArrayInputStream(ovf));
			for (Map.Entry<String, String> e : entries.entrySet()) {
				if (e.getValue() == null) {
					Tar.add(tar, e.getKey(), 1024, 0, new ByteArrayInputStream(new byte[1024]));
				} else {
					TarArchiveEntry link = new TarArchiveEntry(e.getKey(), TarConstants.LF_SYMLINK);
					link.setLinkName(e.getValue());
					tar.putArchiveEntry(link);
					tar.closeArchiveEntry();
				}
			}
			tar.finish();
		}
		return file;
	}

	private static String refusal(Path ova) {
		return assertThrows(ArchiveException.class, () -> OvaImportOperation.read(ova)).getMessage();
	}

	private static Map<String, String> files(String... names) {
		Map<String, String> m = new java.util.LinkedHashMap<>();
		for (String n : names) {
			m.put(n, null);
		}
		return m;
	}

	@Test
	void aDescriptorNamesPlainFilesOfThePackageOnly() throws Exception {
		Path traversal = ova("traversal", List.of("../../etc/passwd"), files("../../etc/passwd"));
		assertEquals(traversal + " names the disk file '../../etc/passwd' (in traversal.ovf): an OVA's descriptor names files inside the package,"
				+ " by plain names.", refusal(traversal));

		Path absolute = ova("absolute", List.of("/dev/sda"), files("/dev/sda"));
		assertTrue(refusal(absolute).contains("names the disk file '/dev/sda'"), refusal(absolute));

		Map<String, String> link = new HashMap<>();
		link.put("disk1.vmdk", "/etc/shadow");
		Path linked = ova("linked", List.of("disk1.vmdk"), link);
		assertEquals(linked + " lacks the disk file disk1.vmdk its descriptor names as a regular file (it is a link, folder or sparse entry).",
				refusal(linked));
	}

	@Test
	void aFileTwiceOrAbsurdCountsAreRefused() throws Exception {
		Path twice = dir.resolve("twice.ova");
		try (TarArchiveOutputStream tar = Tar.writer(Files.newOutputStream(twice))) {
			for (int i = 0; i < 2; i++) {
				Tar.add(tar, "disk1.vmdk", 3, 0, new ByteArrayInputStream(new byte[3]));
			}
			tar.finish();
		}
		assertEquals(twice + " holds disk1.vmdk twice; which one is meant is unclear, so it is not imported.", refusal(twice));

		List<String> many = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			many.add("disk" + i + ".vmdk");
		}
		Path crowded = ova("crowded", many, files(many.toArray(String[]::new)));
		assertTrue(refusal(crowded).contains("describes a VM of 100 disks, 1 NICs, 1 virtual CPUs"), refusal(crowded));

		Path whole = ova("whole", List.of("whole-disk1.vmdk"), files("whole-disk1.vmdk"));
		assertEquals(List.of("whole-disk1.vmdk"), OvaImportOperation.read(whole).vm().disks().stream().map(Ovf.Disk::file).toList());
	}
}
