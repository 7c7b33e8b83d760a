package org.hostdeck.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.model.Inventory;
import org.hostdeck.tests.support.libvirt.SshServer;
import org.hostdeck.tests.support.libvirt.TestHostFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The {@code hostdeck} commands against libvirt test-driver hosts: each command as a script would
 * run it (a new session each time, on one workspace), JSON read back, exit codes and messages of
 * bad input, and the inventory file and Secure Storage they leave.
 */
class CommandLineTest {

	@TempDir
	Path dir;

	private CliRunner cli;
	private String prague;
	private String brno;

	@BeforeEach
	void workspace() throws Exception {
		cli = new CliRunner(dir.resolve("workspace"));
		prague = new TestHostFile("prague").vm("web", 2, 1024, true).vm("db", 4, 4096, false).vm("web-2", 1, 512, true)
				.writeTo(dir.resolve("hosts"));
		brno = new TestHostFile("brno").vm("mail", 1, 2048, true).writeTo(dir.resolve("hosts"));
	}

	private void addBoth() {
		assertEquals(0, cli.run("hosts", "add", prague, "--name", "prague").code());
		assertEquals(0, cli.run("hosts", "add", brno, "--name", "brno").code());
	}

	/** The VMs as {@code vms --json} lists them: name to its JSON object. */
	private Map<String, JsonObject> vms(String... filter) {
		List<String> args = new ArrayList<>(List.of("vms", "--json"));
		args.addAll(List.of(filter));
		CliRunner.Result r = cli.run(args.toArray(String[]::new));
		assertEquals(0, r.code(), r.toString());
		Map<String, JsonObject> byName = new TreeMap<>();
		for (JsonElement e : r.json().getAsJsonArray()) {
			byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
		}
		return byName;
	}

	@Test
	void hostsAreAddedListedAndRemovedAndTheInventoryFileKeepsThem() throws Exception {
		CliRunner.Result added = cli.run("hosts", "add", prague, "--name", "prague");
		assertEquals(0, added.code(), added.toString());
		assertTrue(added.out().contains("connected, 3 VMs"), added.out());

		JsonArray hosts = cli.run("hosts", "--json").json().getAsJsonArray();
		assertEquals(1, hosts.size());
		JsonObject host = hosts.get(0).getAsJsonObject();
		assertEquals("prague", host.get("name").getAsString());
		assertEquals(prague, host.get("uri").getAsString());
		assertEquals("connected", host.get("state").getAsString());
		assertEquals(3, host.get("vms").getAsInt());

		Inventory saved = cli.store.load().inventory();
		assertEquals(List.of("prague"), saved.getHosts().stream().map(h -> h.getName()).toList(), "a later process (or the workbench) sees the host");

		CliRunner.Result again = cli.run("hosts", "add", prague);
		assertEquals(ExitCodes.BAD_INPUT, again.code(), again.toString());
		assertTrue(again.err().contains("has host prague"), again.err());

		CliRunner.Result removed = cli.run("hosts", "remove", "prague");
		assertEquals(0, removed.code(), removed.toString());
		assertTrue(cli.store.load().inventory().getHosts().isEmpty());
		assertEquals(ExitCodes.NOT_FOUND, cli.run("hosts", "remove", "prague").code());
	}

	@Test
	void aHostThatCannotBeReachedIsNotAddedAndAnUnknownSchemeIsBadInput() {
		CliRunner.Result gone = cli.run("hosts", "add", "test://" + dir.resolve("no-such-host.xml"));
		assertEquals(ExitCodes.FAILED, gone.code(), gone.toString());
		assertTrue(gone.err().contains("was not added"), gone.err());
		assertTrue(cli.store.load().inventory().getHosts().isEmpty(), "nothing half-added");

		CliRunner.Result scheme = cli.run("hosts", "add", "ftp://example.com/");
		assertEquals(ExitCodes.BAD_INPUT, scheme.code(), scheme.toString());
		assertTrue(scheme.err().contains("ftp://example.com/"), scheme.err());
	}

	@Test
	void aPasswordGoesToSecureStorageAndNowhereElse() throws Exception {
		String password = "s3cret-Passw0rd";
		CliRunner.Result added = cli.run(password + "\n", Session.Console.NONE, "hosts", "add", prague, "--user", "admin", "--password-stdin");
		assertEquals(0, added.code(), added.toString());
		Credentials stored = cli.credentials.credentialsFor(prague);
		assertEquals("admin", stored.user());
		assertEquals(password, new String(stored.password()));
		assertFalse(new String(Files.readAllBytes(cli.store.file()), StandardCharsets.ISO_8859_1).contains(password), "not in the inventory file");
		assertFalse(added.out().contains(password) || added.err().contains(password), "not in the output");

		assertEquals(0, cli.run("hosts", "remove", "prague").code());
		assertNull(cli.credentials.credentialsFor(prague), "removing the host forgets its password");

		CliRunner.Result noUser = cli.run(password + "\n", Session.Console.NONE, "hosts", "add", prague, "--password-stdin");
		assertEquals(ExitCodes.BAD_INPUT, noUser.code());
		assertTrue(noUser.err().contains("--user"), noUser.err());
	}

	@Test
	void vmsAreListedAsTablesAndAsJsonAndFiltered() {
		addBoth();
		Map<String, JsonObject> all = vms();
		assertEquals(List.of("db", "mail", "web", "web-2"), List.copyOf(all.keySet()));
		JsonObject db = all.get("db");
		assertEquals("prague", db.get("host").getAsString());
		assertEquals("shut-off", db.get("state").getAsString());
		assertEquals(4, db.get("vcpus").getAsInt());
		assertEquals(4096L << 20, db.get("memory").getAsLong());
		assertEquals(36, db.get("uuid").getAsString().length());

		assertEquals(List.of("web", "web-2"), List.copyOf(vms("web*").keySet()));
		assertEquals(List.of("mail"), List.copyOf(vms("--host", "brno").keySet()));
		assertEquals(List.of("db"), List.copyOf(vms("--state", "shut-off").keySet()));

		CliRunner.Result table = cli.run("vms", "--host", "prague");
		assertEquals(0, table.code());
		String[] lines = table.out().split("\n");
		assertTrue(lines[0].startsWith("NAME") && lines[0].contains("STATE") && lines[0].contains("MEMORY"), table.out());
		assertEquals(4, lines.length, table.out());
		assertTrue(lines[1].matches("db\\s+prague\\s+shut-off\\s+4\\s+4 GiB\\s+\\S{36}"), lines[1]);
	}

	@Test
	void powerCommandsRunOnEachVmAndRecordTheirTasks() {
		// (the test driver forgets changes when its connection closes: the QEMU tests follow states across commands)
		addBoth();
		CliRunner.Result off = cli.run("destroy", "web", "mail");
		assertEquals(0, off.code(), off.toString());
		assertEquals("Force off web: done\nForce off mail: done\n", off.out());

		// a VM name that is not there stops the command before anything happens
		CliRunner.Result missing = cli.run("start", "nope");
		assertEquals(ExitCodes.NOT_FOUND, missing.code());
		assertTrue(missing.err().contains("No VM 'nope'"), missing.err());

		// every command is recorded in the task history the workbench shows
		List<String> tasks = cli.store.load().inventory().getTasks().stream().map(t -> t.getOperation()).toList();
		assertTrue(tasks.contains("Force off web") && tasks.contains("Force off mail"), tasks.toString());
	}

	@Test
	void deleteAsksForConfirmation() {
		addBoth();
		CliRunner.Result unconfirmed = cli.run("delete", "db");
		assertEquals(ExitCodes.BAD_INPUT, unconfirmed.code());
		assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
		CliRunner.Result declined = cli.run("", prompt -> "n", "delete", "db", "--keep-disks");
		assertEquals(ExitCodes.CANCELLED, declined.code());
		assertTrue(declined.err().contains("Nothing deleted"), declined.err());

		CliRunner.Result running = cli.run("delete", "web", "--yes", "--keep-disks");
		assertEquals(ExitCodes.FAILED, running.code(), running.toString());
		assertTrue(running.err().contains("web is running"), running.err());
	}

	@Test
	void badArgumentsGetAUsageMessageAndExitCodeTwo() {
		CliRunner.Result unknown = cli.run("vms", "--colour");
		assertEquals(ExitCodes.BAD_INPUT, unknown.code());
		assertTrue(unknown.err().contains("Unknown option: '--colour'") && unknown.err().contains("Usage: hostdeck vms"), unknown.err());

		CliRunner.Result missing = cli.run("migrate", "web");
		assertEquals(ExitCodes.BAD_INPUT, missing.code());
		assertTrue(missing.err().contains("Missing required parameter") && missing.err().contains("HOST"), missing.err());

		CliRunner.Result nonsense = cli.run("frobnicate");
		assertEquals(ExitCodes.BAD_INPUT, nonsense.code());
		assertTrue(nonsense.err().contains("frobnicate"), nonsense.err());

		addBoth();
		CliRunner.Result size = cli.run("install", "--host", "prague", "--name", "n1", "--memory", "lots", "--image", "default-pool/x");
		assertEquals(ExitCodes.BAD_INPUT, size.code(), size.toString());
		assertTrue(size.err().contains("'lots' is not a size for --memory"), size.err());

		CliRunner.Result two = cli.run("migrate", "web", "brno", "--live", "--offline");
		assertEquals(ExitCodes.BAD_INPUT, two.code());

		CliRunner.Result pairs = cli.run("import", dir.toString(), "--host", "brno", "--network", "novalue");
		assertEquals(ExitCodes.BAD_INPUT, pairs.code(), pairs.toString());
		assertTrue(pairs.err().contains("FROM=TO"), pairs.err());
	}

	@Test
	void everyCommandHasHelp() {
		for (String command : List.of("hosts", "vms", "start", "shutdown", "destroy", "reboot", "pause", "resume", "delete", "clone", "template", "snapshot", "install",
				"export", "import", "verify", "migrate", "p2v", "place")) {
			CliRunner.Result help = cli.run(command, "--help");
			assertEquals(0, help.code(), command);
			assertTrue(help.out().startsWith("Usage: hostdeck " + command), help.out());
			assertTrue(help.out().contains("Exit codes:"), help.out());
		}
		CliRunner.Result top = cli.run("--help");
		assertTrue(top.out().contains("130") && top.out().contains("export"), top.out());
		CliRunner.Result version = cli.run("--version");
		assertTrue(version.out().startsWith("HostDeck "), version.out());
	}

	@Test
	void withTheWorkbenchOpenTheInventoryIsNotChangedBehindItsBack() throws Exception {
		addBoth();
		try (InventoryStore.Lock workbench = new InventoryStore(cli.store.file()).tryLock()) {
			assertNotNull(workbench);
			CliRunner.Result add = cli.run("hosts", "add", "test:///default");
			assertEquals(ExitCodes.REFUSED, add.code(), add.toString());
			assertTrue(add.err().contains("workbench has the inventory"), add.err());
			// reading and operations still work
			assertEquals(4, vms().size());
		}
		assertEquals(List.of("prague", "brno"), cli.store.load().inventory().getHosts().stream().map(h -> h.getName()).toList());
	}

	@Test
	void placeListsMovesByNameAsJson() {
		addBoth();
		CliRunner.Result plan = cli.run("place", "--mode", "density", "--budget", "2", "--json", "--quiet");
		assertEquals(0, plan.code(), plan.toString());
		JsonObject result = plan.json().getAsJsonObject();
		assertEquals("density", result.get("mode").getAsString());
		assertEquals(0, result.get("applied").getAsInt());
		// packing densely empties one of the two hosts: every move goes to the same host, by name
		JsonArray moves = result.getAsJsonArray("moves");
		assertFalse(moves.isEmpty(), plan.out());
		String to = moves.get(0).getAsJsonObject().get("to").getAsString();
		assertTrue(List.of("prague", "brno").contains(to), to);
		for (JsonElement m : moves) {
			assertEquals(to, m.getAsJsonObject().get("to").getAsString());
			assertTrue(List.of("web", "web-2", "db", "mail").contains(m.getAsJsonObject().get("vm").getAsString()));
		}
		CliRunner.Result bad = cli.run("place", "--mode", "chaos");
		assertEquals(ExitCodes.BAD_INPUT, bad.code());
	}

	@Test
	void p2vDiscoversAServerOverSshAndRefusesAnUnknownKeyWithoutATerminal() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(SshServer.available() && "root".equals(System.getProperty("user.name")),
				"needs openssh-server and root");
		try (SshServer server = SshServer.start()) {
			server.authorizeClientKey();
			String address = "root@127.0.0.1:" + server.port();
			Path knownHosts = dir.resolve("known_hosts");
			CliRunner.Result unknown = cli.run("p2v", address, "--identity", server.clientKey().toString(), "--known-hosts",
					knownHosts.toString(), "--discover");
			assertEquals(ExitCodes.FAILED, unknown.code(), unknown.toString());
			assertTrue(unknown.err().contains("is not known and was not trusted"), unknown.err());

			CliRunner.Result found = cli.run("p2v", address, "--identity", server.clientKey().toString(), "--known-hosts", knownHosts.toString(),
					"--accept-new-host-key", "--discover", "--sample", "1", "--json");
			assertEquals(0, found.code(), found.toString());
			JsonObject machine = found.json().getAsJsonObject().getAsJsonObject("machine");
			assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cpus").getAsInt());
			assertEquals(org.hostdeck.tests.support.Commands.run("hostname").trim(), machine.get("hostname").getAsString());
			assertTrue(machine.get("memory").getAsLong() > 0);
			assertTrue(Files.readString(knownHosts).contains("127.0.0.1"), "the trusted key is remembered");

			CliRunner.Result noTarget = cli.run("p2v", address, "--identity", server.clientKey().toString());
			assertEquals(ExitCodes.BAD_INPUT, noTarget.code());
			assertTrue(noTarget.err().contains("--host"), noTarget.err());
			CliRunner.Result both = cli.run("p2v", address, "--identity", server.clientKey().toString(), "--host", "h", "--to-folder",
					dir.resolve("x").toString());
			assertEquals(ExitCodes.BAD_INPUT, both.code());
			assertTrue(both.err().contains("p2v takes --host or --to-folder, not both."), both.err());

			// a small "server disk" converted into an export folder, which verifies as whole
			Path image = dir.resolve("disk.img");
			byte[] data = new byte[6 << 20];
			new java.util.Random(3).nextBytes(data);
			java.util.Arrays.fill(data, 1 << 20, 4 << 20, (byte) 0);
			Files.write(image, data);
			String loop = org.hostdeck.tests.support.Commands.run("losetup", "-f", "--show", image.toString()).trim();
			try {
				Path export = dir.resolve("share/server-export");
				CliRunner.Result converted = cli.run("p2v", address, "--identity", server.clientKey().toString(), "--known-hosts",
						knownHosts.toString(), "--to-folder", export.toString(), "--disk", loop, "--name", "from-cli", "--sample", "1");
				assertEquals(0, converted.code(), converted.toString());
				assertTrue(converted.out().contains("into the export " + export + "; bring it onto a host with: hostdeck import " + export),
						converted.out());
				CliRunner.Result verified = cli.run("verify", export.toString(), "--json");
				assertEquals(0, verified.code(), verified.toString());
				assertTrue(verified.json().getAsJsonObject().get("complete").getAsBoolean());
				assertTrue(Files.readString(export.resolve("vm.xml")).contains("name=\"from-cli\""));
			} finally {
				org.hostdeck.tests.support.Commands.run("losetup", "-d", loop);
			}
		}
	}

	@Test
	void verifyNamesWhatIsMissing() throws Exception {
		Path notAnExport = Files.createDirectories(dir.resolve("half"));
		Files.writeString(notAnExport.resolve("vm.xml"), "<domain/>");
		CliRunner.Result half = cli.run("verify", notAnExport.toString(), "--json");
		assertEquals(ExitCodes.FAILED, half.code(), half.toString());
		assertFalse(half.json().getAsJsonObject().get("complete").getAsBoolean());
		assertTrue(half.err().contains("manifest"), half.err());
		assertEquals(ExitCodes.NOT_FOUND, cli.run("verify", dir.resolve("nowhere").toString()).code());
	}
}
