package org.hostdeck.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.hostdeck.fuzz.Inputs;

/**
 * An export folder edited by an attacker who re-signs what they edit: the input is {@code vm.xml},
 * the manifest's lines and one disk stream ({@code disk-0.zst}); every {@code file} line and
 * every chunk's checksum is recomputed over what is there and the closing checksum appended, so
 * the checks past the checksums are reached. HostDeck must refuse with an {@link ArchiveException}
 * or accept an export whose disks are tiled by their chunks; anything else is a finding.
 */
public final class ExportFuzzer {

	private ExportFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) throws Exception {
		byte[][] parts = Inputs.parts(data, 3);
		Path dir = Inputs.scratch("export");
		Files.write(dir.resolve(ExportedVm.FILE), parts[0]);
		Files.write(dir.resolve("disk-0.zst"), parts[2]);
		resign(dir, new String(parts[1], StandardCharsets.UTF_8));
		ArchiveVerifier.Verified verified;
		try {
			verified = ArchiveVerifier.verifyAll(dir, new NullProgressMonitor());
		} catch (ArchiveException refused) {
			return;
		}
		for (ExportedVm.Disk disk : verified.vm().disks()) {
			List<Manifest.Chunk> chunks = verified.manifest().chunks(disk.file());
			long at = 0;
			for (Manifest.Chunk c : chunks) {
				Inputs.check(c.rawOffset() == at, "chunk " + c.index() + " of " + disk.file() + " starts at " + c.rawOffset() + ", not " + at);
				Inputs.check(c.rawLength() > 0 && c.rawLength() <= Codec.CHUNK, "chunk " + c.index() + " holds " + c.rawLength() + " bytes");
				at += c.rawLength();
			}
			Inputs.check(at == disk.size(), disk.file() + "'s chunks hold " + at + " bytes, the disk " + disk.size());
			Inputs.check(disk.size() <= disk.capacity() || !"raw".equals(disk.format()), "a raw image larger than its disk");
		}
	}

	/** The manifest as an attacker writes it: the lines given, each file's size and checksum and each chunk's checksum made true. */
	static void resign(Path dir, String lines) throws IOException {
		StringBuilder body = new StringBuilder("hostdeck-export 1\n");
		for (String line : lines.split("\n", -1)) {
			if (line.isEmpty() || line.startsWith("end ")) {
				continue;
			}
			String[] f = line.split(" ");
			if (f.length == 4 && "file".equals(f[0]) && plain(f[1]) && Files.isRegularFile(dir.resolve(f[1]))) {
				Manifest.FileEntry entry = ExportVmOperation.entry(dir.resolve(f[1]));
				line = "file " + f[1] + ' ' + entry.size() + ' ' + entry.sha256();
			} else if (f.length == 8 && "chunk".equals(f[0]) && plain(f[1]) && Files.isRegularFile(dir.resolve(f[1]))) {
				try {
					long offset = Long.parseLong(f[5]);
					int length = Integer.parseInt(f[6]);
					byte[] file = Files.readAllBytes(dir.resolve(f[1]));
					if (offset >= 0 && length >= 0 && offset + length <= file.length) {
						f[7] = Manifest.Hashes.sha256(file, (int) offset, length);
						line = String.join(" ", f);
					}
				} catch (NumberFormatException e) {
					// left as it is: the manifest reader refuses it
				}
			}
			body.append(line).append('\n');
		}
		body.append("end ").append(Manifest.Hashes.sha256(body.toString().getBytes(StandardCharsets.UTF_8))).append('\n');
		Files.writeString(dir.resolve(Manifest.NAME), body, StandardCharsets.UTF_8);
	}

	private static boolean plain(String name) {
		return !name.isEmpty() && !name.contains("/") && !name.contains("\0") && !name.equals(".") && !name.equals("..");
	}
}
