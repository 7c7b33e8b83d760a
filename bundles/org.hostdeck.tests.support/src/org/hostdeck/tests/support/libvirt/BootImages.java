package org.hostdeck.tests.support.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny real boot images for install tests, written here byte by byte (x86 machine code; no
 * assembler needed): a Multiboot kernel that QEMU boots directly (as libvirt's
 * {@code <kernel>}/{@code <initrd>}/{@code <cmdline>} make it) and that prints a marker, its
 * command line and its initrd's text on the first serial port; and an El Torito CD that prints a
 * marker from the BIOS. Both halt afterwards.
 */
public final class BootImages {

	/** What the kernel prints first, followed by its command line. */
	public static final String KERNEL_MARKER = "HOSTDECK-KERNEL-BOOTED cmdline="; //$NON-NLS-1$

	/** What the CD's boot image prints. */
	public static final String ISO_MARKER = "HOSTDECK-ISO-BOOTED"; //$NON-NLS-1$

	private static final int LOAD = 0x100000;

	private BootImages() {
	}

	/**
	 * A Multiboot (v1, a.out kludge) kernel loaded at 1 MiB: prints {@link #KERNEL_MARKER}, the
	 * command line the loader passed, a newline, then its first module (the initrd) up to its first
	 * NUL, on COM1; then halts.
	 */
	public static byte[] kernel() {
		ByteBuffer code = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
		int header = 32;
		// mov esi, marker ; call print
		code.put((byte) 0xBE);
		int markerAt = code.position();
		code.putInt(0);
		int call1 = call(code);
		// test byte [ebx], 4 (command line given) ; jz +8 ; mov esi, [ebx+16] ; call print
		code.put(new byte[] { (byte) 0xF6, 0x03, 0x04, 0x74, 0x08, (byte) 0x8B, 0x73, 0x10 });
		int call2 = call(code);
		// mov esi, newline ; call print
		code.put((byte) 0xBE);
		int newlineAt = code.position();
		code.putInt(0);
		int call3 = call(code);
		// test byte [ebx], 8 (modules given) ; jz halt ; mov eax, [ebx+20] ; test eax, eax ; jz halt ;
		// mov eax, [ebx+24] ; mov esi, [eax] ; call print
		code.put(new byte[] { (byte) 0xF6, 0x03, 0x08, 0x74, 0x11, (byte) 0x8B, 0x43, 0x14, (byte) 0x85, (byte) 0xC0, 0x74, 0x0A,
				(byte) 0x8B, 0x43, 0x18, (byte) 0x8B, 0x30 });
		int call4 = call(code);
		// halt: cli ; hlt ; jmp halt
		code.put(new byte[] { (byte) 0xFA, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD });
		// print: mov dx, 0x3F8 ; next: lodsb ; test al, al ; jz done ; out dx, al ; jmp next ; done: ret
		int print = code.position();
		code.put(new byte[] { 0x66, (byte) 0xBA, (byte) 0xF8, 0x03, (byte) 0xAC, (byte) 0x84, (byte) 0xC0, 0x74, 0x03, (byte) 0xEE,
				(byte) 0xEB, (byte) 0xF8, (byte) 0xC3 });
		int marker = code.position();
		code.put((KERNEL_MARKER + '\0').getBytes(StandardCharsets.US_ASCII));
		int newline = code.position();
		code.put(new byte[] { '\n', 0 });
		int length = code.position();
		code.putInt(markerAt, LOAD + header + marker);
		code.putInt(newlineAt, LOAD + header + newline);
		for (int call : new int[] { call1, call2, call3, call4 }) {
			code.putInt(call, print - (call + 4));
		}
		int magic = 0x1BADB002;
		int flags = 0x00010000; // the load addresses below are valid
		ByteBuffer image = ByteBuffer.allocate(header + length).order(ByteOrder.LITTLE_ENDIAN);
		image.putInt(magic).putInt(flags).putInt(-(magic + flags)).putInt(LOAD).putInt(LOAD).putInt(0).putInt(0)
				.putInt(LOAD + header);
		image.put(code.array(), 0, length);
		return image.array();
	}

	/** E8 rel32 with the offset left blank; returns where the offset goes. */
	private static int call(ByteBuffer code) {
		code.put((byte) 0xE8);
		int at = code.position();
		code.putInt(0);
		return at;
	}

	/** An initrd the {@link #kernel()} prints: {@code text}, a newline, a NUL. */
	public static byte[] initrd(String text) {
		return (text + "\n\0").getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
	}

	/**
	 * A 2048-byte El Torito "no emulation" boot image, loaded by the BIOS at 0:7C00 in real mode:
	 * prints {@link #ISO_MARKER} and a newline on COM1, then halts.
	 */
	public static byte[] bootSector() {
		byte[] code = { (byte) 0xFA, 0x31, (byte) 0xC0, (byte) 0x8E, (byte) 0xD8, (byte) 0xFC, // cli ; xor ax,ax ; mov ds,ax ; cld
				(byte) 0xBE, 0, 0, // mov si, message
				(byte) 0xBA, (byte) 0xF8, 0x03, // mov dx, 0x3F8
				(byte) 0xAC, (byte) 0x84, (byte) 0xC0, 0x74, 0x03, (byte) 0xEE, (byte) 0xEB, (byte) 0xF8, // lodsb ; test ; jz ; out ; jmp
				(byte) 0xF4, (byte) 0xEB, (byte) 0xFD }; // hlt ; jmp hlt
		byte[] message = (ISO_MARKER + "\n\0").getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
		byte[] image = new byte[2048];
		System.arraycopy(code, 0, image, 0, code.length);
		System.arraycopy(message, 0, image, code.length, message.length);
		int address = 0x7C00 + code.length;
		image[7] = (byte) address;
		image[8] = (byte) (address >> 8);
		return image;
	}

	/** Whether {@link #iso} can run here (Debian's {@code xorriso}). */
	public static boolean isoToolAvailable() {
		return Files.isExecutable(Path.of("/usr/bin/xorriso")); //$NON-NLS-1$
	}

	/** Writes a bootable ISO whose El Torito image is {@link #bootSector()} to {@code iso}, with xorriso. */
	public static void iso(Path iso) throws IOException {
		Path dir = Files.createTempDirectory("hostdeck-iso-"); //$NON-NLS-1$
		try {
			Files.write(dir.resolve("boot.img"), bootSector()); //$NON-NLS-1$
			Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-V", "HOSTDECK_TEST", "-b", "boot.img", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
					"-no-emul-boot", "-boot-load-size", "4", "-o", iso.toString(), dir.toString()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					.redirectErrorStream(true).start();
			String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (p.waitFor() != 0) {
				throw new IOException("xorriso failed: " + output); //$NON-NLS-1$
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		} finally {
			Files.deleteIfExists(dir.resolve("boot.img")); //$NON-NLS-1$
			Files.deleteIfExists(dir);
		}
	}
}
