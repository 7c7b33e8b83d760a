package org.hostdeck.libvirt.internal;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hostdeck.core.driver.DriverException;
import org.libvirt.Connect;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.virError;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * virConnectOpenAuth with a credential callback of HostDeck's own. libvirt frees the answers a
 * callback gives (they must come from malloc); libvirt-java 0.5.4 hands it strings that JNA owns
 * and frees again, which corrupts the heap. Here every answer is a malloc'd copy that only libvirt
 * frees; the connection is then wrapped in libvirt-java's {@link Connect} as usual.
 */
final class AuthenticatedOpen {

	/** libvirt's virConnectCredential. */
	public static final class Credential extends Structure {
		public int type;
		public Pointer prompt;
		public Pointer challenge;
		public Pointer defresult;
		public Pointer result;
		public int resultlen;

		public Credential() {
		}

		Credential(Pointer p) {
			super(p);
			read();
		}

		@Override
		protected List<String> getFieldOrder() {
			return List.of("type", "prompt", "challenge", "defresult", "result", "resultlen"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
		}
	}

	/** libvirt's virConnectAuthCallbackPtr. */
	public interface AuthCallback extends Callback {
		int invoke(Pointer credentials, int count, Pointer data);
	}

	/** libvirt's virConnectAuth. */
	public static final class Auth extends Structure {
		public Pointer credtype;
		public int ncredtype;
		public AuthCallback cb;
		public Pointer cbdata;

		@Override
		protected List<String> getFieldOrder() {
			return List.of("credtype", "ncredtype", "cb", "cbdata"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
	}

	/** Answers one credential request: the text to give, or {@code null} to refuse. */
	interface Answers {
		String answer(int type, String prompt, String defresult);

		int[] types();
	}

	private AuthenticatedOpen() {
	}

	static Connect open(String uri, Answers answers, String what) throws DriverException {
		int[] types = answers.types();
		Memory typeMemory = new Memory(4L * types.length);
		typeMemory.write(0, types, 0, types.length);
		Auth auth = new Auth();
		auth.credtype = typeMemory;
		auth.ncredtype = types.length;
		auth.cb = (credentials, count, data) -> {
			int size = new Credential().size();
			for (int i = 0; i < count; i++) {
				Credential c = new Credential(credentials.share((long) i * size));
				String text = answers.answer(c.type, string(c.prompt), string(c.defresult));
				if (text == null) {
					return -1;
				}
				byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
				Pointer copy = new Pointer(Native.malloc(bytes.length + 1L)); // libvirt frees it
				copy.write(0, bytes, 0, bytes.length);
				copy.setByte(bytes.length, (byte) 0);
				c.result = copy;
				c.resultlen = bytes.length;
				c.write();
			}
			return 0;
		};
		Pointer connection = LibvirtCalls.get().virConnectOpenAuth(uri, auth, 0);
		if (connection == null) {
			virError error = LibvirtCalls.get().virGetLastError();
			throw Errors.toDriverException(error == null ? null : new org.libvirt.Error(error), what, null);
		}
		try {
			ConnectionPointer pointer = new ConnectionPointer();
			pointer.setPointer(connection);
			Constructor<Connect> wrap = Connect.class.getDeclaredConstructor(ConnectionPointer.class);
			wrap.setAccessible(true);
			return wrap.newInstance(pointer);
		} catch (ReflectiveOperationException | RuntimeException e) {
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED, what + ": this libvirt-java cannot take the connection (" + e + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private static String string(Pointer p) {
		return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
	}
}
