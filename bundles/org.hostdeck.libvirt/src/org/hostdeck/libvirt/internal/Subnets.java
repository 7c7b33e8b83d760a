package org.hostdeck.libvirt.internal;

/** Network address arithmetic for IPv4 subnets in libvirt network definitions. */
final class Subnets {

	private Subnets() {
	}

	/**
	 * @return e.g. {@code 192.168.122.0/24} for address 192.168.122.1 with netmask 255.255.255.0
	 *         (or prefix 24); the address itself with {@code /prefix} when it is not IPv4
	 */
	static String cidr(String address, String netmask, String prefix) {
		int bits;
		if (prefix != null && !prefix.isEmpty()) {
			bits = Integer.parseInt(prefix);
		} else if (netmask != null && !netmask.isEmpty()) {
			bits = Integer.bitCount(ipv4(netmask));
		} else {
			return address;
		}
		if (!address.contains(".")) { //$NON-NLS-1$
			return address + "/" + bits; //$NON-NLS-1$
		}
		int mask = bits == 0 ? 0 : -1 << (32 - bits);
		int network = ipv4(address) & mask;
		return ((network >>> 24) & 255) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "." //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ (network & 255) + "/" + bits; //$NON-NLS-1$
	}

	private static int ipv4(String dotted) {
		String[] parts = dotted.split("\\."); //$NON-NLS-1$
		int value = 0;
		for (String p : parts) {
			value = (value << 8) | Integer.parseInt(p);
		}
		return value;
	}
}
