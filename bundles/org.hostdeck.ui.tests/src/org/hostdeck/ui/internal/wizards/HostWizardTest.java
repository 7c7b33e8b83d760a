package org.hostdeck.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.WorkbenchCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostWizardTest {

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
		previous = InventoryHolder.credentials();
		InventoryHolder.setCredentials(store);
	}

	@AfterEach
	void restoreSecureStorage() {
		// a failed test must not leave its wizard open for the next one to find
		for (org.eclipse.swt.widgets.Shell shell : bot.display().getShells()) {
			if (!shell.isDisposed() && List.of("Add Host", "Edit Host").contains(shell.getText())) {
				shell.close();
			}
		}
		InventoryHolder.setCredentials(previous);
	}

	private Path keyring;
	private CredentialStore previous;

	private WizardDialog open() {
		return open(null);
	}

	private WizardDialog open(Host editing) {
		bot.waitUntil("a workbench window", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		return HostWizard.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), store, editing, false);
	}

	private void finish(WizardDialog dialog) {
		bot.click(bot.button("Finish"));
		bot.waitUntil("the wizard to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed());
	}

	private String testConnection(WizardDialog dialog) {
		WizardPage page = (WizardPage) dialog.getCurrentPage();
		page.setMessage(null);
		page.setErrorMessage(null);
		bot.click(bot.widgetById(Button.class, HostWizardPage.TEST_ID));
		bot.waitUntil("the connection test to report", () -> page.getMessage() != null || page.getErrorMessage() != null,
				Duration.ofSeconds(60));
		return dialog.getCurrentPage().getErrorMessage() != null ? dialog.getCurrentPage().getErrorMessage()
				: dialog.getCurrentPage().getMessage();
	}

	private void kind(ConnectionKind kind) {
		Combo combo = bot.widgetById(Combo.class, HostWizardPage.KIND_ID);
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
			bot.typeText(text(HostWizardPage.HOST_ID), "");
			assertEquals("Enter the host name or address.", dialog.getCurrentPage().getErrorMessage());
			assertFalse(bot.button("Finish").isEnabled());

			bot.typeText(text(HostWizardPage.HOST_ID), "hv-new");
			bot.typeText(text(HostWizardPage.PORT_ID), "22x");
			assertTrue(dialog.getCurrentPage().getErrorMessage().contains("'22x' is not a port number"),
					dialog.getCurrentPage().getErrorMessage());

			bot.typeText(text(HostWizardPage.PORT_ID), "2222");
			assertEquals("qemu+libssh://root@hv-new:2222/system", text(HostWizardPage.URI_ID).getText(),
					"libvirt's own SSH client, which lets HostDeck answer host-key and password questions");
			assertEquals("hv-new", text(HostWizardPage.NAME_ID).getText());
			assertTrue(bot.button("Finish").isEnabled());

			String taken = InventoryHolder.get().query(i -> i.getHosts().get(0).getName());
			bot.typeText(text(HostWizardPage.NAME_ID), taken.toUpperCase());
			assertEquals("The inventory has a host named '" + taken.toUpperCase() + "' already. Choose another name, so the two can be told apart.",
					dialog.getCurrentPage().getErrorMessage());
			assertFalse(bot.button("Finish").isEnabled());
			bot.typeText(text(HostWizardPage.NAME_ID), "hv-new");

			String existing = InventoryHolder.get().query(i -> i.getHosts().get(0).getUri());
			kind(ConnectionKind.CUSTOM);
			bot.typeText(text(HostWizardPage.URI_ID), existing);
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
		bot.typeText(text(HostWizardPage.URI_ID), uri);
		bot.typeText(text(HostWizardPage.USER_ID), "admin");
		bot.typeText(text(HostWizardPage.PASSWORD_ID), PASSWORD);

		String tested = testConnection(dialog);
		assertTrue(tested.startsWith("Connected to") && tested.contains("3 VMs"), tested);

		finish(dialog);
		bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
		Host added = InventoryHolder.get().query(i -> i.getHosts().stream().filter(h -> uri.equals(h.getUri())).findFirst().orElse(null));
		assertNotNull(added);
		bot.waitUntil("the new host connected", () -> InventoryHolder.get().query(i -> added.getState()) == HostState.CONNECTED);

		assertTrue(InventoryHolder.save().isOK());
		Path inventoryFile = InventoryStore.ofWorkspace().file();
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

	@Test
	void editingAHostRenamesItMovesItsPasswordAlongAndReconnectsIt() throws Exception {
		String first = new TestHostFile("edit-a").vms("a", 2).writeTo(Files.createDirectories(dir.resolve("a")));
		String second = new TestHostFile("edit-b").vms("b", 3).writeTo(Files.createDirectories(dir.resolve("b")));
		var service = InventoryHolder.get();
		store.save(first, new Credentials("admin", PASSWORD.toCharArray()));
		Host host = service.addHost("edit-a", first);
		WizardDialog dialog = null;
		try {
			assertTrue(service.connect(host, new org.eclipse.core.runtime.NullProgressMonitor()).isOK());

			dialog = open(host);
			assertEquals("Edit Host", dialog.getShell().getText());
			assertEquals(first, text(HostWizardPage.URI_ID).getText(), "the host's URI, shown as it is");
			assertEquals(ConnectionKind.CUSTOM.ordinal(), bot.widgetById(Combo.class, HostWizardPage.KIND_ID).getSelectionIndex());
			assertEquals("edit-a", text(HostWizardPage.NAME_ID).getText());
			assertTrue(testConnection(dialog).startsWith("Connected to"), "tested with the stored password");

			String existing = service.query(i -> i.getHosts().get(0).getUri());
			bot.typeText(text(HostWizardPage.URI_ID), existing);
			assertTrue(dialog.getCurrentPage().getErrorMessage().contains("has a host with"), "another host's URI is refused");
			bot.typeText(text(HostWizardPage.URI_ID), first);
			assertNull(dialog.getCurrentPage().getErrorMessage(), "its own URI is fine");

			bot.typeText(text(HostWizardPage.URI_ID), second);
			bot.typeText(text(HostWizardPage.NAME_ID), "edit-b renamed");
			finish(dialog);
			bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
			bot.waitUntil("the host reconnected to its new URI", () -> service.query(i -> host.getState() == HostState.CONNECTED
					&& second.equals(host.getUri()) && host.getVms().size() == 3));
			assertEquals("edit-b renamed", service.query(i -> host.getName()));
			assertEquals(PASSWORD, new String(store.credentialsFor(second).password()), "the password moved with the URI");
			assertNull(store.credentialsFor(first), "nothing left under the old URI");

			dialog = open(host);
			Button forget = bot.widgetById(Button.class, HostWizardPage.FORGET_ID);
			forget.setSelection(true);
			forget.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
			assertFalse(text(HostWizardPage.PASSWORD_ID).isEnabled());
			finish(dialog);
			assertNull(store.credentialsFor(second), "forgotten when asked");
		} finally {
			if (dialog != null) {
				dialog.close();
			}
			service.removeHost(host);
		}
	}

	@Test
	void anUnknownSshHostKeyIsShownAndTrustedOnlyWhenTheUserSaysSo() throws Exception {
		assumeTrue(QemuSessionHost.available() && SshServer.available(), "needs libvirt, QEMU, openssh-server and root");
		try (QemuSessionHost qemu = QemuSessionHost.start(7); SshServer ssh = SshServer.start()) {
			ssh.authorizeClientKey();
			WizardDialog dialog = open();
			try {
				kind(ConnectionKind.CUSTOM);
				bot.typeText(text(HostWizardPage.URI_ID), ssh.libvirtUriCheckingHostKey("root", "/session", qemu.socket()));
				List<String> shown = new CopyOnWriteArrayList<>();
				answerHostKey(shown, "Cancel");
				String declined = testConnection(dialog);
				assertEquals(1, shown.size());
				assertTrue(shown.get(0).contains("127.0.0.1:" + ssh.port()) && shown.get(0).contains(ssh.hostKeyFingerprint()),
						"the question names the host and its fingerprint: " + shown.get(0));
				assertTrue(declined.contains("was not trusted"), declined);
				assertFalse(Files.exists(ssh.knownHosts()));

				answerHostKey(shown, "Trust and Connect");
				String trusted = testConnection(dialog);
				assertTrue(trusted.startsWith("Connected to"), trusted);
				assertEquals(2, shown.size());
				assertTrue(Files.readString(ssh.knownHosts()).contains("[127.0.0.1]:" + ssh.port()));

				String again = testConnection(dialog);
				assertTrue(again.startsWith("Connected to"), again);
				assertEquals(2, shown.size(), "a trusted host is not asked about again");
			} finally {
				dialog.close();
			}
		}
	}

	private void answerHostKey(List<String> shown, String button) {
		bot.whenShellOpens(WorkbenchCredentials.HOST_KEY_TITLE, shell -> {
			shown.add(bot.widget(org.eclipse.swt.widgets.Label.class, "the question",
					l -> l.getShell() == shell && l.getText().contains("fingerprint")).getText());
			if (shown.size() == 1) {
				try {
					bot.screenshot(Path.of(System.getProperty("hostdeck.screenshots", "target/screenshots"), "ssh-host-key.png"));
				} catch (java.io.IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
			bot.click(bot.button(shell, button));
		});
	}
}
