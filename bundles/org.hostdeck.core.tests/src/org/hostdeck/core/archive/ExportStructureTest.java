package org.hostdeck.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports edited as an attacker would, the manifest recomputed after each edit so every checksum
 * holds: each is refused before any host is touched, with the file and the problem named.
 */
class ExportStructureTest {

	private static final int MIB = 1 << 20;

	@TempDir
	Path work;

	private static ExportedVm vm(List<ExportedVm.Disk> disks) {
		return new ExportedVm("web", "8f1c2a4e-0000-4000-8000-000000000001", "qemu:///system", "", "1024", false, null, 64L * MIB, disks,
				List.of("default"), "<domain type='qemu'><name>web</name></domain>");
	}

	/** A whole export of one raw disk: 4 MiB random, 4 MiB zeros, 2 MiB random (three chunks, the middle one a hole). */
	private Path export(String name, String format, byte[] image) throws Exception {
		Path dir = work.resolve(name);
		try (ExportFolder folder = new ExportFolder(dir)) {
			OutputStream out = folder.disk("disk-0.zst");
			out.write(image);
			folder.diskDone(); // closes the stream
			folder.finish(vm(List.of(new ExportedVm.Disk("disk-0.zst", "vda", "/var/lib/libvirt/images/web.img", "web.img", format, //$NON-NLS-1$
					Math.max(image.length, 1L << 30), image.length))));
		}
		return dir;
	}

	private Path export(String name) throws Exception {
		byte[] image = new byte[10 * MIB];
		Random random = new Random(7);
		byte[] part = new byte[4 * MIB];
		random.nextBytes(part);
		System.arraycopy(part, 0, image, 0, part.length);
		random.nextBytes(part);
		System.arraycopy(part, 0, image, 8 * MIB, 2 * MIB);
		return export(name, "raw", image);
	}

	/** Rewrites the manifest as an attacker would: its chunks edited, every file's size and checksum recomputed. */
	private static void resign(Path dir, UnaryOperator<List<Manifest.Chunk>> chunks, List<String> files) throws Exception {
		Manifest old = Manifest.read(dir);
		List<Manifest.FileEntry> entries = new ArrayList<>();
		for (String f : files) {
			entries.add(ExportVmOperation.entry(dir.resolve(f)));
		}
		new Manifest(entries, chunks.apply(new ArrayList<>(old.chunks()))).write(dir);
	}

	private static void resign(Path dir, UnaryOperator<List<Manifest.Chunk>> chunks) throws Exception {
		resign(dir, chunks, List.of(ExportedVm.FILE, "disk-0.zst"));
	}

	/** {@code vm.xml} replaced by {@code vm}, the manifest re-signed. */
	private static void rewriteVm(Path dir, ExportedVm vm) throws Exception {
		vm.write(dir);
		resign(dir, c -> c);
	}

	private static String refusal(Path dir) {
		return assertThrows(ArchiveException.class, () -> ArchiveVerifier.verifyAll(dir, new NullProgressMonitor())).getMessage();
	}

	private static Manifest.Chunk at(Manifest.Chunk c, long rawOffset) {
		return new Manifest.Chunk(c.file(), c.index(), rawOffset, c.rawLength(), c.storedOffset(), c.storedLength(), c.sha256());
	}

	@Test
	void aWholeExportPassesAndFilesBesideItAreNamedNotRead() throws Exception {
		Path dir = export("whole");
		Files.writeString(dir.resolve("README.txt"), "not part of it");
		ArchiveVerifier.Verified verified = ArchiveVerifier.verifyAll(dir, new NullProgressMonitor());
		assertEquals(3, verified.manifest().chunks().size());
		assertEquals(List.of("Not part of the export (not in its manifest, not read): README.txt."), verified.notes());
	}

	@Test
	void chunksMustTileTheImageInOrder() throws Exception {
		Path far = export("far");
		resign(far, c -> {
			c.set(2, at(c.get(2), 1L << 40)); // the last chunk written 1 TiB into the volume
			return c;
		});
		assertEquals(far.resolve("disk-0.zst") + " chunk 2 starts at byte 1099511627776 of the image; the chunk before ends at 8388608."
				+ " Chunks must follow each other without gap or overlap.", refusal(far));

		Path overlap = export("overlap");
		resign(overlap, c -> {
			c.set(1, at(c.get(1), 0));
			return c;
		});
		assertTrue(refusal(overlap).contains("chunk 1 starts at byte 0 of the image; the chunk before ends at 4194304"), refusal(overlap));

		Path cut = export("cut");
		resign(cut, c -> c.subList(0, 2)); // the last chunk dropped: the image would end early, zeros after
		assertTrue(refusal(cut).endsWith("holds 8 MiB (8388608 bytes) of disk vda; vm.xml says its image has 10485760 bytes."), refusal(cut));

		Path big = export("big");
		resign(big, c -> {
			Manifest.Chunk h = c.get(1);
			c.set(1, new Manifest.Chunk(h.file(), 1, h.rawOffset(), 1 << 30, 0, 0, null)); // a hole of 1 GiB in one chunk
			return c;
		});
		assertTrue(refusal(big).contains("chunk 1 claims 1073741824 bytes"), refusal(big));
	}

	@Test
	void everyDiskHasItsStreamAndEveryStreamIsADisk() throws Exception {
		Path dir = export("missing");
		ExportedVm vm = ExportedVm.read(dir);
		List<ExportedVm.Disk> disks = new ArrayList<>(vm.disks());
		disks.add(new ExportedVm.Disk("disk-1.zst", "vdb", "/var/lib/libvirt/images/data.img", "data.img", "raw", 48L * MIB, 48L * MIB));
		rewriteVm(dir, vm.withDisks(disks));
		assertEquals(dir.resolve("vm.xml") + " names stream 'disk-1.zst' for disk vdb, which the manifest does not list: its data is not in this export.",
				refusal(dir));

		Path extra = export("extra");
		Files.writeString(extra.resolve("notes.bin"), "payload");
		resign(extra, c -> c, List.of(ExportedVm.FILE, "disk-0.zst", "notes.bin"));
		assertEquals(extra.resolve("notes.bin") + " is listed in the manifest but is no disk's stream in vm.xml.", refusal(extra));

		Path unsigned = export("unsigned");
		resign(unsigned, c -> c, List.of("disk-0.zst")); // vm.xml left out of the manifest: anything could stand there
		assertTrue(refusal(unsigned).endsWith("does not list vm.xml, so nothing vouches for the VM's description."), refusal(unsigned));
	}

	@Test
	void namesSizesAndFormatsMustBeSane() throws Exception {
		Path dir = export("names");
		ExportedVm vm = ExportedVm.read(dir);
		ExportedVm.Disk d = vm.disks().get(0);
		rewriteVm(dir, vm.withDisks(List.of(new ExportedVm.Disk(d.file(), "vda", d.path(), "../../etc/cron.d/x", d.format(), d.capacity(), d.size()))));
		assertTrue(refusal(dir).contains("volume '../../etc/cron.d/x'"), refusal(dir));

		rewriteVm(dir, vm.withDisks(List.of(new ExportedVm.Disk(d.file(), "vda", d.path(), d.volume(), "vmdk", d.capacity(), d.size()))));
		assertTrue(refusal(dir).contains("the format 'vmdk'; an export holds raw or qcow2 images."), refusal(dir));

		rewriteVm(dir, vm.withDisks(List.of(new ExportedVm.Disk(d.file(), "vda", d.path(), d.volume(), "raw", MIB, d.size()))));
		assertTrue(refusal(dir).contains("a capacity of 1048576 bytes and an image of 10485760 bytes"), refusal(dir));

		rewriteVm(dir, new ExportedVm("../web", vm.uuid(), vm.sourceHost(), "", "1024", false, null, vm.memory(), vm.disks(), vm.networks(),
				vm.definition()));
		assertTrue(refusal(dir).contains("gives the VM the name '../web'"), refusal(dir));

		rewriteVm(dir, new ExportedVm("web", vm.uuid(), vm.sourceHost(), "", "1024", false, null, 1L << 62, vm.disks(), vm.networks(),
				vm.definition()));
		assertTrue(refusal(dir).contains("bytes of memory: not a size a host has."), refusal(dir));
	}

	@Test
	void aLinkInsteadOfAFileIsRefused() throws Exception {
		Path dir = export("link");
		Path elsewhere = work.resolve("elsewhere.zst");
		Files.move(dir.resolve("disk-0.zst"), elsewhere);
		Files.createSymbolicLink(dir.resolve("disk-0.zst"), elsewhere); // same bytes, same checksum
		assertEquals(dir.resolve("disk-0.zst") + " is not a regular file (a link or a folder): an export holds its files itself.", refusal(dir));
	}

	@Test
	void aFrameThatInflatesBeyondItsChunkIsRefused() throws Exception {
		Path dir = export("bomb");
		resign(dir, c -> {
			Manifest.Chunk first = c.get(0);
			c.set(0, new Manifest.Chunk(first.file(), 0, 0, 4096, first.storedOffset(), first.storedLength(), first.sha256()));
			for (int i = 1; i < c.size(); i++) {
				c.set(i, at(c.get(i), c.get(i).rawOffset() - (4 * MIB - 4096)));
			}
			return c;
		});
		ExportedVm vm = ExportedVm.read(dir);
		ExportedVm.Disk d = vm.disks().get(0);
		rewriteVm(dir, vm.withDisks(List.of(new ExportedVm.Disk(d.file(), "vda", d.path(), d.volume(), "raw", d.capacity(), d.size() - (4 * MIB - 4096)))));
		assertTrue(refusal(dir).contains("chunk 0 does not decompress"), refusal(dir));
	}

	/** A qcow2 header: version 3, 1 GiB, naming {@code backing} (or none) and with the given incompatible feature bits. */
	private static byte[] qcow2(String backing, long incompatible) {
		byte[] image = new byte[MIB];
		ByteBuffer b = ByteBuffer.wrap(image);
		b.putInt(0, 0x514649fb).putInt(4, 3).putInt(20, 16).putLong(24, 1L << 30).putLong(72, incompatible).putInt(100, 104);
		if (backing != null) {
			byte[] name = backing.getBytes(StandardCharsets.UTF_8);
			b.putLong(8, 0x200).putInt(16, name.length);
			System.arraycopy(name, 0, image, 0x200, name.length);
		}
		return image;
	}

	@Test
	void aQcow2ImageMustBeSelfContained() throws Exception {
		ArchiveVerifier.verifyAll(export("plain-qcow2", "qcow2", qcow2(null, 0)), new NullProgressMonitor());

		Path backed = export("backed", "qcow2", qcow2("/etc/shadow", 0));
		assertEquals(backed.resolve("disk-0.zst") + " holds a qcow2 image that names the backing file '/etc/shadow': the host would open that file."
				+ " HostDeck imports self-contained images only; export the VM again (a linked clone is exported whole).", refusal(backed));

		Path external = export("external", "qcow2", qcow2(null, 4));
		assertTrue(refusal(external).contains("whose data lives in an external file"), refusal(external));

		Path notQcow2 = export("not-qcow2", "qcow2", new byte[MIB]); // all zeros: the first chunk is a hole
		assertTrue(refusal(notQcow2).contains("does not begin with a qcow2 header"), refusal(notQcow2));
	}
}
