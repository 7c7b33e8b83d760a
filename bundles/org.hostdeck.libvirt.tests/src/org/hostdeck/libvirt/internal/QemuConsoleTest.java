package org.hostdeck.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DeviceChange;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.GraphicsDisplay;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.BootImages;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.Test;

/**
 * A VM's screen, serial console and CD/DVD media on a real QEMU host: a guest whose boot sector
 * echoes what is typed, read through libvirt's console stream and its VNC display.
 */
class QemuConsoleTest extends OneQemuHost {

	private VirtualMachine startConsoleVm(String name) throws Exception {
		Path disk = qemu.consoleDisk(name);
		qemu.virsh("pool-refresh", "images");
		String uuid = connection().define(QemuSessionHost.consoleDomainXml(name, disk)).uuid();
		Wait.until(name + " in the model", () -> vm(name) != null, Duration.ofSeconds(30));
		connection().power(uuid, PowerAction.START);
		Wait.until(name + " running", () -> service.query(i -> vm(name).getPowerState()) == PowerState.RUNNING, Duration.ofSeconds(30));
		return vm(name);
	}

	private static String uuid(VirtualMachine vm) {
		return vm.getUuid();
	}

	/** Reads from {@code in} until {@code text} has arrived; returns everything read. */
	private static String readUntil(InputStream in, String text) throws Exception {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
			byte[] buffer = new byte[256];
			try {
				while (!seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
					int n = in.read(buffer);
					if (n < 0) {
						return seen.toString(StandardCharsets.ISO_8859_1) + "<end>";
					}
					seen.write(buffer, 0, n);
				}
			} catch (IOException e) {
				return seen.toString(StandardCharsets.ISO_8859_1) + "<" + e.getMessage() + ">";
			}
			return seen.toString(StandardCharsets.ISO_8859_1);
		});
		String result = read.get(60, TimeUnit.SECONDS);
		assertTrue(result.contains(text), "expected '" + text + "' but read: " + result);
		return result;
	}

	@Test
	void theSerialConsoleEchoesWhatIsTypedAndASecondClientMustTakeItOver() throws Exception {
		VirtualMachine vm = startConsoleVm("serial-guest");
		DomainConsoles consoles = (DomainConsoles) connection().consoles();

		ConsoleStream first = consoles.openSerial(uuid(vm), false);
		first.output().write("hello from hostdeck\r".getBytes(StandardCharsets.US_ASCII));
		first.output().flush();
		readUntil(first.input(), "hello from hostdeck");

		DriverException busy = assertThrows(DriverException.class, () -> consoles.openSerial(uuid(vm), false));
		assertEquals(DriverException.Reason.INVALID_STATE, busy.reason(), busy.getMessage());
		assertTrue(busy.getMessage().contains("serial-guest") && busy.getMessage().contains("Take it over"), busy.getMessage());

		try (ConsoleStream second = consoles.openSerial(uuid(vm), true)) {
			assertTrue(ended(first), "the first session ends when another takes over");
			second.output().write("second\r".getBytes(StandardCharsets.US_ASCII));
			readUntil(second.input(), "second");
		}
		first.close();
		assertEquals(0, consoles.openStreams(), "every console stream is closed");

		// closing wakes a reader blocked in libvirt
		ConsoleStream third = consoles.openSerial(uuid(vm), false);
		CompletableFuture<Integer> read = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try {
				read.complete(third.input().read());
			} catch (IOException e) {
				read.complete(-2);
			}
		});
		reader.start();
		Wait.until("the reader waits inside libvirt", () -> java.util.Arrays.stream(reader.getStackTrace())
				.anyMatch(f -> f.getClassName().startsWith("com.sun.jna")));
		third.close();
		assertEquals(-1, read.get(20, TimeUnit.SECONDS));
	}

	/** Whether reading {@code console} ends: at its end, or with the reason it broke off. */
	private static boolean ended(ConsoleStream console) {
		try {
			return console.input().read() < 0;
		} catch (IOException e) {
			return true;
		}
	}

	@Test
	void theScreenIsTakenAsPngAndTheDisplaySpeaksVnc() throws Exception {
		VirtualMachine vm = startConsoleVm("screen-guest");
		DomainConsoles consoles = (DomainConsoles) connection().consoles();

		GraphicsDisplay display = consoles.graphics(uuid(vm));
		assertEquals("vnc", display.type());
		assertEquals("127.0.0.1", display.listen());
		assertTrue(display.port() >= 5900, display.toString());

		try (ConsoleStream serial = consoles.openSerial(uuid(vm), false)) {
			serial.output().write("X".getBytes(StandardCharsets.US_ASCII));
			readUntil(serial.input(), "X"); // the guest has drawn its text by now
		}
		BufferedImage screen = ImageIO.read(new ByteArrayInputStream(consoles.screenshot(uuid(vm))));
		assertNotNull(screen, "a PNG image");
		assertEquals(720, screen.getWidth(), "80x25 text mode, 9x16 cells");
		assertEquals(400, screen.getHeight());
		int lit = 0;
		for (int y = 0; y < 16; y++) {
			for (int x = 0; x < 9 * BootImages.CONSOLE_MARKER.length(); x++) {
				lit += (screen.getRGB(x, y) & 0xFFFFFF) != 0 ? 1 : 0;
			}
		}
		assertTrue(lit > 200, "the marker's letters are lit on the first line: " + lit + " pixels");

		try (ConsoleStream vnc = consoles.openGraphics(uuid(vm))) {
			byte[] banner = vnc.input().readNBytes(12);
			assertEquals("RFB 003.008\n", new String(banner, StandardCharsets.US_ASCII));
			assertNull(vnc.password());
		}
		assertEquals(0, consoles.openStreams());
	}

	@Test
	void mediaGoesInAndOutOfARunningGuestAndANewDriveWaitsForTheNextBoot() throws Exception {
		Path iso = qemu.images().resolve("tools.iso");
		BootImages.iso(iso);
		qemu.own(iso);
		VirtualMachine vm = startConsoleVm("media-guest");
		qemu.virsh("pool-refresh", "images");
		DomainConsoles consoles = (DomainConsoles) connection().consoles();

		DeviceChange in = consoles.changeMedia(uuid(vm), "hdc", "images", "tools.iso");
		assertTrue(in.live(), String.valueOf(in.why()));
		assertTrue(qemu.virsh("dumpxml", "media-guest").contains("<source file='" + iso + "'"), "the live definition");
		assertTrue(qemu.virsh("dumpxml", "--inactive", "media-guest").contains(iso.toString()), "the next boot too");
		Wait.until("the guest's drive holds the ISO", () -> blockInfo("media-guest").contains(iso.toString()), Duration.ofSeconds(20));

		DeviceChange out = consoles.changeMedia(uuid(vm), "hdc", null, null);
		assertTrue(out.live(), String.valueOf(out.why()));
		assertFalse(qemu.virsh("dumpxml", "media-guest").contains(iso.toString()));
		assertFalse(qemu.virsh("dumpxml", "--inactive", "media-guest").contains(iso.toString()));
		Wait.until("the guest's drive is empty", () -> !blockInfo("media-guest").contains(iso.toString()), Duration.ofSeconds(20));

		DriverException noVolume = assertThrows(DriverException.class, () -> consoles.changeMedia(uuid(vm), "hdc", "images", "missing.iso"));
		assertEquals(DriverException.Reason.NOT_FOUND, noVolume.reason());
		assertTrue(noVolume.getMessage().contains("missing.iso") && noVolume.getMessage().contains("upload"), noVolume.getMessage());
		DriverException notADrive = assertThrows(DriverException.class, () -> consoles.changeMedia(uuid(vm), "hda", "images", "tools.iso"));
		assertTrue(notADrive.getMessage().contains("no CD/DVD drive hda"), notADrive.getMessage());

		DeviceChange drive = consoles.addMediaDrive(uuid(vm));
		assertEquals("hdb", drive.id());
		assertFalse(drive.live(), "IDE cannot be plugged into a running PC");
		assertNotNull(drive.why());
		assertTrue(qemu.virsh("dumpxml", "--inactive", "media-guest").contains("<target dev='hdb' bus='ide'/>"));
	}

	private String blockInfo(String domain) {
		try {
			return qemu.virsh("qemu-monitor-command", domain, "--hmp", "info block");
		} catch (IOException e) {
			return e.getMessage();
		}
	}

	@Test
	void aStoppedVmOrOneWithoutAVncDisplaySaysWhatToDo() throws Exception {
		Path disk = qemu.spinningDisk("plain");
		qemu.virsh("pool-refresh", "images");
		String uuid = connection().define(QemuSessionHost.domainXml("plain", disk)).uuid();
		DomainConsoles consoles = (DomainConsoles) connection().consoles();

		DriverException stopped = assertThrows(DriverException.class, () -> consoles.openGraphics(uuid));
		assertEquals(DriverException.Reason.INVALID_STATE, stopped.reason());
		assertTrue(stopped.getMessage().contains("not running"), stopped.getMessage());
		assertEquals(DriverException.Reason.INVALID_STATE, assertThrows(DriverException.class, () -> consoles.openSerial(uuid, false)).reason());

		connection().power(uuid, PowerAction.START);
		Wait.until("plain running", () -> service.query(i -> vm("plain").getPowerState()) == PowerState.RUNNING, Duration.ofSeconds(30));
		assertNull(consoles.graphics(uuid));
		DriverException none = assertThrows(DriverException.class, () -> consoles.openGraphics(uuid));
		assertEquals(DriverException.Reason.NOT_SUPPORTED, none.reason());
		assertTrue(none.getMessage().contains("no graphical display") && none.getMessage().contains("<graphics type='vnc'"), none.getMessage());
		DriverException noSerial = assertThrows(DriverException.class, () -> consoles.openSerial(uuid, false));
		assertTrue(noSerial.getMessage().contains("no serial console"), noSerial.getMessage());

		String spice = DomainConsoles.problem("desk", new GraphicsDisplay("spice", "127.0.0.1", 5930, false));
		assertTrue(spice.contains("only a SPICE display") && spice.contains("Add a VNC display"), spice);
	}
}
