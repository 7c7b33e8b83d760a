package org.hostdeck.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest written and read back; edits, cuts and gaps refused with the file and line named. */
class ManifestTest {

	@TempDir
	Path dir;

	private static final String SHA = "a".repeat(64);

	private Manifest sample() {
		return new Manifest(List.of(new Manifest.FileEntry("vm.xml", 120, SHA), new Manifest.FileEntry("disk-0.zst", 900, SHA)),
				List.of(new Manifest.Chunk("disk-0.zst", 0, 0, 4 << 20, 0, 900, SHA),
						new Manifest.Chunk("disk-0.zst", 1, 4 << 20, 4 << 20, 0, 0, null)));
	}

	@Test
	void roundTrip() throws Exception {
		sample().write(dir);
		Manifest read = Manifest.read(dir);
		assertEquals(sample().files(), read.files());
		assertEquals(sample().chunks(), read.chunks());
		assertTrue(read.chunks().get(1).hole());
	}

	@Test
	void editedCutOrGappedManifestsAreRefused() throws Exception {
		sample().write(dir);
		Path file = dir.resolve(Manifest.NAME);
		String text = Files.readString(file);
		Files.writeString(file, text.replace(" 900 ", " 901 "));
		assertEquals(file + " is cut short or was changed (its closing checksum does not match). Export the VM again.",
				assertThrows(ArchiveException.class, () -> Manifest.read(dir)).getMessage());
		Files.writeString(file, text.substring(0, text.length() / 2));
		assertThrows(ArchiveException.class, () -> Manifest.read(dir));
		Files.delete(file);
		assertEquals(file + " is missing: the export did not finish (it was cancelled, interrupted or is still running). Resume or repeat the export.",
				assertThrows(ArchiveException.class, () -> Manifest.read(dir)).getMessage());
	}

	/** Re-signed as anyone can (the closing checksum made true): a chunk index twice, or a stream outside the folder, is refused by line. */
	@Test
	void aDuplicateChunkIndexOrAStreamOutsideTheFolderIsRefusedEvenReSigned() throws Exception {
		Path file = dir.resolve(Manifest.NAME);
		new Manifest(sample().files(), List.of(new Manifest.Chunk("disk-0.zst", 0, 0, 4 << 20, 0, 900, SHA),
				new Manifest.Chunk("disk-0.zst", 0, 0, 4 << 20, 0, 900, SHA))).write(dir);
		assertEquals(file + " line 5 is malformed: chunk disk-0.zst 0 0 4194304 0 900 " + SHA,
				assertThrows(ArchiveException.class, () -> Manifest.read(dir)).getMessage());
		new Manifest(sample().files(), List.of(new Manifest.Chunk("../disk-0.zst", 0, 0, 4 << 20, 0, 900, SHA))).write(dir);
		assertEquals(file + " line 4 is malformed: chunk ../disk-0.zst 0 0 4194304 0 900 " + SHA,
				assertThrows(ArchiveException.class, () -> Manifest.read(dir)).getMessage());
	}
}
