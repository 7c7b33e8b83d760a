package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

class AddHostWizardTest {

	private static final String PASSWORD = "s3cret-Pw-4-hostdeck";

	private final UiBot bot = new UiBot();

	@TempDir
	Path dir;

	private CredentialStore store;

	/**
	 * A real, encrypted Equinox secure storage under the test's folder, unlocked with a fixed
	 * master password instead of the prompt the workbench would show.
	 */
	@BeforeEach
	void openSecureStorage() throws Exception {
		keyring = dir.resolve("secure_storage");
		store = new CredentialStore(SecurePreferencesFactory.open(keyring.toUri().toURL(),
				Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD,
						new PBEKeySpec("hostdeck-ui-tests-master".toCharArray()))));
	}

	private Path keyring;

	private WizardDialog open() {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		return AddHostWizard.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), store, false);
	}

	private void kind(ConnectionKind kind) {
		Combo combo = bot.widgetById(Combo.class, AddHostWizardPage.KIND_ID);
		combo.select(kind.ordinal());
		combo.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
		bot.flush();
	}

	private Text text(String id) {
		return bot.widgetById(Text.class, id);
	}

	@Test
	void badInputIsExplainedAndFinishStaysDisabled() {
		WizardDialog dialog = open();
		try {
			kind(ConnectionKind.QEMU_SSH);
			bot.typeText(text(AddHostWizardPage.HOST_ID), "");
			assertEquals("Enter the host name or address.", dialog.getCurrentPage().getErrorMessage());
			assertFalse(bot.button("Finish").isEnabled());

			bot.typeText(text(AddHostWizardPage.HOST_ID), "hv-new");
			bot.typeText(text(AddHostWizardPage.PORT_ID), "22x");
			assertTrue(dialog.getCurrentPage().getErrorMessage().contains("'22x' is not a port number"),
					dialog.getCurrentPage().getErrorMessage());

			bot.typeText(text(AddHostWizardPage.PORT_ID), "2222");
			assertEquals("qemu+ssh://root@hv-new:2222/system", text(AddHostWizardPage.URI_ID).getText());
			assertEquals("hv-new", text(AddHostWizardPage.NAME_ID).getText());
			assertTrue(bot.button("Finish").isEnabled());

			String existing = InventoryHolder.get().query(i -> i.getHosts().get(0).getUri());
			kind(ConnectionKind.CUSTOM);
			bot.typeText(text(AddHostWizardPage.URI_ID), existing);
			assertTrue(dialog.getCurrentPage().getErrorMessage().contains("has a host with"), dialog.getCurrentPage().getErrorMessage());
			assertFalse(bot.button("Finish").isEnabled());
		} finally {
			dialog.close();
		}
	}

	@Test
	void aPasswordGoesToSecureStorageNeverToTheInventoryFile() throws Exception {
		String uri = new TestHostFile("lab-2").vms("lab", 3).writeTo(dir);
		WizardDialog dialog = open();
		kind(ConnectionKind.CUSTOM);
		bot.typeText(text(AddHostWizardPage.URI_ID), uri);
		bot.typeText(text(AddHostWizardPage.USER_ID), "admin");
		bot.typeText(text(AddHostWizardPage.PASSWORD_ID), PASSWORD);

		bot.click(bot.widgetById(Button.class, AddHostWizardPage.TEST_ID));
		bot.waitUntil("the connection test to report", () -> dialog.getCurrentPage().getMessage() != null
				&& dialog.getCurrentPage().getMessage().startsWith("Connected to"));
		assertTrue(dialog.getCurrentPage().getMessage().contains("3 VMs"), dialog.getCurrentPage().getMessage());

		bot.click(bot.button("Finish"));
		bot.waitUntil("the wizard to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed());
		bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
		Host added = InventoryHolder.get().query(i -> i.getHosts().stream().filter(h -> uri.equals(h.getUri())).findFirst().orElse(null));
		assertNotNull(added);
		bot.waitUntil("the new host connected", () -> InventoryHolder.get().query(i -> added.getState()) == HostState.CONNECTED);

		assertTrue(InventoryHolder.save().isOK());
		Path inventoryFile = Platform.getStateLocation(FrameworkUtil.getBundle(InventoryHolder.class)).toPath().resolve("inventory.bin");
		byte[] saved = Files.readAllBytes(inventoryFile);
		assertTrue(new String(saved, StandardCharsets.ISO_8859_1).contains(uri), "the host is in the inventory file");
		assertFalse(new String(saved, StandardCharsets.ISO_8859_1).contains(PASSWORD), "the password is not");

		Credentials stored = store.credentialsFor(uri);
		assertEquals("admin", stored.user());
		assertEquals(PASSWORD, new String(stored.password()));
		assertTrue(Files.isRegularFile(keyring), "secure storage written to " + keyring);
		assertFalse(Files.readString(keyring, StandardCharsets.ISO_8859_1).contains(PASSWORD), "stored encrypted");

		InventoryHolder.get().removeHost(added);
		store.remove(uri);
	}
}
