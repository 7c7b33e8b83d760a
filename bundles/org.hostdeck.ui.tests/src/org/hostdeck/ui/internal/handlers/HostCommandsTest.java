package org.hostdeck.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.model.Folder;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.ConnectHostsJob;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.Folders;
import org.hostdeck.ui.internal.views.InventoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connect, Disconnect and Remove Host from the Inventory view, on a libvirt test host of the test's own. */
class HostCommandsTest {

	private static final String CONNECT = "org.hostdeck.ui.host.connect";
	private static final String DISCONNECT = "org.hostdeck.ui.host.disconnect";
	private static final String EDIT = "org.hostdeck.ui.host.edit";
	private static final String REMOVE = "org.hostdeck.ui.host.remove";

	private final UiBot bot = new UiBot();
	private InventoryPage inventory;
	private CredentialStore previous;
	private CredentialStore store;
	private Host host;

	@TempDir
	Path dir;

	@BeforeEach
	void addHost() throws Exception {
		inventory = new InventoryPage(bot);
		store = new CredentialStore(SecurePreferencesFactory.open(dir.resolve("secure_storage").toUri().toURL(),
				Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD,
						new PBEKeySpec("hostdeck-ui-tests-master".toCharArray()))));
		previous = InventoryHolder.credentials();
		InventoryHolder.setCredentials(store);
		String uri = new TestHostFile("hv-commands").vms("cmd", 4).writeTo(dir); // a name no demo host has
		host = inventory.service().addHost("hv-commands", uri);
		assertTrue(inventory.service().connect(host, new NullProgressMonitor()).isOK());
	}

	@AfterEach
	void restore() {
		if (inventory.service().query(i -> i.getHosts().contains(host))) {
			inventory.service().removeHost(host);
		}
		inventory.service().modify(i -> i.getFolders().clear());
		InventoryHolder.setCredentials(previous);
	}

	private HostState state() {
		return inventory.service().query(i -> host.getState());
	}

	@Test
	void aHostDisconnectsConnectsAgainAndIsForgottenWithItsPasswordWhenRemoved() throws Exception {
		String uri = inventory.service().query(i -> host.getUri());
		store.save(uri, new Credentials("admin", "lab-Secret-1".toCharArray()));
		Folder lab = Folders.create(inventory.service(), null, "Lab");
		Folders.move(inventory.service(), List.of(host), lab);
		Folders.move(inventory.service(), List.<Object>of(inventory.service().query(i -> host.getVms().get(0))), lab);

		inventory.selectPath(host); // the row at the top level; the host shows in its folder too
		bot.waitUntil("Disconnect enabled", () -> inventory.enabled(DISCONNECT));
		assertFalse(inventory.enabled(CONNECT), "a connected host cannot be connected");
		assertTrue(inventory.contextMenu().containsAll(List.of("Disconnect", "Edit Host...", "Remove Host...", "Tags...")),
				inventory.contextMenu().toString());

		inventory.run(DISCONNECT);
		bot.waitUntil("the host disconnected", () -> state() == HostState.DISCONNECTED);
		bot.waitUntil("Connect enabled", () -> inventory.enabled(CONNECT));
		assertFalse(inventory.enabled(DISCONNECT));
		assertTrue(inventory.enabled(EDIT));

		inventory.run(CONNECT);
		bot.waitForJobs(ConnectHostsJob.FAMILY, Duration.ofSeconds(60));
		bot.waitUntil("the host connected again", () -> state() == HostState.CONNECTED);
		assertEquals(4, (int) inventory.service().query(i -> host.getVms().size()));

		inventory.runAnswering(REMOVE, "Remove Host", "Remove");
		bot.waitUntil("the host removed", () -> !inventory.service().query(i -> i.getHosts().contains(host)));
		assertEquals(List.of(), inventory.service().query(i -> List.copyOf(lab.getMembers())),
				"neither the host nor its VM is left in the folder");
		bot.waitUntil("its password forgotten", () -> store.credentialsFor(uri) == null);
		assertNull(inventory.service().session(host), "no session left behind");
		assertEquals(3, (int) inventory.service().query(i -> i.getHosts().size()), "the other hosts stay");
	}
}
