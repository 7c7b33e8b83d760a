package org.hostdeck.core.driver;

/**
 * A VM's graphical display as its host defines it.
 *
 * @param type     {@code vnc}, {@code spice}, {@code rdp}, ...
 * @param listen   the address it listens on, as the host sees it ({@code 127.0.0.1} for loopback)
 * @param port     its port; 0 while the VM is not running (or the display has no TCP port)
 * @param passwordSet whether the display asks for a password
 */
public record GraphicsDisplay(String type, String listen, int port, boolean passwordSet) {

	/** Whether HostDeck's console can show it (VNC). */
	public boolean viewable() {
		return "vnc".equals(type); //$NON-NLS-1$
	}

	@Override
	public String toString() {
		return type + "://" + listen + ":" + port; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
