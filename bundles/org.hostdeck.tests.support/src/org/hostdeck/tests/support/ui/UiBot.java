package org.hostdeck.tests.support.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Widget;
import org.hostdeck.ui.WidgetIds;

/**
 * A small robot for the real workbench, shaped like SWTBot (which no registry here offers): find
 * widgets by id, label or type, act on them as a user would, and wait on conditions with a
 * timeout. Must be used on the UI thread: while it waits it keeps the event loop running.
 */
public class UiBot {

	/** How long {@link #waitUntil} waits unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

	private final Display display;

	public UiBot() {
		display = Display.getCurrent();
		if (display == null) {
			throw new IllegalStateException("UiBot must be created on the UI thread"); //$NON-NLS-1$
		}
	}

	public Display display() {
		return display;
	}

	/** Runs the event loop until {@code condition} holds; fails after {@code timeout}. */
	public void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what); //$NON-NLS-1$ //$NON-NLS-2$
			}
			// wake up at least every 50 ms so that conditions on non-UI state are re-checked
			display.timerExec(50, () -> {
			});
			if (!display.readAndDispatch()) {
				display.sleep();
			}
		}
	}

	public void waitUntil(String what, BooleanSupplier condition) {
		waitUntil(what, condition, DEFAULT_TIMEOUT);
	}

	/** Processes pending UI events without blocking. */
	public void flush() {
		while (display.readAndDispatch()) {
			// drain
		}
	}

	/**
	 * Runs a 20 ms timer on the event loop for {@code span}, with {@code onUiThread} posted to the
	 * loop once at the start, and returns how late each tick ran (ms): the event loop's latency as
	 * a user feels it.
	 */
	public List<Long> eventLoopLateness(Duration span, Runnable onUiThread) {
		List<Long> late = new ArrayList<>();
		long end = System.nanoTime() + span.toNanos();
		long[] due = { System.nanoTime() + 20_000_000L };
		Runnable[] tick = new Runnable[1];
		tick[0] = () -> {
			long now = System.nanoTime();
			late.add(Math.max(0, (now - due[0]) / 1_000_000));
			if (now < end) {
				due[0] = now + 20_000_000L;
				display.timerExec(20, tick[0]);
			}
		};
		display.timerExec(20, tick[0]);
		display.timerExec(40, onUiThread);
		waitUntil("the measurement to end", () -> System.nanoTime() > end + 100_000_000L, span.plusSeconds(30)); //$NON-NLS-1$
		return late;
	}

	/** Waits until no job of {@code family} is running or waiting. */
	public void waitForJobs(Object family, Duration timeout) {
		waitUntil("jobs of " + family + " to finish", () -> Job.getJobManager().find(family).length == 0, timeout); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Waits for a visible shell whose title is {@code title}. */
	public Shell shell(String title) {
		Shell[] found = new Shell[1];
		waitUntil("shell '" + title + "'", () -> { //$NON-NLS-1$ //$NON-NLS-2$
			for (Shell shell : display.getShells()) {
				if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
					found[0] = shell;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	/**
	 * Answers a modal dialog that something is about to open (and whose event loop will keep this
	 * thread busy): as soon as a shell titled {@code title} shows, {@code answer} runs on it. Polls
	 * with timers, so it works while the caller is blocked in the dialog's own loop.
	 */
	public void whenShellOpens(String title, java.util.function.Consumer<Shell> answer) {
		long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
		Runnable[] poll = new Runnable[1];
		poll[0] = () -> {
			for (Shell shell : display.getShells()) {
				if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
					answer.accept(shell);
					return;
				}
			}
			if (System.nanoTime() < deadline) {
				display.timerExec(50, poll[0]);
			}
		};
		display.timerExec(50, poll[0]);
	}

	/** The button labelled {@code label} (mnemonics ignored) in {@code shell}. */
	public Button button(Shell shell, String label) {
		List<Button> found = new ArrayList<>();
		collect(shell, Button.class, b -> label.equals(b.getText().replace("&", "")), found); //$NON-NLS-1$ //$NON-NLS-2$
		if (found.isEmpty()) {
			throw new AssertionError("No button '" + label + "' in '" + shell.getText() + "'"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return found.get(0);
	}

	/** Waits for a widget carrying {@code id} under {@link WidgetIds#KEY} in any open shell. */
	public <T extends Widget> T widgetById(Class<T> type, String id) {
		return widget(type, "id '" + id + "'", w -> id.equals(w.getData(WidgetIds.KEY))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Waits for a button with the label {@code label} (mnemonics ignored). */
	public Button button(String label) {
		return widget(Button.class, "button '" + label + "'", b -> label.equals(b.getText().replace("&", ""))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	/** Waits for a widget of {@code type} that {@code matcher} accepts. */
	public <T extends Widget> T widget(Class<T> type, String description, Predicate<T> matcher) {
		List<T> found = new ArrayList<>();
		waitUntil(type.getSimpleName() + " with " + description, () -> { //$NON-NLS-1$
			found.clear();
			for (Shell shell : display.getShells()) {
				collect(shell, type, matcher, found);
			}
			return !found.isEmpty();
		});
		return found.get(0);
	}

	private static <T extends Widget> void collect(Control control, Class<T> type, Predicate<T> matcher,
			List<T> found) {
		if (control.isDisposed()) {
			return;
		}
		if (type.isInstance(control) && matcher.test(type.cast(control))) {
			found.add(type.cast(control));
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				collect(child, type, matcher, found);
			}
		}
	}

	/** Waits for an enabled-or-not tool bar item whose tooltip is {@code tooltip}. */
	public ToolItem toolItem(String tooltip) {
		ToolItem[] found = new ToolItem[1];
		widget(ToolBar.class, "tool item '" + tooltip + "'", bar -> { //$NON-NLS-1$ //$NON-NLS-2$
			for (ToolItem item : bar.getItems()) {
				if (tooltip.equals(item.getToolTipText())) {
					found[0] = item;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	/** Clicks a tool bar item once it is enabled. */
	public void click(ToolItem item) {
		waitUntil("'" + item.getToolTipText() + "' to be enabled", item::isEnabled); //$NON-NLS-1$ //$NON-NLS-2$
		item.notifyListeners(SWT.Selection, new Event());
		flush();
	}

	/** Clicks a button the way the user does: selection plus the events a click sends. */
	public void click(Button button) {
		Objects.requireNonNull(button);
		if (!button.isEnabled()) {
			throw new AssertionError("Button '" + button.getText() + "' is disabled"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		button.setFocus();
		if ((button.getStyle() & SWT.RADIO) != 0) {
			// a radio button turns the others of its group off, and they hear of it too
			if (!button.getSelection()) {
				for (org.eclipse.swt.widgets.Control c : button.getParent().getChildren()) {
					if (c != button && c instanceof Button other && (other.getStyle() & SWT.RADIO) != 0 && other.getSelection()) {
						other.setSelection(false);
						other.notifyListeners(SWT.Selection, new Event());
					}
				}
				button.setSelection(true);
			}
		} else if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE)) != 0) {
			button.setSelection(!button.getSelection());
		}
		button.notifyListeners(SWT.Selection, new Event());
		flush();
	}

	/** Replaces the text of {@code text} as typing would, firing Modify and key listeners. */
	public void typeText(Text text, String value) {
		text.setFocus();
		text.setText(value);
		// the key events of the last keystroke: some validators (JFace field editors) listen to them
		Event key = new Event();
		key.character = value.isEmpty() ? SWT.BS : value.charAt(value.length() - 1);
		key.keyCode = key.character;
		text.notifyListeners(SWT.KeyDown, key);
		text.notifyListeners(SWT.KeyUp, key);
		flush();
	}

	/**
	 * Saves what the screen shows as a PNG and returns the number of distinct colours in it, so a
	 * caller can tell a drawn window from an empty screen.
	 */
	public int screenshot(Path png) throws java.io.IOException {
		// GTK paints on its frame clock, after the events are handled: the screen is taken once two
		// captures a frame apart agree, so it shows what the widgets hold now and not an older frame
		ImageData data = capture();
		for (int frames = 0; frames < 100; frames++) {
			boolean[] ticked = { false };
			display.timerExec(20, () -> ticked[0] = true);
			while (!ticked[0]) {
				if (!display.readAndDispatch()) {
					display.sleep();
				}
			}
			ImageData next = capture();
			boolean same = java.util.Arrays.equals(data.data, next.data);
			data = next;
			if (same) {
				break;
			}
		}
		Files.createDirectories(png.toAbsolutePath().getParent());
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(png.toString(), SWT.IMAGE_PNG);
		return distinctColours(data);
	}

	private ImageData capture() {
		flush();
		Rectangle bounds = display.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, 0, 0);
			return image.getImageData();
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	private static int distinctColours(ImageData data) {
		java.util.Set<Integer> colours = new java.util.HashSet<>();
		for (int y = 0; y < data.height; y += 2) {
			for (int x = 0; x < data.width; x += 2) {
				colours.add(data.getPixel(x, y));
				if (colours.size() > 10_000) {
					return colours.size();
				}
			}
		}
		return colours.size();
	}
}
