package org.hostdeck.ui.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.MasterPassword;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.MasterPasswordDialog;
import org.hostdeck.ui.internal.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's master password dialog for HostDeck's Secure Storage, in the real workbench:
 * asked while a host password is stored from a background thread (as a connect job would), chosen
 * by typing it twice (two that differ refused); then the storage file as another process finds it
 * unlocked with it after a wrong one is refused and asked again.
 */
class MasterPasswordDialogTest {

	private static final String URI = "qemu+ssh://admin@hv-secure/system";
	private static final String SECRET = "Lab-s3cret-7";

	private final UiBot bot = new UiBot();

	@TempDir
	Path dir;

	private void type(String id, String value) {
		bot.typeText(bot.widgetById(Text.class, id), value);
	}

	@Test
	void theMasterPasswordIsChosenInADialogAndUnlocksTheStorageElsewhere() throws Exception {
		InventoryHolder.get();
		assertTrue(MasterPassword.prompt() instanceof MasterPasswordDialog.Prompt, "the workbench asks with its dialog");
		Path file = Files.createDirectories(dir.resolve("workspace")).resolve(CredentialStore.FILE_NAME);
		CredentialStore store = CredentialStore.open(file);
		List<String> seen = new ArrayList<>();
		bot.whenShellOpens(Messages.MasterPassword_title, shell -> {
			seen.add(shell.getText());
			type(MasterPasswordDialog.PASSWORD_ID, "correct horse");
			type(MasterPasswordDialog.CONFIRM_ID, "correct hose");
			assertFalse(bot.button(shell, "OK").isEnabled(), "two that differ");
			type(MasterPasswordDialog.CONFIRM_ID, "correct horse");
			assertTrue(bot.button(shell, "OK").isEnabled());
			try {
				bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "master-password.png"));
			} catch (java.io.IOException e) {
				throw new IllegalStateException(e);
			}
			bot.click(bot.button(shell, "OK"));
		});
		CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> {
			try {
				store.save(URI, new Credentials("admin", SECRET.toCharArray()));
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		bot.waitUntil("the password stored", saved::isDone, Duration.ofSeconds(30));
		saved.get();
		assertEquals(1, seen.size(), "asked once");
		assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(SECRET), "encrypted in the file");

		// the file as the command line (another process) finds it: a wrong password is asked again
		Path copy = Files.createDirectories(dir.resolve("cli")).resolve(CredentialStore.FILE_NAME);
		Files.copy(file, copy);
		CredentialStore other = CredentialStore.open(copy);
		bot.whenShellOpens(Messages.MasterPassword_title, first -> {
			assertFalse(hasConfirm(first), "unlocking asks once");
			assertNull(((MasterPasswordDialog) first.getData()).getErrorMessage());
			type(MasterPasswordDialog.PASSWORD_ID, "wrong horse");
			bot.click(bot.button(first, "OK"));
			bot.whenShellOpens(Messages.MasterPassword_title, second -> {
				seen.add(second.getText());
				assertTrue(first.isDisposed(), "a new dialog");
				assertEquals(Messages.MasterPassword_wrong, ((MasterPasswordDialog) second.getData()).getErrorMessage());
				type(MasterPasswordDialog.PASSWORD_ID, "correct horse");
				bot.click(bot.button(second, "OK"));
			});
		});
		CompletableFuture<Credentials> read = CompletableFuture.supplyAsync(() -> other.credentialsFor(URI));
		bot.waitUntil("the password read", read::isDone, Duration.ofSeconds(30));
		assertEquals(SECRET, new String(read.get().password()));
		assertEquals(2, seen.size(), "asked again after the wrong one");
	}

	@Test
	void theTestsKeepOffTheUsersDefaultStorage() throws Exception {
		// the runtime gets -eclipse.keyring in target/: the workbench's lookups of passwords an earlier
		// HostDeck kept in the default storage must not touch ~/.eclipse during a build
		Path keyring = Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots")).resolveSibling("default_secure_storage");
		org.eclipse.equinox.security.storage.ISecurePreferences defaults = org.eclipse.equinox.security.storage.SecurePreferencesFactory.getDefault();
		defaults.node("/org.hostdeck.tests").put("probe", "1", false);
		defaults.flush();
		try {
			assertTrue(Files.readString(keyring, StandardCharsets.ISO_8859_1).contains("org.hostdeck.tests"), "the default storage is " + keyring);
		} finally {
			defaults.node("/org.hostdeck.tests").removeNode();
			defaults.flush();
		}
	}

	private static boolean hasConfirm(org.eclipse.swt.widgets.Control control) {
		if (MasterPasswordDialog.CONFIRM_ID.equals(control.getData(org.hostdeck.ui.WidgetIds.KEY))) {
			return true;
		}
		if (control instanceof org.eclipse.swt.widgets.Composite composite) {
			for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
				if (hasConfirm(child)) {
					return true;
				}
			}
		}
		return false;
	}
}
