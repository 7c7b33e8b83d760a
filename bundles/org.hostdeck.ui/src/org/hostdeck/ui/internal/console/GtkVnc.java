package org.hostdeck.ui.internal.console;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The native libraries the graphical console embeds, bound through JNA: gtk-vnc (virt-manager's
 * VNC widget, Debian's {@code libgtk-vnc-2.0-0}), the GTK 3 calls that put it into SWT's
 * XEmbed socket, GObject signals, GdkPixbuf for its framebuffer, and a socket pair from the C
 * library. Every call must be made on SWT's UI thread (GTK's main thread), except {@link Libc}'s.
 */
final class GtkVnc {

	/** gtk-vnc's widget. */
	interface Vnc extends Library {
		Pointer vnc_display_new();

		boolean vnc_display_open_fd(Pointer display, int fd);

		void vnc_display_close(Pointer display);

		boolean vnc_display_is_open(Pointer display);

		/** Presses the keys in order, then releases them in reverse (a key combination). */
		void vnc_display_send_keys(Pointer display, int[] keyvals, int count);

		boolean vnc_display_set_scaling(Pointer display, boolean enable);

		void vnc_display_set_keep_aspect_ratio(Pointer display, boolean enable);

		void vnc_display_set_keyboard_grab(Pointer display, boolean enable);

		void vnc_display_set_pointer_grab(Pointer display, boolean enable);

		void vnc_display_set_pointer_local(Pointer display, boolean enable);

		boolean vnc_display_set_credential(Pointer display, int type, String value);

		int vnc_display_get_width(Pointer display);

		int vnc_display_get_height(Pointer display);

		Pointer vnc_display_get_pixbuf(Pointer display);

		boolean vnc_display_request_update(Pointer display);
	}

	/** GTK 3, GDK and GdkPixbuf. */
	interface Gtk extends Library {
		Pointer gtk_plug_new(long socketId);

		void gtk_container_add(Pointer container, Pointer widget);

		void gtk_container_remove(Pointer container, Pointer widget);

		void gtk_widget_show_all(Pointer widget);

		void gtk_widget_destroy(Pointer widget);

		void gtk_widget_grab_focus(Pointer widget);

		void gtk_widget_set_can_focus(Pointer widget, boolean can);

		int gdk_pixbuf_get_width(Pointer pixbuf);

		int gdk_pixbuf_get_height(Pointer pixbuf);

		int gdk_pixbuf_get_rowstride(Pointer pixbuf);

		int gdk_pixbuf_get_n_channels(Pointer pixbuf);

		Pointer gdk_pixbuf_get_pixels(Pointer pixbuf);
	}

	/** GObject: references and signals. */
	interface GObject extends Library {
		long g_signal_connect_data(Pointer instance, String signal, Callback handler, Pointer data, Pointer destroy, int flags);

		void g_signal_handler_disconnect(Pointer instance, long handler);

		Pointer g_object_ref(Pointer object);

		void g_object_unref(Pointer object);

		Pointer g_value_array_get_nth(Pointer array, int index);

		int g_value_get_enum(Pointer value);
	}

	/** The C library: a connected pair of UNIX sockets, and their reading, writing and closing. */
	interface Libc extends Library {
		int socketpair(int domain, int type, int protocol, int[] fds);

		long read(int fd, byte[] buffer, long count);

		long write(int fd, Pointer buffer, long count);

		int shutdown(int fd, int how);

		int close(int fd);
	}

	/** A signal without arguments ({@code vnc-connected}, {@code vnc-disconnected}, grabs). */
	interface Signal extends Callback {
		void invoke(Pointer instance, Pointer data);
	}

	/** A signal with a message ({@code vnc-error}, {@code vnc-auth-failure}). */
	interface MessageSignal extends Callback {
		void invoke(Pointer instance, String message, Pointer data);
	}

	/** {@code vnc-desktop-resize}: the guest's new resolution. */
	interface SizeSignal extends Callback {
		void invoke(Pointer instance, int width, int height, Pointer data);
	}

	/** {@code vnc-auth-credential}: a GValueArray of the credential kinds the server wants. */
	interface CredentialSignal extends Callback {
		void invoke(Pointer instance, Pointer kinds, Pointer data);
	}

	/** gtk-vnc's credential kinds. */
	static final int CREDENTIAL_PASSWORD = 0;
	static final int CREDENTIAL_USERNAME = 1;
	static final int CREDENTIAL_CLIENTNAME = 2;

	static final int AF_UNIX = 1;
	static final int SOCK_STREAM = 1;

	private static final Object LOCK = new Object();
	private static GtkVnc loaded;
	private static String problem;

	final Vnc vnc;
	final Gtk gtk;
	final GObject gobject;
	final Libc libc;

	private GtkVnc(Vnc vnc, Gtk gtk, GObject gobject, Libc libc) {
		this.vnc = vnc;
		this.gtk = gtk;
		this.gobject = gobject;
		this.libc = libc;
	}

	/**
	 * The libraries, loaded once.
	 *
	 * @return them, or {@code null} when they cannot load here ({@link #problem()} says why)
	 */
	static GtkVnc get() {
		synchronized (LOCK) {
			if (loaded == null && problem == null) {
				try {
					loaded = new GtkVnc(Native.load("gtk-vnc-2.0", Vnc.class), Native.load("gtk-3", Gtk.class), //$NON-NLS-1$ //$NON-NLS-2$
							Native.load("gobject-2.0", GObject.class), Native.load("c", Libc.class)); //$NON-NLS-1$ //$NON-NLS-2$
				} catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
					problem = Messages.Console_noGtkVnc;
				}
			}
			return loaded;
		}
	}

	/** Why the console cannot run here, or {@code null}. */
	static String problem() {
		get();
		return problem;
	}
}
