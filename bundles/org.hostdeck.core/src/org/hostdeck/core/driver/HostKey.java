package org.hostdeck.core.driver;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSH key a host presented that no known-hosts file holds yet.
 *
 * @param address     {@code host:port} as HostDeck dialled it
 * @param fingerprint the key's fingerprint the way {@code ssh-keygen -l} prints it
 *                    ({@code SHA256:base64}), or the hexadecimal hash when it is not SHA-256
 */
public record HostKey(String address, String fingerprint) {

	private static final Pattern HEX = Pattern.compile("\\b\\p{XDigit}{2}(?::\\p{XDigit}{2}){15,}\\b"); //$NON-NLS-1$

	/**
	 * Reads the hash out of a transport's question ("Accept SSH host key with hash 'aa:bb:..'
	 * for host ..."), whatever language it is asked in.
	 *
	 * @return the key, or {@code null} when the question holds no hash
	 */
	public static HostKey fromPrompt(String address, String prompt) {
		Matcher hex = HEX.matcher(prompt == null ? "" : prompt); //$NON-NLS-1$
		if (!hex.find()) {
			return null;
		}
		byte[] hash = HexFormat.ofDelimiter(":").parseHex(hex.group().toLowerCase(java.util.Locale.ROOT)); //$NON-NLS-1$
		String fingerprint = hash.length == 32 ? "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash) //$NON-NLS-1$
				: hex.group();
		return new HostKey(address, fingerprint);
	}
}
