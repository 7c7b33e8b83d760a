package org.hostdeck.core.driver;

/**
 * What an administrator sees of a VM and hands to it: its graphical display, its screen as a
 * picture, its serial console, and the media in its CD/DVD drives. One per host connection
 * ({@link IHostConnection#consoles()}); safe to call from several threads. Streams it opens stay
 * open until closed, also when the caller goes away: callers close them.
 */
public interface IVmConsoles {

	/**
	 * The running VM's graphical display as its host defines it.
	 *
	 * @return the first VNC display, else the first of another kind (which HostDeck cannot show),
	 *         or {@code null} when the VM has no graphics at all
	 */
	GraphicsDisplay graphics(String uuid) throws DriverException;

	/**
	 * Opens a byte stream to the running VM's VNC display, from this machine: straight to the
	 * address it listens on when that is reachable from here, else tunnelled through the host's
	 * SSH connection (a display on a remote host's loopback).
	 *
	 * @throws DriverException INVALID_STATE when the VM does not run, NOT_SUPPORTED when its display
	 *                         is not VNC or cannot be reached from here (the message says how to fix it)
	 */
	ConsoleStream openGraphics(String uuid) throws DriverException;

	/** The running VM's screen now as a PNG image, taken by the hypervisor (not by a viewer). */
	byte[] screenshot(String uuid) throws DriverException;

	/**
	 * Opens the running VM's first serial console (its text console), like {@code virsh console}.
	 *
	 * @param takeOver end another client's session on that console first; without it, a console
	 *                 in use is refused with a message that says so
	 */
	ConsoleStream openSerial(String uuid, boolean takeOver) throws DriverException;

	/**
	 * Puts volume {@code volume} of {@code pool} into the CD/DVD drive at {@code target}, or with a
	 * {@code null} volume ejects what is in it: the running VM sees the change at once, and the
	 * definition keeps it for the next boot.
	 *
	 * @return whether the running VM took it live, and why not
	 */
	DeviceChange changeMedia(String uuid, String target, String pool, String volume) throws DriverException;

	/**
	 * Adds an empty CD/DVD drive: live when the hypervisor can plug one in, else in the definition
	 * for the next boot ({@link DeviceChange#why()} says why).
	 */
	DeviceChange addMediaDrive(String uuid) throws DriverException;

	/** For a driver that has none of these: every call refused as not supported on {@code uri}. */
	static IVmConsoles unsupported(String uri) {
		return new IVmConsoles() {
			private DriverException refused(String what) {
				return new DriverException(DriverException.Reason.NOT_SUPPORTED, what + " is not supported on " + uri); //$NON-NLS-1$
			}

			@Override
			public GraphicsDisplay graphics(String uuid) {
				return null;
			}

			@Override
			public ConsoleStream openGraphics(String uuid) throws DriverException {
				throw refused("A graphical console"); //$NON-NLS-1$
			}

			@Override
			public byte[] screenshot(String uuid) throws DriverException {
				throw refused("A screenshot"); //$NON-NLS-1$
			}

			@Override
			public ConsoleStream openSerial(String uuid, boolean takeOver) throws DriverException {
				throw refused("A serial console"); //$NON-NLS-1$
			}

			@Override
			public DeviceChange changeMedia(String uuid, String target, String pool, String volume) throws DriverException {
				throw refused("Changing media"); //$NON-NLS-1$
			}

			@Override
			public DeviceChange addMediaDrive(String uuid) throws DriverException {
				throw refused("Adding a CD/DVD drive"); //$NON-NLS-1$
			}
		};
	}
}
