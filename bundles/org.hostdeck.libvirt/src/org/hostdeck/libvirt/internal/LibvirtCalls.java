package org.hostdeck.libvirt.internal;

import org.libvirt.jna.virError;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libvirt functions HostDeck calls directly through JNA, where libvirt-java 0.5.4 falls short. */
interface LibvirtCalls extends com.sun.jna.Library {

	Pointer virConnectOpenAuth(String name, AuthenticatedOpen.Auth auth, int flags);

	int virDomainRename(Pointer domain, String newName, int flags);

	int virConnectCompareHypervisorCPU(Pointer conn, String emulator, String arch, String machine, String virttype,
			String xmlCPU, int flags);

	int virDomainMigrateStartPostCopy(Pointer domain, int flags);

	/** libvirt 3.4 and later: the next {@code length} bytes of a sparse stream are a hole. */
	int virStreamSendHole(Pointer stream, long length, int flags);

	/** Connects {@code stream} to the domain's console {@code devName} (null: the first); libvirt-java 0.5.4 has no binding. */
	int virDomainOpenConsole(Pointer domain, String devName, Pointer stream, int flags);

	virError virGetLastError();

	String virGetLastErrorMessage();

	int virGetLastErrorCode();

	/** @return the native pointer behind a libvirt-java object ({@code Connect.vcp}, {@code Domain.vdp}) */
	static Pointer pointer(Object libvirtObject, String field) throws ReflectiveOperationException {
		java.lang.reflect.Field f = libvirtObject.getClass().getDeclaredField(field);
		f.setAccessible(true);
		return ((com.sun.jna.PointerType) f.get(libvirtObject)).getPointer();
	}

	/** The binding, loaded on first use. */
	static LibvirtCalls get() {
		return Holder.CALLS;
	}

	/** Loads libvirt once, when first asked. */
	final class Holder {
		static final LibvirtCalls CALLS = Native.load("virt", LibvirtCalls.class); //$NON-NLS-1$

		private Holder() {
		}
	}
}
