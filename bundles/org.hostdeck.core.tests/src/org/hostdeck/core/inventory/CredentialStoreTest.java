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
}
