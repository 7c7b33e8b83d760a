package org.hostdeck.ui.internal.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Composite;
import org.hostdeck.core.driver.ConsoleStream;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * A VM's screen, live: gtk-vnc's display widget (the one virt-manager shows) in an SWT composite,
 * through XEmbed (a GTK plug in SWT's embedded socket, X11 only). It speaks VNC over a
 * {@link ConsoleStream} bridged to a private socket pair. Clicking inside gives the guest the
 * keyboard and mouse; Ctrl+Alt (gtk-vnc's grab keys) gives them back. Every method must be called
 * on the UI thread; the listener is called there too.
 */
public final class VncView extends Composite {

	/** What happens to the display; called on the UI thread. */
	public interface Listener {
		/** The first screen arrived: the guest's resolution. */
		void shown(int width, int height);

		/** The guest changed its resolution. */
		void resized(int width, int height);

		/** The connection ended; {@code why} is the viewer's message, or {@code null} for a plain close. */
		void ended(String why);

		/** The display asks for a password (it has one HostDeck does not know); answer with {@link VncView#password}. */
		void passwordWanted();

		/** The guest took ({@code true}) or gave back the keyboard and mouse. */
		void grabbed(boolean grabbed);
	}

	private final GtkVnc lib;
	private final Pointer plug;
	/** The display of the current (or next) connection. */
	private Pointer display;
	/** Whether {@link #display} has had a connection: the next one gets a display of its own. */
	private boolean used;
	private boolean scaling = true;
	/** Signal handlers, one a signal, shared by every display (JNA frees a callback Java no longer holds). */
	private final List<Callback> callbacks = new ArrayList<>();
	private Listener listener;
	private SocketBridge bridge;
	/** The connection asked for while the last one was still closing. */
	private ConsoleStream pending;
	/** Between the last connection's end and the pending one's start. */
	private boolean reopening;
	private String password;
	private String failure;
	private boolean open;

	/** @throws IllegalStateException when the native viewer cannot run here ({@link #problem()} says why) */
	public VncView(Composite parent) {
		super(parent, SWT.EMBEDDED | SWT.NO_BACKGROUND);
		lib = GtkVnc.get();
		if (lib == null) {
			throw new IllegalStateException(GtkVnc.problem());
		}
		plug = lib.gtk.gtk_plug_new(embeddedHandle);
		callbacks.add((GtkVnc.Signal) (i, d) -> {
			if (i.equals(display) && listener != null) {
				listener.shown(width(), height());
			}
		});
		callbacks.add((GtkVnc.SizeSignal) (i, w, h, d) -> {
			if (i.equals(display) && listener != null) {
				listener.resized(w, h);
			}
		});
		callbacks.add((GtkVnc.MessageSignal) (i, message, d) -> failure = i.equals(display) ? message : failure);
		callbacks.add((GtkVnc.MessageSignal) (i, message, d) -> failure = i.equals(display) ? Messages.bind(Messages.Console_passwordRefused, message) : failure);
		callbacks.add((GtkVnc.Signal) (i, d) -> failure = i.equals(display) ? Messages.Console_authUnsupported : failure);
		callbacks.add((GtkVnc.CredentialSignal) (i, kinds, d) -> {
			if (i.equals(display)) {
				credentials(kinds);
			}
		});
		callbacks.add((GtkVnc.Signal) (i, d) -> {
			if (i.equals(display)) {
				ended();
			}
		});
		callbacks.add((GtkVnc.Signal) (i, d) -> {
			if (i.equals(display)) {
				grabbed(true);
			}
		});
		callbacks.add((GtkVnc.Signal) (i, d) -> {
			if (i.equals(display)) {
				grabbed(false);
			}
		});
		newDisplay();
		lib.gtk.gtk_widget_show_all(plug);
		addListener(SWT.Dispose, e -> release());
	}

	/** Why the console cannot run on this machine, or {@code null} when it can. */
	public static String problem() {
		return GtkVnc.problem();
	}

	/** The signals each display is connected to, in the order of {@link #callbacks}. */
	private static final String[] SIGNALS = { "vnc-initialized", "vnc-desktop-resize", "vnc-error", "vnc-auth-failure", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			"vnc-auth-unsupported", "vnc-auth-credential", "vnc-disconnected", "vnc-keyboard-grab", "vnc-keyboard-ungrab" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

	/**
	 * A gtk-vnc display for the next connection, in the plug instead of the last one. gtk-vnc's
	 * signals are asynchronous, and a display reused for a second connection can still hear the
	 * first one's (its end, after the second began); one display a connection, and the handlers
	 * answering only the current display, keep them apart. The last display, whose connection
	 * has ended, is let go of once its signal is done.
	 */
	private void newDisplay() {
		Pointer old = display;
		if (old != null) {
			lib.gobject.g_object_ref(old); // kept until its own signal handling is over
			lib.gtk.gtk_container_remove(plug, old);
			getDisplay().asyncExec(() -> lib.gobject.g_object_unref(old));
		}
		display = lib.vnc.vnc_display_new();
		lib.gtk.gtk_container_add(plug, display);
		lib.vnc.vnc_display_set_keyboard_grab(display, true);
		lib.vnc.vnc_display_set_pointer_grab(display, true);
		lib.vnc.vnc_display_set_pointer_local(display, false);
		lib.vnc.vnc_display_set_scaling(display, scaling);
		lib.vnc.vnc_display_set_keep_aspect_ratio(display, true);
		for (int k = 0; k < SIGNALS.length; k++) {
			lib.gobject.g_signal_connect_data(display, SIGNALS[k], callbacks.get(k), null, null, 0);
		}
		lib.gtk.gtk_widget_show_all(plug);
		used = false;
	}

	public void setListener(Listener listener) {
		this.listener = listener;
	}

	/**
	 * Shows the display {@code stream} leads to, ending any shown before. The stream belongs to
	 * the view from now on: it is closed with the connection. gtk-vnc takes a new connection only
	 * once the last one has ended (reusing it earlier aborts the process), so a connection still
	 * open is closed first and the new one opened when it has.
	 */
	public void connect(ConsoleStream stream) throws IOException {
		checkWidget();
		if (pending != null) {
			pending.close();
		}
		if (open) {
			pending = stream;
			lib.vnc.vnc_display_close(display);
			return;
		}
		openNow(stream);
	}

	private void openNow(ConsoleStream stream) throws IOException {
		if (used) {
			newDisplay();
		}
		used = true;
		password = stream.password();
		failure = null;
		SocketBridge opened = new SocketBridge(lib.libc, stream);
		if (!lib.vnc.vnc_display_open_fd(display, opened.viewerFd())) {
			lib.libc.close(opened.viewerFd());
			opened.close();
			throw new IOException("The viewer could not start on " + stream.description()); //$NON-NLS-1$
		}
		bridge = opened;
		open = true;
		opened.start(() -> {
			// the stream ended under the viewer (VM stopped, host lost): the viewer then sees EOF
		});
	}

	/** Ends the connection; the last screen stays until another is shown. */
	public void disconnect() {
		checkWidget();
		if (pending != null) {
			pending.close();
			pending = null;
		}
		if (open) {
			lib.vnc.vnc_display_close(display);
		}
		closeBridge();
	}

	private void closeBridge() {
		if (bridge != null) {
			bridge.close();
			bridge = null;
		}
	}

	private void ended() {
		boolean was = open;
		open = false;
		closeBridge();
		if (pending != null) {
			// the connection asked for: once gtk-vnc has let go of the last one (after this signal)
			ConsoleStream next = pending;
			pending = null;
			reopening = true;
			getDisplay().asyncExec(() -> {
				reopening = false;
				if (isDisposed()) {
					next.close();
					return;
				}
				try {
					openNow(next);
				} catch (IOException e) {
					next.close();
					if (listener != null) {
						listener.ended(e.getMessage());
					}
				}
			});
			return;
		}
		if (was && listener != null) {
			listener.ended(failure);
		}
	}

	private void grabbed(boolean grabbed) {
		if (listener != null) {
			listener.grabbed(grabbed);
		}
	}

	private void credentials(Pointer kinds) {
		int count = kinds.getInt(0);
		for (int i = 0; i < count; i++) {
			int kind = lib.gobject.g_value_get_enum(lib.gobject.g_value_array_get_nth(kinds, i));
			if (kind == GtkVnc.CREDENTIAL_PASSWORD) {
				if (password == null) {
					if (listener != null) {
						listener.passwordWanted();
					}
					return; // answered later through password(), or the connection is closed
				}
				lib.vnc.vnc_display_set_credential(display, kind, password);
			} else if (kind == GtkVnc.CREDENTIAL_CLIENTNAME) {
				lib.vnc.vnc_display_set_credential(display, kind, "hostdeck"); //$NON-NLS-1$
			} else {
				failure = Messages.Console_authUnsupported;
				lib.vnc.vnc_display_close(display);
				return;
			}
		}
	}

	/** Answers the display's password question (see {@link Listener#passwordWanted()}). */
	public void password(String typed) {
		checkWidget();
		password = typed;
		if (open) {
			lib.vnc.vnc_display_set_credential(display, GtkVnc.CREDENTIAL_PASSWORD, typed);
		}
	}

	/** Whether a connection is shown, or on its way. */
	public boolean isOpen() {
		return open || pending != null || reopening;
	}

	/** Fits the guest's screen into the view (keeping its aspect) or shows it 1:1. */
	public void setScaling(boolean fit) {
		checkWidget();
		scaling = fit;
		lib.vnc.vnc_display_set_scaling(display, fit);
	}

	/** The guest's resolution; 0 before the first screen. */
	public int width() {
		return lib.vnc.vnc_display_get_width(display);
	}

	public int height() {
		return lib.vnc.vnc_display_get_height(display);
	}

	/** Presses {@code keyvals} (GDK key values) in order and releases them in reverse: a key combination. */
	public void sendKeys(int... keyvals) {
		checkWidget();
		lib.vnc.vnc_display_send_keys(display, keyvals, keyvals.length);
	}

	/** Gives the display the keyboard focus: SWT's socket, and through XEmbed the viewer in its plug. */
	public void focus() {
		checkWidget();
		forceFocus();
		lib.gtk.gtk_widget_grab_focus(display);
	}

	/** The guest's screen as the viewer holds it, 1:1; {@code null} before the first screen. */
	public ImageData screen() {
		checkWidget();
		Pointer pixbuf = lib.vnc.vnc_display_get_pixbuf(display);
		if (pixbuf == null) {
			return null;
		}
		try {
			int w = lib.gtk.gdk_pixbuf_get_width(pixbuf);
			int h = lib.gtk.gdk_pixbuf_get_height(pixbuf);
			int stride = lib.gtk.gdk_pixbuf_get_rowstride(pixbuf);
			int channels = lib.gtk.gdk_pixbuf_get_n_channels(pixbuf);
			Pointer pixels = lib.gtk.gdk_pixbuf_get_pixels(pixbuf);
			ImageData image = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
			byte[] row = new byte[w * channels];
			int[] line = new int[w];
			for (int y = 0; y < h; y++) {
				pixels.read((long) y * stride, row, 0, row.length);
				for (int x = 0, p = 0; x < w; x++, p += channels) {
					line[x] = (row[p] & 0xFF) << 16 | (row[p + 1] & 0xFF) << 8 | row[p + 2] & 0xFF;
				}
				image.setPixels(0, y, w, line, 0);
			}
			return image;
		} finally {
			lib.gobject.g_object_unref(pixbuf);
		}
	}

	private void release() {
		if (pending != null) {
			pending.close();
			pending = null;
		}
		if (open) {
			lib.vnc.vnc_display_close(display);
			open = false;
		}
		closeBridge();
		// the plug (and the display in it) is the socket's child in this process: it goes with SWT's
		// socket; destroying it here would make GTK destroy the socket under SWT ("plug-removed")
	}
}
