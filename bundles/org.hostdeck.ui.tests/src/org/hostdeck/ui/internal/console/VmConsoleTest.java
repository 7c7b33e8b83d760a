package org.hostdeck.ui.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.tests.support.libvirt.BootImages;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.ui.internal.editors.ConsolePage;
import org.hostdeck.ui.internal.editors.SerialConsolePage;
import org.hostdeck.ui.internal.editors.VmEditor;
import org.hostdeck.ui.internal.handlers.VmJobs;
import org.hostdeck.ui.internal.wizards.TwoQemuHostsInWorkbench;
import org.junit.jupiter.api.Test;

/**
 * The VM editor's Console and Serial Console pages in the real workbench against a real QEMU
 * guest whose boot sector prints a line and echoes every key typed: the page shows the same
 * pixels as the hypervisor's own screenshot, keys typed into it reach the guest, the toolbar's
 * Ctrl+Alt+Del restarts it, the CD/DVD drop-down changes its media, a stopped VM offers Power On,
 * and closing the editor leaves no connection behind.
 */
class VmConsoleTest extends TwoQemuHostsInWorkbench {

	private static final Path SCREENSHOTS = Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"));

	@Override
	protected List<String> windows() {
		return List.of();
	}

	private VirtualMachine startConsoleVm(String name) throws Exception {
		Path disk = east.consoleDisk(name);
		Path xml = Files.createTempFile("hostdeck-console-ui-", ".xml");
		Files.writeString(xml, QemuSessionHost.consoleDomainXml(name, disk));
		east.virsh("define", xml.toString());
		Files.delete(xml);
		east.virsh("start", name);
		VirtualMachine vm = waitForVm(eastHost, name);
		bot.waitUntil(name + " running", () -> inventory.state(vm) == PowerState.RUNNING, Duration.ofSeconds(30));
		return vm;
	}

	/** The guest's screen as the hypervisor takes it. */
	private ImageData hypervisorScreen(VirtualMachine vm) throws Exception {
		String uuid = inventory.service().query(i -> vm.getUuid());
		byte[] png = inventory.service().session(vm).connection().consoles().screenshot(uuid);
		return new ImageLoader().load(new ByteArrayInputStream(png))[0];
	}

	/**
	 * What the screen of this machine shows where the console draws the guest 1:1: gtk-vnc centres
	 * it in its widget, give or take the embedding's border, so the best match within a few pixels
	 * of the centre is taken.
	 */
	private ImageData shown(VncView view, ImageData expected) {
		Point size = view.getSize();
		Point centre = view.toDisplay(Math.max(0, (size.x - expected.width) / 2), Math.max(0, (size.y - expected.height) / 2));
		int slack = 4;
		Image image = new Image(bot.display(), expected.width + 2 * slack, expected.height + 2 * slack);
		GC gc = new GC(bot.display());
		ImageData around;
		try {
			gc.copyArea(image, centre.x - slack, centre.y - slack);
			around = image.getImageData();
		} finally {
			gc.dispose();
			image.dispose();
		}
		ImageData best = null;
		int fewest = Integer.MAX_VALUE;
		for (int dy = 0; dy <= 2 * slack; dy++) {
			for (int dx = 0; dx <= 2 * slack; dx++) {
				ImageData candidate = new ImageData(expected.width, expected.height, around.depth, around.palette);
				int[] line = new int[expected.width];
				for (int y = 0; y < expected.height; y++) {
					around.getPixels(dx, y + dy, expected.width, line, 0);
					candidate.setPixels(0, y, expected.width, line, 0);
				}
				int differ = differences(expected, candidate);
				if (differ < fewest) {
					fewest = differ;
					best = candidate;
				}
			}
		}
		return best;
	}

	/**
	 * Waits until the console shows, 1:1, exactly the pixels of the hypervisor's screenshot; else
	 * fails, saving both pictures and the screen for a look.
	 */
	private void assertShowsTheGuestsPixels(VirtualMachine vm, VncView view, String name) throws Exception {
		assertSamePixels(vm, expected -> shown(view, expected), name);
	}

	/**
	 * Waits until {@code actual} (given the hypervisor's screenshot) is that screenshot pixel for
	 * pixel (the guest's text cursor blinks, so a moment may differ); else fails, saving both
	 * pictures and the screen.
	 */
	private void assertSamePixels(VirtualMachine vm, java.util.function.UnaryOperator<ImageData> actualOf, String name) throws Exception {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		ImageData expected;
		ImageData actual;
		do {
			bot.flush();
			expected = hypervisorScreen(vm);
			// the screenshot comes a moment after the console's last frame (over SSH, a long one): the
			// console is given a blink of the cursor to show that state too
			long settle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
			do {
				actual = actualOf.apply(expected);
				if (differences(expected, actual) == 0) {
					return;
				}
				long frame = System.nanoTime() + Duration.ofMillis(40).toNanos();
				bot.waitUntil("the console's next frames", () -> System.nanoTime() > frame); // the event loop runs meanwhile
			} while (System.nanoTime() < settle);
		} while (System.nanoTime() < end);
		ImageLoader loader = new ImageLoader();
		Files.createDirectories(SCREENSHOTS);
		loader.data = new ImageData[] { expected };
		loader.save(SCREENSHOTS.resolve("console-" + name + "-hypervisor.png").toString(), SWT.IMAGE_PNG);
		loader.data = new ImageData[] { actual };
		loader.save(SCREENSHOTS.resolve("console-" + name + "-shown.png").toString(), SWT.IMAGE_PNG);
		bot.screenshot(SCREENSHOTS.resolve("console-" + name + "-screen.png"));
		throw new AssertionError(differences(expected, actual) + " pixels of " + expected.width * expected.height
				+ " differ between the hypervisor's screenshot and the console (pictures in " + SCREENSHOTS.toAbsolutePath() + ")");
	}

	/** How many pixels differ between two images of the same size. */
	private static int differences(ImageData a, ImageData b) {
		assertEquals(a.width + "x" + a.height, b.width + "x" + b.height);
		int differ = 0;
		for (int y = 0; y < a.height; y++) {
			for (int x = 0; x < a.width; x++) {
				if (!a.palette.getRGB(a.getPixel(x, y)).equals(b.palette.getRGB(b.getPixel(x, y)))) {
					differ++;
				}
			}
		}
		return differ;
	}

	/** Lit pixels in text row {@code row} (16 pixels high) of an 80x25 screen. */
	private static int lit(ImageData screen, int row) {
		int lit = 0;
		for (int y = row * 16; y < row * 16 + 16; y++) {
			for (int x = 0; x < screen.width; x++) {
				org.eclipse.swt.graphics.RGB rgb = screen.palette.getRGB(screen.getPixel(x, y));
				lit += rgb.red + rgb.green + rgb.blue > 0 ? 1 : 0;
			}
		}
		return lit;
	}

	private void type(String text) {
		for (char c : text.toCharArray()) {
			for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
				Event e = new Event();
				e.type = type;
				e.character = c;
				bot.display().post(e);
			}
		}
		bot.flush();
	}

	private void clickInside(org.eclipse.swt.widgets.Control control) {
		Point centre = control.toDisplay(control.getSize().x / 2, control.getSize().y / 2);
		Event move = new Event();
		move.type = SWT.MouseMove;
		move.x = centre.x;
		move.y = centre.y;
		bot.display().post(move);
		for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
			Event e = new Event();
			e.type = type;
			e.button = 1;
			bot.display().post(e);
		}
		bot.flush();
	}

	private static long consoleThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("HostDeck ")
				&& (t.getName().contains("console"))).count();
	}

	@Test
	void theConsoleShowsTheGuestsPixelsTakesItsKeysAndChangesItsMedia() throws Exception {
		Path iso = east.images().resolve("tools.iso");
		BootImages.iso(iso);
		east.own(iso);
		east.virsh("pool-refresh", "images");
		VirtualMachine vm = startConsoleVm("console-ui");
		long threadsBefore = consoleThreads();

		VmEditor editor = (VmEditor) inventory.view().openEditor(vm);
		editor.setActivePage(ConsolePage.ID);
		org.eclipse.ui.IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		page.setPartState(page.getReference(editor), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED); // room for 720x400 at 1:1
		try {
			watch(vm, editor);
		} finally {
			page.setPartState(page.getReference(editor), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
			page.closeAllEditors(false);
		}
		bot.waitUntil("no console connection left", () -> consoleThreads() == threadsBefore, Duration.ofSeconds(20));

		// the VM Console view follows the Inventory's selection, and holds no connection while hidden
		ConsoleView consoleView = (ConsoleView) page.showView(ConsoleView.ID);
		inventory.selectPath(eastHost, vm);
		bot.waitUntil("the selected VM's screen in the view", () -> consoleView.viewer().vm() == vm
				&& consoleView.viewer().statusShown().contains("720\u00d7400"), Duration.ofSeconds(30));
		page.showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET); // the view's tab hidden behind another
		bot.waitUntil("no console connection while the view is hidden", () -> consoleThreads() == threadsBefore, Duration.ofSeconds(20));
	}

	/** The console's checks, on the editor opened (maximized) on the Console page of the running {@code vm}. */
	private void watch(VirtualMachine vm, VmEditor editor) throws Exception {
		Path iso = east.images().resolve("tools.iso");
		bot.flush();
		ConsoleViewer viewer = editor.consolePage().viewer();
		VncView view = viewer.view();
		assertNotNull(view, "gtk-vnc runs here: " + VncView.problem());
		bot.waitUntil("the guest's screen shown", () -> viewer.statusShown().contains("720\u00d7400"), Duration.ofSeconds(30));

		// 1:1, then the same pixels as the hypervisor's own screenshot
		ToolItem fit = bot.toolItem(Messages.Console_fitTip);
		fit.setSelection(false);
		fit.notifyListeners(SWT.Selection, new Event());
		bot.flush();
		ImageData expected = hypervisorScreen(vm);
		assertTrue(lit(expected, 0) > 200, "the guest printed its first line");
		assertShowsTheGuestsPixels(vm, view, "first-line");
		assertSamePixels(vm, guest -> view.screen(), "framebuffer"); // what Copy Screen and Save Screen take

		// keys typed into the console reach the guest, which echoes them on its second line
		clickInside(view);
		type("hostdeck typed this");
		bot.waitUntil("the typed keys on the guest's screen", () -> {
			try {
				return lit(hypervisorScreen(vm), 1) > 300;
			} catch (Exception e) {
				return false;
			}
		}, Duration.ofSeconds(20));
		assertShowsTheGuestsPixels(vm, view, "typed");
		fit.setSelection(true);
		fit.notifyListeners(SWT.Selection, new Event());
		bot.screenshot(SCREENSHOTS.resolve("vm-console.png"));

		// Ctrl+Alt+Del from the toolbar: the BIOS restarts the guest, its screen starts afresh
		ToolItem cad = bot.toolItem(Messages.Console_ctrlAltDelTip);
		bot.click(cad);
		bot.waitUntil("the guest restarted (second line empty)", () -> {
			try {
				ImageData now = hypervisorScreen(vm);
				return lit(now, 1) == 0 && lit(now, 0) > 200;
			} catch (Exception e) {
				return false;
			}
		}, Duration.ofSeconds(30));

		// the CD/DVD drop-down
		org.eclipse.swt.widgets.Combo media = viewer.media();
		// the ISO came after the host was read: a console shown reads its host's pools again
		bot.waitUntil("the host's ISO offered", () -> List.of(media.getItems()).contains("images/tools.iso"));
		assertEquals(0, media.getSelectionIndex(), "the drive is empty");
		media.select(List.of(media.getItems()).indexOf("images/tools.iso"));
		media.notifyListeners(SWT.Selection, new Event());
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(30));
		assertTrue(east.virsh("dumpxml", "console-ui").contains(iso.toString()), "inserted into the running VM");
		bot.waitUntil("the drop-down shows it inserted", () -> "images/tools.iso".equals(media.getText()), Duration.ofSeconds(20));
		media.select(0);
		media.notifyListeners(SWT.Selection, new Event());
		bot.waitForJobs(VmJobs.FAMILY, Duration.ofSeconds(30));
		assertTrue(!east.virsh("dumpxml", "console-ui").contains(iso.toString()), "ejected");

		// the serial console: what is typed reaches the guest, which echoes it back
		editor.setActivePage(SerialConsolePage.ID);
		bot.flush();
		SerialConsole serial = editor.serialPage().console();
		bot.waitUntil("the serial console connected", () -> serial.messageShown().isEmpty() && serial.isOpen(), Duration.ofSeconds(30));
		serial.setFocus();
		bot.flush();
		type("serial hello\r");
		bot.waitUntil("the guest's echo in the terminal", () -> serial.text().contains("serial hello"), Duration.ofSeconds(20));
		bot.screenshot(SCREENSHOTS.resolve("vm-serial-console.png"));

		// a stopped VM: its last screen and Power On
		editor.setActivePage(ConsolePage.ID);
		String uuid = inventory.service().query(i -> vm.getUuid());
		inventory.service().session(vm).connection().power(uuid, PowerAction.FORCE_OFF);
		bot.waitUntil("Power On offered", () -> viewer.messageShown().contains("shut off"), Duration.ofSeconds(30));
		assertNotNull(viewer.screen(), "the last screen is kept");
		bot.screenshot(SCREENSHOTS.resolve("vm-console-off.png"));
		bot.click(bot.widgetById(Button.class, "console.action"));
		bot.waitUntil("the guest's screen again after Power On", () -> viewer.statusShown().contains("720\u00d7400"), Duration.ofSeconds(60));

	}

	@Test
	void aGuestThatChangesItsResolutionAPasswordAWrongOneAndAHostLostMidway() throws Exception {
		Path disk = east.rawDisk("draw-ui", BootImages.drawingDisk());
		Path xml = Files.createTempFile("hostdeck-console-ui-", ".xml");
		Files.writeString(xml, QemuSessionHost.consoleDomainXml("draw-ui", disk).replace("<graphics type='vnc'", "<graphics type='vnc' passwd='s3cret'"));
		east.virsh("define", xml.toString());
		Files.delete(xml);
		east.virsh("start", "--paused", "draw-ui"); // its firmware has not drawn yet
		VirtualMachine vm = waitForVm(eastHost, "draw-ui");
		bot.waitUntil("draw-ui paused", () -> inventory.state(vm) == PowerState.PAUSED, Duration.ofSeconds(30));
		inventory.service().setReconnectPolicy(new org.hostdeck.core.inventory.InventoryService.ReconnectPolicy(Duration.ofMillis(200),
				Duration.ofSeconds(1)));
		VmEditor editor = ConsoleEditors.open(vm);
		try {
			ConsoleViewer viewer = editor.consolePage().viewer();
			// the display's password comes from the host: nothing is asked
			bot.waitUntil("the paused guest's first screen", () -> viewer.statusShown().startsWith("Screen "), Duration.ofSeconds(30));
			assertTrue(!viewer.statusShown().contains("1024\u00d71024") && !viewer.statusShown().contains("1024\u00d7768"), viewer.statusShown());
			east.virsh("resume", "draw-ui");
			bot.waitUntil("the console follows the guest to 1024x768", () -> viewer.statusShown().contains("1024\u00d7768"), Duration.ofSeconds(60));
			bot.waitUntil("its picture at the new size", () -> viewer.screen() != null && viewer.screen().width == 1024, Duration.ofSeconds(20));

			// a wrong password: refused, said in the pane
			String uuid = inventory.service().query(i -> vm.getUuid());
			org.hostdeck.core.driver.ConsoleStream right = inventory.service().session(vm).connection().consoles().openGraphics(uuid);
			viewer.view().connect(new org.hostdeck.core.driver.ConsoleStream() {
				@Override
				public java.io.InputStream input() {
					return right.input();
				}

				@Override
				public java.io.OutputStream output() {
					return right.output();
				}

				@Override
				public String description() {
					return right.description();
				}

				@Override
				public String password() {
					return "wrong";
				}

				@Override
				public void close() {
					right.close();
				}
			});
			bot.waitUntil("the refusal shown", () -> viewer.messageShown().contains("password was refused"), Duration.ofSeconds(30));
			bot.screenshot(SCREENSHOTS.resolve("vm-console-wrong-password.png"));
			bot.click(bot.widgetById(Button.class, "console.action")); // Reconnect: the host's own password again
			bot.waitUntil("the guest's screen again", () -> viewer.statusShown().contains("1024\u00d7768"), Duration.ofSeconds(30));

			// the host lost midway: said in the pane at once, the UI thread never waits; back when the host is
			List<Long> late = bot.eventLoopLateness(Duration.ofSeconds(3), () -> new Thread(() -> {
				try {
					east.killDaemon();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}).start());
			bot.waitUntil("the lost host said", () -> viewer.messageShown().contains("not connected"), Duration.ofSeconds(30));
			assertTrue(late.stream().mapToLong(Long::longValue).max().orElse(0) < 1000, "the event loop kept going: " + late);
			east.startDaemon();
			try {
				bot.waitUntil("the console back with its host", () -> viewer.statusShown().contains("1024\u00d7768"), Duration.ofSeconds(60));
			} catch (AssertionError e) {
				throw new AssertionError(e.getMessage() + "; shown: '" + viewer.messageShown() + "', status: '" + viewer.statusShown() + "', open: "
						+ viewer.view().isOpen() + ", host: " + inventory.service().query(i -> eastHost.getState()) + ", VM: " + inventory.state(vm), e);
			}
		} finally {
			inventory.service().setReconnectPolicy(org.hostdeck.core.inventory.InventoryService.ReconnectPolicy.DEFAULT);
			PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
		}
	}

	@Test
	void aConsoleOnAHostReachedOverSshShowsTheSamePixelsAndTakesKeys() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(org.hostdeck.tests.support.libvirt.SshServer.available(), "needs openssh-server");
		try (QemuSessionHost remote = QemuSessionHost.start(7); org.hostdeck.tests.support.libvirt.SshServer ssh = org.hostdeck.tests.support.libvirt.SshServer.start()) {
			ssh.authorizeClientKey();
			Path disk = remote.consoleDisk("over-ssh");
			Path xml = Files.createTempFile("hostdeck-console-ui-", ".xml");
			Files.writeString(xml, QemuSessionHost.consoleDomainXml("over-ssh", disk));
			remote.virsh("define", xml.toString());
			Files.delete(xml);
			remote.virsh("start", "over-ssh");
			org.hostdeck.model.Host sshHost = inventory.service().addHost("qemu-ssh", ssh.libvirtUri("root", "/session", remote.socket()));
			try {
				assertTrue(inventory.service().connect(sshHost, new org.eclipse.core.runtime.NullProgressMonitor()).isOK());
				VirtualMachine vm = waitForVm(sshHost, "over-ssh");
				bot.waitUntil("over-ssh running", () -> inventory.state(vm) == PowerState.RUNNING, Duration.ofSeconds(30));
				VmEditor editor = ConsoleEditors.open(vm);
				org.eclipse.ui.IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
				page.setPartState(page.getReference(editor), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
				try {
					ConsoleViewer viewer = editor.consolePage().viewer();
					bot.waitUntil("the guest's screen through SSH", () -> viewer.statusShown().contains("720\u00d7400"), Duration.ofSeconds(30));
					ToolItem fit = bot.toolItem(Messages.Console_fitTip);
					fit.setSelection(false);
					fit.notifyListeners(SWT.Selection, new Event());
					assertShowsTheGuestsPixels(vm, viewer.view(), "ssh");
					clickInside(viewer.view());
					type("through ssh");
					bot.waitUntil("the typed keys on the guest's screen", () -> {
						try {
							return lit(hypervisorScreen(vm), 1) > 200;
						} catch (Exception e) {
							return false;
						}
					}, Duration.ofSeconds(20));
					assertShowsTheGuestsPixels(vm, viewer.view(), "ssh-typed");
				} finally {
					page.setPartState(page.getReference(editor), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
					page.closeAllEditors(false);
				}
			} finally {
				inventory.service().removeHost(sshHost);
			}
		}
	}
}
