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

	/** What {@link #consoleDisk()} prints on the screen and the serial port when it starts. */
	public static final String CONSOLE_MARKER = "HOSTDECK CONSOLE READY"; //$NON-NLS-1$

	/**
	 * A 1 MiB raw disk whose boot sector (real mode, at 0:7C00) is a tiny interactive console:
	 * it switches to 80x25 text mode, prints {@link #CONSOLE_MARKER} and a line break on the
	 * screen (BIOS teletype) and on COM1, then echoes every key typed on the keyboard and every
	 * character arriving on COM1 to both, halting between interrupts.
	 */
	public static byte[] consoleDisk() {
		byte[] code = { (byte) 0xFA, 0x31, (byte) 0xC0, (byte) 0x8E, (byte) 0xD8, (byte) 0x8E, (byte) 0xD0, // cli ; xor ax,ax ; mov ds,ax ; mov ss,ax
				(byte) 0xBC, 0x00, 0x7C, (byte) 0xFB, // mov sp, 0x7C00 ; sti
				(byte) 0xB8, 0x03, 0x00, (byte) 0xCD, 0x10, // mov ax, 3 ; int 10h (80x25 text)
				(byte) 0xBE, 0, 0, // 10: mov si, message
				(byte) 0xAC, (byte) 0x84, (byte) 0xC0, 0x74, 0x05, // 13: lodsb ; test al,al ; jz main
				(byte) 0xE8, 0x21, 0x00, (byte) 0xEB, (byte) 0xF6, // call putc ; jmp 13
				(byte) 0xF4, // 1D main: hlt (until the timer, a key or the UART)
				(byte) 0xB4, 0x01, (byte) 0xCD, 0x16, 0x74, 0x07, // mov ah,1 ; int 16h ; jz serial
				0x30, (byte) 0xE4, (byte) 0xCD, 0x16, (byte) 0xE8, 0x11, 0x00, // xor ah,ah ; int 16h ; call putc
				(byte) 0xBA, (byte) 0xFD, 0x03, (byte) 0xEC, (byte) 0xA8, 0x01, 0x74, (byte) 0xEA, // 2B serial: mov dx,3FDh ; in al,dx ; test al,1 ; jz main
				(byte) 0xBA, (byte) 0xF8, 0x03, (byte) 0xEC, (byte) 0xE8, 0x02, 0x00, (byte) 0xEB, (byte) 0xE1, // mov dx,3F8h ; in al,dx ; call putc ; jmp main
				0x50, (byte) 0xB4, 0x0E, (byte) 0xBB, 0x07, 0x00, (byte) 0xCD, 0x10, 0x58, // 3C putc: push ax ; mov ah,0Eh ; mov bx,7 ; int 10h ; pop ax
				(byte) 0xBA, (byte) 0xF8, 0x03, (byte) 0xEE, (byte) 0xC3 }; // mov dx,3F8h ; out dx,al ; ret
		byte[] message = (CONSOLE_MARKER + "\r\n\0").getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$
		byte[] disk = new byte[1024 * 1024];
		System.arraycopy(code, 0, disk, 0, code.length);
		System.arraycopy(message, 0, disk, code.length, message.length);
		int address = 0x7C00 + code.length;
		disk[0x11] = (byte) address;
		disk[0x12] = (byte) (address >> 8);
		disk[510] = 0x55;
		disk[511] = (byte) 0xAA;
		return disk;
	}

	/** Rows at the top of {@link #drawingDisk()}'s screen that each key turns magenta, or black again. */
	public static final int DRAWING_MARK_ROWS = 128;

	/**
	 * A 1 MiB raw disk whose boot sector (real mode) switches QEMU's standard VGA to 1024x768 in
	 * 32 bits per pixel (Bochs VBE, banked at A000) and then loops for ever: every key typed turns
	 * the top {@link #DRAWING_MARK_ROWS} rows magenta (or black again), and in between it redraws
	 * the lower half a 64 KiB bank at a time in a grey that changes each time (never brighter than
	 * 127), a guest that draws all the time.
	 */
	public static byte[] drawingDisk() {
		byte[] code = {
				(byte) 0xFA, // 00 cli
				0x31, (byte) 0xC0, // 01 xor %ax,%ax
				(byte) 0x8E, (byte) 0xD8, // 03 mov %ax,%ds
				(byte) 0x8E, (byte) 0xD0, // 05 mov %ax,%ss
				(byte) 0xBC, 0x00, 0x7C, // 07 mov $0x7c00,%sp
				(byte) 0xFB, // 0A sti
				(byte) 0xBB, 0x01, 0x00, // 0B mov $0x1,%bx
				(byte) 0xB8, 0x00, 0x04, // 0E mov $0x400,%ax
				(byte) 0xE8, 0x64, 0x00, // 11 call 0x7c78 (XRES 1024)
				(byte) 0xBB, 0x02, 0x00, // 14 mov $0x2,%bx
				(byte) 0xB8, 0x00, 0x03, // 17 mov $0x300,%ax
				(byte) 0xE8, 0x5B, 0x00, // 1A call 0x7c78 (YRES 768)
				(byte) 0xBB, 0x03, 0x00, // 1D mov $0x3,%bx
				(byte) 0xB8, 0x20, 0x00, // 20 mov $0x20,%ax
				(byte) 0xE8, 0x52, 0x00, // 23 call 0x7c78 (BPP 32)
				(byte) 0xBB, 0x04, 0x00, // 26 mov $0x4,%bx
				(byte) 0xB8, 0x01, 0x00, // 29 mov $0x1,%ax
				(byte) 0xE8, 0x49, 0x00, // 2C call 0x7c78 (ENABLE, banked)
				(byte) 0xB4, 0x01, // 2F main: mov $0x1,%ah
				(byte) 0xCD, 0x16, // 31 int $0x16
				0x74, 0x1D, // 33 je 0x7c52
				0x30, (byte) 0xE4, // 35 xor %ah,%ah
				(byte) 0xCD, 0x16, // 37 int $0x16
				(byte) 0x81, 0x36, (byte) 0x95, 0x7C, (byte) 0xFF, 0x00, // 39 xorw $0xff,0x7c95 (the mark: black <-> magenta)
				0x31, (byte) 0xF6, // 3F xor %si,%si
				(byte) 0x89, (byte) 0xF0, // 41 mov %si,%ax
				(byte) 0xE8, 0x2F, 0x00, // 43 call 0x7c75 (banks 0-7: the top 128 rows)
				(byte) 0xA1, (byte) 0x95, 0x7C, // 46 mov 0x7c95,%ax
				(byte) 0xE8, 0x39, 0x00, // 49 call 0x7c85
				0x46, // 4C inc %si
				(byte) 0x83, (byte) 0xFE, 0x08, // 4D cmp $0x8,%si
				0x72, (byte) 0xEF, // 50 jb 0x7c41
				(byte) 0xFE, 0x06, (byte) 0x97, 0x7C, // 52 redraw: incb 0x7c97
				(byte) 0xA0, (byte) 0x98, 0x7C, // 56 mov 0x7c98,%al
				(byte) 0xFE, (byte) 0xC0, // 59 inc %al
				0x3C, 0x30, // 5B cmp $0x30,%al
				0x72, 0x02, // 5D jb 0x7c61
				(byte) 0xB0, 0x18, // 5F mov $0x18,%al
				(byte) 0xA2, (byte) 0x98, 0x7C, // 61 mov %al,0x7c98
				0x30, (byte) 0xE4, // 64 xor %ah,%ah
				(byte) 0xE8, 0x0C, 0x00, // 66 call 0x7c75
				(byte) 0xA0, (byte) 0x97, 0x7C, // 69 mov 0x7c97,%al
				0x24, 0x7F, // 6C and $0x7f,%al
				(byte) 0x88, (byte) 0xC4, // 6E mov %al,%ah
				(byte) 0xE8, 0x12, 0x00, // 70 call 0x7c85 (a bank of the lower half, 24-47, a grey that changes)
				(byte) 0xEB, (byte) 0xBA, // 73 jmp 0x7c2f
				(byte) 0xBB, 0x05, 0x00, // 75 bank: mov $0x5,%bx
				0x50, // 78 dispi: push %ax
				(byte) 0xBA, (byte) 0xCE, 0x01, // 79 mov $0x1ce,%dx
				(byte) 0x89, (byte) 0xD8, // 7C mov %bx,%ax
				(byte) 0xEF, // 7E out %ax,(%dx)
				0x58, // 7F pop %ax
				(byte) 0xBA, (byte) 0xCF, 0x01, // 80 mov $0x1cf,%dx
				(byte) 0xEF, // 83 out %ax,(%dx)
				(byte) 0xC3, // 84 ret
				0x06, // 85 fill: push %es
				(byte) 0xBB, 0x00, (byte) 0xA0, // 86 mov $0xa000,%bx
				(byte) 0x8E, (byte) 0xC3, // 89 mov %bx,%es
				0x31, (byte) 0xFF, // 8B xor %di,%di
				(byte) 0xB9, 0x00, (byte) 0x80, // 8D mov $0x8000,%cx
				(byte) 0xFC, // 90 cld
				(byte) 0xF3, (byte) 0xAB, // 91 rep stos %ax,%es:(%di)
				0x07, // 93 pop %es
				(byte) 0xC3, // 94 ret
				0x00, 0x00, 0x00, 0x18 }; // 95 mark: .word 0 ; 97 color: .byte 0 ; 98 next bank: .byte 24
		byte[] disk = new byte[1024 * 1024];
		System.arraycopy(code, 0, disk, 0, code.length);
		disk[510] = 0x55;
		disk[511] = (byte) 0xAA;
		return disk;
	}

	/** Whether {@link #iso} can run here (Debian's {@code xorriso}). */
	public static boolean isoToolAvailable() {
		return org.hostdeck.tests.support.Tools.present("xorriso", "/usr/bin/xorriso"); //$NON-NLS-1$ //$NON-NLS-2$
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
