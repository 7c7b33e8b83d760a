package org.hostdeck.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.HostDeck;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.HostDeckPerspective;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.views.InventoryView;
import org.junit.jupiter.api.Test;

/** Runs inside the real HostDeck workbench (tycho-surefire's UI harness with our application). */
class WorkbenchTest {

	private final UiBot bot = new UiBot();

	private IWorkbenchWindow window() {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
	}

	@Test
	void windowIsTitledHostDeckWithItsIcon() {
		Shell shell = window().getShell();
		assertEquals("HostDeck", shell.getText());
		assertTrue(shell.getImages().length >= 2, "window icons: " + shell.getImages().length);
		assertTrue(shell.isVisible());
	}

	@Test
	void opensOnTheHostDeckPerspectiveWithTheInventory() {
		IWorkbenchPage page = window().getActivePage();
		assertEquals(HostDeckPerspective.ID, page.getPerspective().getId());
		assertEquals("HostDeck", page.getPerspective().getLabel());
		assertNotNull(page.findView(InventoryView.ID), "Inventory view not open");
		assertTrue(page.isPartVisible(page.findView(InventoryView.ID)));
	}

	@Test
	void libvirtEventsRideTheDisplayLoopNotASecondGlibLoop() {
		bot.waitForJobs(ConnectHostsJob.FAMILY, java.time.Duration.ofSeconds(60));
		// a second thread iterating GLib's default context would run GTK events off the UI thread
		assertTrue(Thread.getAllStackTraces().keySet().stream()
				.noneMatch(t -> t.getName().equals("HostDeck libvirt event loop") && t.isAlive()));
	}

	@Test
	void aboutDialogShowsTheVersion() {
		Shell main = window().getShell();
		AboutDialog dialog = new AboutDialog(main);
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			Shell about = bot.shell("About HostDeck");
			Label version = bot.widgetById(Label.class, AboutDialog.VERSION_ID);
			assertEquals("HostDeck " + HostDeck.version(), version.getText());
			bot.click(bot.button("Close"));
			bot.waitUntil("About to close", about::isDisposed);
		} finally {
			dialog.close();
		}
	}

	@Test
	void screenshotShowsAPaintedWindow() throws Exception {
		Shell shell = window().getShell();
		bot.waitForJobs(ConnectHostsJob.FAMILY, java.time.Duration.ofSeconds(60));
		InventoryView view = (InventoryView) window().getActivePage().findView(InventoryView.ID);
		view.getViewer().expandToLevel(2);
		shell.setMaximized(true);
		bot.waitUntil("window shown", shell::isVisible);
		Path png = Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "workbench.png");
		int colours = bot.screenshot(png);
		assertTrue(Files.size(png) > 10_000, "screenshot is " + Files.size(png) + " bytes");
		// an empty X screen is one colour; a drawn workbench has many
		assertTrue(colours > 20, "only " + colours + " colours on screen");
	}
}
