package org.hostdeck.libvirt.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.DriverException.Reason;

/** A hypervisor's screenshot as PNG: QEMU before 7.1 answers with a binary PPM (P6), later ones with PNG. */
final class Screenshots {

	private static final int PNG_MAGIC = 0x89;

	private Screenshots() {
	}

	static byte[] png(String mimeType, byte[] image) throws DriverException {
		if (image.length > 0 && (image[0] & 0xFF) == PNG_MAGIC) {
			return image;
		}
		if (image.length < 2 || image[0] != 'P' || image[1] != '6') {
			throw new DriverException(Reason.NOT_SUPPORTED, "The hypervisor's screenshot is of a kind HostDeck cannot read (" + mimeType + ")."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return png(ppm(image));
	}

	/** Reads a binary PPM ({@code P6 width height maxval}, one byte per sample). */
	static BufferedImage ppm(byte[] data) throws DriverException {
		int[] at = { 2 };
		int width = number(data, at);
		int height = number(data, at);
		int max = number(data, at);
		at[0]++; // the single white space after the header
		if (width <= 0 || height <= 0 || max <= 0 || max > 255 || (long) width * height * 3 > data.length - at[0]) {
			throw new DriverException(Reason.OTHER, "The hypervisor's screenshot is cut or not a PPM image (" + width + "x" + height //$NON-NLS-1$ //$NON-NLS-2$
					+ ", " + data.length + " bytes)."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		int[] rgb = new int[width * height];
		for (int i = 0, p = at[0]; i < rgb.length; i++, p += 3) {
			rgb[i] = scale(data[p], max) << 16 | scale(data[p + 1], max) << 8 | scale(data[p + 2], max);
		}
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, width, height, rgb, 0, width);
		return image;
	}

	private static int scale(byte sample, int max) {
		int v = sample & 0xFF;
		return max == 255 ? v : v * 255 / max;
	}

	/** The next decimal number of a PPM header, skipping white space and {@code #} comments. */
	private static int number(byte[] data, int[] at) throws DriverException {
		int i = at[0];
		while (i < data.length && (Character.isWhitespace(data[i]) || data[i] == '#')) {
			if (data[i] == '#') {
				while (i < data.length && data[i] != '\n') {
					i++;
				}
			} else {
				i++;
			}
		}
		long value = 0;
		int start = i;
		while (i < data.length && data[i] >= '0' && data[i] <= '9' && value < Integer.MAX_VALUE) {
			value = value * 10 + (data[i++] - '0');
		}
		if (i == start || value > Integer.MAX_VALUE) {
			throw new DriverException(Reason.OTHER, "The hypervisor's screenshot has no readable PPM header."); //$NON-NLS-1$
		}
		at[0] = i;
		return (int) value;
	}

	static byte[] png(BufferedImage image) throws DriverException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out); //$NON-NLS-1$
		} catch (IOException e) {
			throw new DriverException(Reason.OTHER, "Cannot write the screenshot as PNG: " + e.getMessage(), e); //$NON-NLS-1$
		}
		return out.toByteArray();
	}
}
