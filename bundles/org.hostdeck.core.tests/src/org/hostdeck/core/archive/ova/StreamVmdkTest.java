package org.hostdeck.core.archive.ova;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream-optimized VMDKs as HostDeck writes them, read back by HostDeck and checked by qemu-img (QEMU's own VMDK code). */
class StreamVmdkTest {

	@TempDir
	Path dir;

	/** 5 MiB + 512 bytes: text, a zero stretch of whole grains, random bytes, a last partial grain. */
	private static byte[] disk() {
		byte[] data = new byte[5 * 1024 * 1024 + 512];
		byte[] text = "HostDeck stream-optimized VMDK test line\n".getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < 1 << 20; i++) {
			data[i] = text[i % text.length];
		}
		byte[] random = new byte[2 << 20];
		new Random(7).nextBytes(random);
		System.arraycopy(random, 0, data, 3 << 20, random.length);
		data[data.length - 1] = 42;
		return data;
	}

	private static byte[] vmdk(byte[] data, String name) throws IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (StreamVmdk.Writer w = new StreamVmdk.Writer(out, data.length, name, "lsilogic")) {
			w.write(data, 0, 1000);
			w.write(data, 1000, data.length - 1000);
		}
		return out.toByteArray();
	}

	@Test
	void whatIsWrittenReadsBackByteForByteAndZerosTakeNoSpace() throws IOException {
		byte[] data = disk();
		byte[] vmdk = vmdk(data, "disk.vmdk");
		byte[] back = new byte[data.length];
		long capacity = StreamVmdk.read(new ByteArrayInputStream(vmdk), (offset, bytes, length) -> System.arraycopy(bytes, 0, back, (int) offset, length));
		assertEquals(data.length, capacity);
		assertArrayEquals(data, back);
		assertTrue(vmdk.length < 2.2 * (1 << 20) + (1 << 16), "text compressed, zeros left out, random kept: " + vmdk.length);
	}

	@Test
	void qemuImgTakesItAsAStreamOptimizedVmdkWithTheSameContent() throws Exception {
		byte[] data = disk();
		Path raw = dir.resolve("disk.raw");
		Files.write(raw, data);
		Path vmdk = dir.resolve("disk.vmdk");
		Files.write(vmdk, vmdk(data, "disk.vmdk"));
		String info = run("qemu-img", "info", vmdk.toString());
		assertTrue(info.contains("file format: vmdk"), info);
		assertTrue(info.contains("create type: streamOptimized"), info);
		assertTrue(info.contains("virtual size: 5 MiB (5243392 bytes)"), info);
		assertTrue(run("qemu-img", "compare", "-f", "vmdk", "-F", "raw", vmdk.toString(), raw.toString()).contains("Images are identical"));
		run("qemu-img", "check", vmdk.toString());
	}

	@Test
	void aVmdkQemuImgWroteIsRead() throws Exception {
		byte[] data = disk();
		Path raw = dir.resolve("other.raw");
		Files.write(raw, data);
		Path vmdk = dir.resolve("other.vmdk");
		run("qemu-img", "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw.toString(), vmdk.toString());
		byte[] back = new byte[data.length];
		long capacity = StreamVmdk.read(Files.newInputStream(vmdk), (offset, bytes, length) -> System.arraycopy(bytes, 0, back, (int) offset, length));
		assertEquals(data.length, capacity);
		assertArrayEquals(data, back);

		// qemu-img puts the grain tables up front and may end right after the last grain: a copy
		// cut at a grain's end is then found out by the tables, not by a missing end marker
		byte[] full = new byte[8 << 20];
		new Random(8).nextBytes(full);
		Files.write(raw, full);
		Files.delete(vmdk);
		run("qemu-img", "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw.toString(), vmdk.toString());
		byte[] whole = Files.readAllBytes(vmdk);
		byte[] back8 = new byte[full.length];
		StreamVmdk.read(new ByteArrayInputStream(whole), (offset, bytes, length) -> System.arraycopy(bytes, 0, back8, (int) offset, length));
		assertArrayEquals(full, back8);
		byte[] cut = Arrays.copyOf(whole, grainStart(whole));
		IOException e = assertThrows(IOException.class, () -> StreamVmdk.read(new ByteArrayInputStream(cut), (o, b, l) -> {
		}));
		assertEquals("it is cut short: 127 of its 128 grains are there", e.getMessage());
	}

	/** Where the last grain of a VMDK without end markers starts (the grains are sector-aligned). */
	private static int grainStart(byte[] vmdk) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(vmdk).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		int pos = (int) b.getLong(64) * 512;
		int last = pos;
		while (pos < vmdk.length) {
			last = pos;
			int size = b.getInt(pos + 8);
			pos = (pos + 12 + size + 511) / 512 * 512;
		}
		return last;
	}

	@Test
	void aDamagedOrCutVmdkIsRefusedSayingWhat() throws IOException {
		byte[] vmdk = vmdk(disk(), "disk.vmdk");
		byte[] cut = Arrays.copyOf(vmdk, vmdk.length / 2);
		IOException e = assertThrows(IOException.class, () -> StreamVmdk.read(new ByteArrayInputStream(cut), (o, b, l) -> {
		}));
		assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("ends"), e.getMessage());
		byte[] damaged = vmdk.clone();
		damaged[1024 + 20] ^= 0x55; // inside the first grain's compressed bytes
		e = assertThrows(IOException.class, () -> StreamVmdk.read(new ByteArrayInputStream(damaged), (o, b, l) -> {
		}));
		assertTrue(e.getMessage().contains("damaged"), e.getMessage());
		e = assertThrows(IOException.class, () -> StreamVmdk.read(new ByteArrayInputStream(new byte[4096]), (o, b, l) -> {
		}));
		assertEquals("it is not a sparse VMDK (no KDMV header)", e.getMessage());
		// a crafted grain marker pointing past the disk's end is refused before anything is written there
		byte[] past = vmdk.clone();
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(past).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		long sectors = b.getLong(12);
		b.putLong((int) (b.getLong(64) * 512), sectors + 128);
		java.util.List<Long> written = new java.util.ArrayList<>();
		e = assertThrows(IOException.class, () -> StreamVmdk.read(new ByteArrayInputStream(past), (o, data, l) -> written.add(o)));
		assertEquals("a grain at sector " + (sectors + 128) + " lies outside the disk or is too long", e.getMessage());
		assertEquals(java.util.List.of(), written, "nothing written");
	}

	private String run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
		return out;
	}

}
