package org.hostdeck.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.driver.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host passwords in Eclipse Secure Storage: kept encrypted when the storage has a master
 * password, and refused (never kept in clear) when it has none, as in a headless run without a
 * keyring, where Equinox itself would fall back to clear text.
 */
class CredentialStoreTest {

	private static final String PASSWORD = "Sup3r-s3cret";

	@TempDir
	Path dir;

	@Test
	void aPasswordIsKeptEncrypted() throws Exception {
		Path file = dir.resolve("secure_storage");
		CredentialStore store = new CredentialStore(SecurePreferencesFactory.open(file.toUri().toURL(), Map.of(IProviderHints.PROMPT_USER,
				Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("master".toCharArray()))));
		store.save("qemu+ssh://root@hv1/system", new Credentials("root", PASSWORD.toCharArray()));
		assertEquals(PASSWORD, new String(store.credentialsFor("qemu+ssh://root@hv1/system").password()));
		assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD), "not in clear in the file");
	}

	@Test
	void withoutAMasterPasswordNothingIsKeptInClear() throws Exception {
		Path file = dir.resolve("secure_storage");
		CredentialStore store = new CredentialStore(
				SecurePreferencesFactory.open(file.toUri().toURL(), Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE)));
		StorageException refused = assertThrows(StorageException.class,
				() -> store.save("qemu+ssh://root@hv1/system", new Credentials("root", PASSWORD.toCharArray())));
		assertTrue(refused.getMessage().contains("could not be encrypted and was not kept"), refused.getMessage());
		assertTrue(!Files.exists(file) || !Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD), "not in clear in the file");
		Credentials left = store.credentialsFor("qemu+ssh://root@hv1/system");
		assertNull(left == null ? null : left.password(), "no password kept");
	}

	/** A person at the prompt answering in turn (or a password file), and what each question was. */
	private static final class Typist implements MasterPassword.Prompt {
		final java.util.Deque<String> answers;
		final java.util.List<String> asked = new java.util.ArrayList<>();
		final boolean interactive;

		Typist(boolean interactive, String... answers) {
			this.interactive = interactive;
			this.answers = new java.util.ArrayDeque<>(java.util.List.of(answers));
		}

		@Override
		public char[] ask(boolean create, boolean retry) {
			asked.add((create ? "create" : "unlock") + (retry ? " again" : ""));
			if (answers.isEmpty()) {
				return null;
			}
			// a file gives the same password every time it is read
			return (interactive ? answers.removeFirst() : answers.getFirst()).toCharArray();
		}

		@Override
		public boolean interactive() {
			return interactive;
		}
	}

	/** The file as another process finds it: a copy at a path this one has not opened. */
	private Path asAnotherProcess(Path file, String name) throws Exception {
		Path copy = Files.createDirectories(dir.resolve(name)).resolve(CredentialStore.FILE_NAME);
		Files.copy(file, copy);
		return copy;
	}

	@Test
	void hostDecksStorageIsSharedUnderItsMasterPassword() throws Exception {
		MasterPassword.Prompt before = MasterPassword.prompt();
		try {
			Path file = dir.resolve("workspace").resolve(CredentialStore.FILE_NAME);
			Files.createDirectories(file.getParent());
			Typist workbench = new Typist(true, "correct horse");
			MasterPassword.use(workbench);
			CredentialStore store = CredentialStore.open(file);
			store.save("qemu+ssh://root@hv1/system", new Credentials("root", PASSWORD.toCharArray()));
			store.save("qemu+ssh://root@hv2/system", new Credentials("root", (PASSWORD + "2").toCharArray()));
			assertEquals(java.util.List.of("create"), workbench.asked, "the master password is made once, then kept for the run");
			assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD), "not in clear in the file");

			// another process (the command line): a wrong password is asked again, the right one opens it
			Typist commandLine = new Typist(true, "wrong horse", "correct horse");
			MasterPassword.use(commandLine);
			CredentialStore other = CredentialStore.open(asAnotherProcess(file, "cli"));
			assertEquals(PASSWORD, new String(other.credentialsFor("qemu+ssh://root@hv1/system").password()));
			assertEquals(PASSWORD + "2", new String(other.credentialsFor("qemu+ssh://root@hv2/system").password()));
			assertEquals(java.util.List.of("unlock", "unlock again"), commandLine.asked);

			// a wrong password from a file is not asked again: the storage stays locked, nothing changes
			Path locked = asAnotherProcess(file, "script");
			MasterPassword.use(new Typist(false, "wrong horse"));
			CredentialStore script = CredentialStore.open(locked);
			Credentials none = script.credentialsFor("qemu+ssh://root@hv1/system");
			assertNull(none == null ? null : none.password(), "locked: no password read");
			StorageException refused = assertThrows(StorageException.class,
					() -> script.save("qemu+ssh://root@hv3/system", new Credentials("root", PASSWORD.toCharArray())));
			assertEquals("Secure Storage stayed locked (the master password given was wrong), so the password could not be encrypted and was not kept.",
					refused.getMessage());
			assertEquals(Files.readString(file, StandardCharsets.ISO_8859_1).replaceFirst("#.*\\n", ""),
					Files.readString(locked, StandardCharsets.ISO_8859_1).replaceFirst("#.*\\n", ""), "the file unchanged");

			// nobody to ask: refused, nothing kept in clear
			MasterPassword.use(null);
			CredentialStore nobody = CredentialStore.open(asAnotherProcess(file, "nobody"));
			StorageException stayedLocked = assertThrows(StorageException.class,
					() -> nobody.save("qemu+ssh://root@hv4/system", new Credentials("root", "other-secret".toCharArray())));
			assertEquals("Secure Storage stayed locked (nobody here to give its master password), so the password could not be encrypted and was not kept.",
					stayedLocked.getMessage());
			assertFalse(Files.readString(dir.resolve("nobody").resolve(CredentialStore.FILE_NAME), StandardCharsets.ISO_8859_1).contains("other-secret"));
		} finally {
			MasterPassword.use(before);
		}
	}

	@Test
	void passwordsAnEarlierVersionKeptInTheDefaultStorageMoveOver() throws Exception {
		MasterPassword.Prompt before = MasterPassword.prompt();
		try {
			// the earlier place: another storage (here one with a fixed password, as the default one is the user's)
			Path oldFile = dir.resolve("default").resolve("secure_storage");
			Files.createDirectories(oldFile.getParent());
			org.eclipse.equinox.security.storage.ISecurePreferences old = SecurePreferencesFactory.open(oldFile.toUri().toURL(),
					Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("old-master".toCharArray())));
			CredentialStore earlier = new CredentialStore(old);
			earlier.save("qemu+ssh://root@hv1/system", new Credentials("root", PASSWORD.toCharArray()));
			earlier.save("xen+ssh://admin@hv2/system", new Credentials("admin", (PASSWORD + "2").toCharArray()));
			old.node("/other.plugin").put("token", "theirs", true);

			MasterPassword.use(new Typist(true, "correct horse"));
			CredentialStore store = CredentialStore.open(Files.createDirectories(dir.resolve("ws")).resolve(CredentialStore.FILE_NAME));
			store.save("xen+ssh://admin@hv2/system", new Credentials("admin", "newer".toCharArray()));
			assertEquals(2, store.adopt(old));
			assertEquals(PASSWORD, new String(store.credentialsFor("qemu+ssh://root@hv1/system").password()));
			assertEquals("newer", new String(store.credentialsFor("xen+ssh://admin@hv2/system").password()), "what is here already stays");
			assertFalse(old.nodeExists("/org.hostdeck"), "gone from the earlier place");
			assertEquals("theirs", old.node("/other.plugin").get("token", null), "other plug-ins' entries untouched");
			assertFalse(Files.readString(oldFile, StandardCharsets.ISO_8859_1).contains("org.hostdeck"), "and from its file");
			assertEquals(0, store.adopt(old), "once");

			// the workbench's way: each host's entry moves the first time it is asked for
			earlier.save("qemu+ssh://root@hv3/system", new Credentials("root", (PASSWORD + "3").toCharArray()));
			store.adoptFrom(old);
			assertEquals(PASSWORD + "3", new String(store.credentialsFor("qemu+ssh://root@hv3/system").password()));
			assertFalse(old.nodeExists("/org.hostdeck"), "moved");
			assertNull(store.credentialsFor("qemu+ssh://root@hv4/system"), "none anywhere");
		} finally {
			MasterPassword.use(before);
		}
	}
}
