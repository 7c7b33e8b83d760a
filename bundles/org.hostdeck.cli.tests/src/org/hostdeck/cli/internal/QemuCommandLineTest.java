package org.hostdeck.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.hostdeck.tests.support.Commands;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The {@code hostdeck} commands against two real QEMU session daemons: each command a fresh
 * session (as a fresh process), so every state is the hosts' own, read back by the next command.
 */
class QemuCommandLineTest {

	@TempDir
	Path dir;

	private QemuSessionHost qemuA;
	private QemuSessionHost qemuB;
	private CliRunner cli;

	@BeforeEach
	void hosts() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemuA = QemuSessionHost.start(5);
		qemuB = QemuSessionHost.start(6);
		qemuA.startImagesPool();
		qemuB.startImagesPool();
		cli = new CliRunner(dir.resolve("workspace"));
		assertEquals(0, cli.run("hosts", "add", qemuA.uri(), "--name", "qemu-a").code());
		assertEquals(0, cli.run("hosts", "add", qemuB.uri(), "--name", "qemu-b").code());
	}

	@AfterEach
	void stop() throws Exception {
		for (QemuSessionHost q : new QemuSessionHost[] { qemuA, qemuB }) {
			if (q != null) {
				q.close();
			}
		}
	}

	/** Defines VM {@code name} on qemu-a around a raw disk of {@code mib} MiB of seeded random data. */
	private Path define(String name, int mib) throws Exception {
		Path disk = qemuA.dataDisk(name, mib, 7);
		qemuA.virsh("pool-refresh", "images");
		Path xml = dir.resolve(name + ".xml");
		Files.writeString(xml, QemuSessionHost.domainXml(name, disk, "raw"));
		qemuA.virsh("define", xml.toString());
		return disk;
	}

	private JsonObject vm(String name) {
		CliRunner.Result r = cli.run("vms", "--json");
		assertEquals(0, r.code(), r.toString());
		for (JsonElement e : r.json().getAsJsonArray()) {
			if (name.equals(e.getAsJsonObject().get("name").getAsString())) {
				return e.getAsJsonObject();
			}
		}
		return null;
	}

	@Test
	void aVmIsStartedPausedResumedDestroyedAndDeletedWithItsDisk() throws Exception {
		Path disk = define("life", 1);
		assertEquals("shut-off", vm("life").get("state").getAsString());
		assertEquals(0, cli.run("start", "life").code());
		assertEquals("running", vm("life").get("state").getAsString());
		assertEquals(0, cli.run("pause", "life").code());
		assertEquals("paused", vm("life").get("state").getAsString());
		assertEquals(0, cli.run("resume", "life").code());
		assertEquals("running", vm("life").get("state").getAsString());

		CliRunner.Result running = cli.run("export", "life", dir.resolve("out").toString());
		assertEquals(ExitCodes.REFUSED, running.code(), running.toString());
		assertTrue(running.err().contains("--shutdown"), running.err());
		assertFalse(Files.exists(dir.resolve("out")), "nothing written for a refused export");

		// the guest loops in its boot sector and ignores ACPI: a plain shutdown times out and says what to do
		CliRunner.Result ignored = cli.run("shutdown", "life", "--timeout", "2");
		assertEquals(ExitCodes.FAILED, ignored.code(), ignored.toString());
		assertTrue(ignored.err().contains("use Force off"), ignored.err());
		CliRunner.Result forced = cli.run("shutdown", "life", "--timeout", "2", "--force");
		assertEquals(0, forced.code(), forced.toString());
		assertTrue(forced.err().contains("was forced off"), forced.err());
		assertEquals("shut-off", vm("life").get("state").getAsString());
		CliRunner.Result deleted = cli.run("delete", "life", "--yes");
		assertEquals(0, deleted.code(), deleted.toString());
		assertEquals(null, vm("life"));
		assertFalse(Files.exists(disk), "its disk is deleted too");
	}

	@Test
	void aVmIsInstalledAroundAnExistingDiskImageAndBadRequestsAreRefused() throws Exception {
		qemuA.spinningDisk("base");
		qemuA.virsh("pool-refresh", "images");
		CliRunner.Result templates = cli.run("install", "--list-templates", "--json");
		assertEquals(0, templates.code(), templates.toString());
		assertTrue(templates.out().contains("Existing disk image"), templates.out());

		CliRunner.Result missing = cli.run("install", "--host", "qemu-a", "--name", "nope", "--image", "images/nope.qcow2", "--no-start");
		assertEquals(ExitCodes.REFUSED, missing.code(), missing.toString());
		assertTrue(missing.err().contains("nope.qcow2") && missing.err().contains("nothing was changed"), missing.err());
		assertEquals(null, vm("nope"));

		CliRunner.Result installed = cli.run("install", "--host", "qemu-a", "--name", "made", "--image", "images/base.qcow2", "--vcpus", "1",
				"--memory", "96M", "--description", "from the command line", "--no-start");
		assertEquals(0, installed.code(), installed.toString());
		JsonObject made = vm("made");
		assertNotNull(made, installed.toString());
		assertEquals("shut-off", made.get("state").getAsString());
		assertEquals(1, made.get("vcpus").getAsInt());
		assertEquals(96L << 20, made.get("memory").getAsLong());
		assertEquals("from the command line", made.get("description").getAsString());
		assertTrue(installed.out().contains(made.get("uuid").getAsString()), installed.out());
	}

	@Test
	void clonesAndSnapshotsFromTheCommandLine() throws Exception {
		Path disk = qemuA.spinningDisk("gold");
		qemuA.virsh("pool-refresh", "images");
		Path xml = dir.resolve("gold.xml");
		Files.writeString(xml, QemuSessionHost.domainXml("gold", disk, "qcow2"));
		qemuA.virsh("define", xml.toString());

		// a template: not started; VMs come from it as clones with their own shape
		assertEquals(0, cli.run("template", "gold").code());
		assertTrue(vm("gold").get("template").getAsBoolean());
		CliRunner.Result template = cli.run("start", "gold");
		assertEquals(ExitCodes.FAILED, template.code(), template.toString());
		assertTrue(template.err().contains("gold is a template"), template.err());
		CliRunner.Result full = cli.run("clone", "gold", "gold-full", "--vcpus", "2", "--memory", "96M", "--description", "Made by the CLI",
				"--disk", "16M:images", "--json");
		assertEquals(0, full.code(), full.toString());
		JsonObject made = vm("gold-full");
		assertEquals(made.get("uuid").getAsString(), full.json().getAsJsonObject().get("uuid").getAsString());
		assertEquals(2, made.get("vcpus").getAsInt());
		assertEquals(96L << 20, made.get("memory").getAsLong());
		assertEquals("Made by the CLI", made.get("description").getAsString());
		assertTrue(qemuA.virsh("vol-info", "--pool", "images", "gold-full-2.qcow2").matches("(?s).*Capacity:\\s+16\\.00 MiB.*"),
				"the new disk besides the copy");
		assertFalse(made.get("template").getAsBoolean(), "a VM made from a template is a VM");
		CliRunner.Result linked = cli.run("clone", "gold", "gold-thin", "--linked");
		assertEquals(0, linked.code(), linked.toString());
		assertNotNull(vm("gold-thin"));
		assertEquals(0, cli.run("template", "gold", "--undo").code());
		CliRunner.Result start = cli.run("start", "gold");
		assertEquals(ExitCodes.FAILED, start.code(), start.toString());
		assertTrue(start.err().contains("base of linked clones (volumes gold-thin.qcow2)"), start.err());
		assertEquals(ExitCodes.REFUSED, cli.run("clone", "gold", "gold-full").code(), "the name is taken");

		assertEquals(0, cli.run("snapshot", "create", "gold-full", "first", "--description", "before the change").code());
		assertEquals(0, cli.run("snapshot", "create", "gold-full", "second").code());
		CliRunner.Result list = cli.run("snapshot", "gold-full", "--json");
		assertEquals(0, list.code(), list.toString());
		com.google.gson.JsonArray snapshots = list.json().getAsJsonArray();
		assertEquals(2, snapshots.size());
		assertEquals("first", snapshots.get(0).getAsJsonObject().get("name").getAsString());
		assertEquals("before the change", snapshots.get(0).getAsJsonObject().get("description").getAsString());
		assertEquals("first", snapshots.get(1).getAsJsonObject().get("parent").getAsString());
		CliRunner.Result table = cli.run("snapshot", "gold-full");
		assertTrue(table.out().contains("\n  second *"), "the child indented under its parent, the current one starred: " + table);
		assertEquals(0, cli.run("snapshot", "revert", "gold-full", "first").code());
		assertEquals(0, cli.run("snapshot", "delete", "gold-full", "second").code());
		CliRunner.Result gone = cli.run("snapshot", "revert", "gold-full", "second");
		assertEquals(ExitCodes.FAILED, gone.code());
		assertTrue(gone.err().contains("has no snapshot 'second'"), gone.err());
	}

	@Test
	void anExportIsVerifiedAndImportedOnTheOtherHostByteForByte() throws Exception {
		Path disk = define("source", 24);
		Path export = dir.resolve("exports/source");
		CliRunner.Result exported = cli.run("export", "source", export.toString(), "--verify", "--json");
		assertEquals(0, exported.code(), exported.toString());
		assertEquals(export.toString(), exported.json().getAsJsonObject().get("path").getAsString());

		CliRunner.Result verified = cli.run("verify", export.toString(), "--json");
		assertEquals(0, verified.code(), verified.toString());
		assertTrue(verified.json().getAsJsonObject().get("complete").getAsBoolean());

		CliRunner.Result imported = cli.run("import", export.toString(), "--host", "qemu-b", "--new-identity", "--name", "copy", "--json");
		assertEquals(0, imported.code(), imported.toString());
		String uuid = imported.json().getAsJsonObject().get("uuid").getAsString();
		JsonObject copy = vm("copy");
		assertNotNull(copy);
		assertEquals(uuid, copy.get("uuid").getAsString());
		assertEquals("qemu-b", copy.get("host").getAsString());
		assertFalse(uuid.equals(vm("source").get("uuid").getAsString()), "a new identity");
		assertEquals(Commands.sha256(disk), Commands.sha256(qemuB.images().resolve("copy.img")), "the same bytes on qemu-b");

		CliRunner.Result twice = cli.run("import", export.toString(), "--host", "qemu-b", "--new-identity", "--name", "copy");
		assertEquals(ExitCodes.REFUSED, twice.code(), twice.toString());
		assertTrue(twice.err().contains("copy"), twice.err());
	}

	@Test
	void ctrlCStopsAnExportThatThenNeverVerifiesAndRunningItAgainResumes() throws Exception {
		define("big", 192);
		Path export = dir.resolve("big");
		AtomicReference<Session> running = new AtomicReference<>();
		CompletableFuture<CliRunner.Result> first = CompletableFuture
				.supplyAsync(() -> cli.run("", Session.Console.NONE, running::set, "export", "big", export.toString()));
		Wait.until("the export writing its disk", () -> written(export) > 8 << 20 || first.isDone(), Duration.ofSeconds(60));
		assertTrue(running.get().cancel(60), "the export stopped within a minute");
		CliRunner.Result cancelled = first.get();
		assertEquals(ExitCodes.CANCELLED, cancelled.code(), cancelled.toString());
		assertFalse(Files.exists(export.resolve("manifest.txt")), "no manifest: the export is visibly incomplete");
		CliRunner.Result verify = cli.run("verify", export.toString());
		assertEquals(ExitCodes.FAILED, verify.code(), verify.toString());

		CliRunner.Result resumed = cli.run("export", "big", export.toString());
		assertEquals(0, resumed.code(), resumed.toString());
		assertEquals(0, cli.run("verify", export.toString()).code());
	}

	@Test
	void aShutOffVmMovesToTheOtherHostOffline() throws Exception {
		Path disk = define("mover", 4);
		String sum = Commands.sha256(disk);
		CliRunner.Result moved = cli.run("migrate", "mover", "qemu-b", "--offline", "--json");
		assertEquals(0, moved.code(), moved.toString());
		JsonObject result = moved.json().getAsJsonObject();
		assertEquals("qemu-a", result.get("from").getAsString());
		assertEquals("qemu-b", result.get("to").getAsString());
		assertEquals("offline", result.get("mode").getAsString());
		assertEquals("qemu-b", vm("mover").get("host").getAsString());
		try (Stream<Path> files = Files.list(qemuB.images())) {
			List<Path> copies = files.filter(p -> p.getFileName().toString().startsWith("mover")).toList();
			assertEquals(1, copies.size(), copies.toString());
			assertEquals(sum, Commands.sha256(copies.get(0)));
		}
		CliRunner.Result live = cli.run("migrate", "mover", "qemu-a", "--live");
		assertEquals(ExitCodes.REFUSED, live.code(), live.toString());
		assertTrue(live.err().contains("shut-off"), live.err());
	}

	/** Bytes written into the export folder's files so far. */
	private static long written(Path export) {
		if (!Files.isDirectory(export)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(export)) {
			return files.mapToLong(p -> p.toFile().length()).sum();
		} catch (java.io.IOException e) {
			return 0;
		}
	}

	@Test
	void theSerialConsoleTheScreenAndTheMediaOfARunningVm() throws Exception {
		Path iso = qemuA.images().resolve("tools.iso");
		org.hostdeck.tests.support.libvirt.BootImages.iso(iso);
		qemuA.own(iso);
		Path disk = qemuA.consoleDisk("screen");
		qemuA.virsh("pool-refresh", "images");
		Path xml = dir.resolve("screen.xml");
		Files.writeString(xml, QemuSessionHost.consoleDomainXml("screen", disk));
		qemuA.virsh("define", xml.toString());

		CliRunner.Result off = cli.run("console", "screen");
		assertEquals(ExitCodes.REFUSED, off.code(), off.toString());
		assertTrue(off.err().contains("not running"), off.err());
		assertEquals(0, cli.run("start", "screen").code());

		// what a script pipes in reaches the guest, whose echo comes back on stdout
		CliRunner.Result console = cli.run("hello from the cli\r", Session.Console.NONE, "console", "screen");
		assertEquals(0, console.code(), console.toString());
		assertTrue(console.out().contains("hello from the cli"), console.toString());
		assertTrue(console.err().contains("Ctrl+]"), "the escape key is said: " + console.err());
		// Ctrl+] leaves at once, whatever follows it
		CliRunner.Result escaped = cli.run("x\u001dnot sent\r", Session.Console.NONE, "console", "screen");
		assertEquals(0, escaped.code(), escaped.toString());
		assertFalse(escaped.out().contains("not sent"), escaped.toString());

		Path png = dir.resolve("screen.png");
		CliRunner.Result shot = cli.run("screenshot", "screen", png.toString());
		assertEquals(0, shot.code(), shot.toString());
		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
		assertEquals(720, image.getWidth(), "the guest's 80x25 text screen");

		CliRunner.Result listed = cli.run("media", "screen", "--json");
		assertEquals(0, listed.code(), listed.toString());
		assertEquals("hdc", listed.json().getAsJsonObject().getAsJsonArray("drives").get(0).getAsJsonObject().get("target").getAsString());
		assertTrue(listed.json().getAsJsonObject().getAsJsonArray("images").toString().contains("images/tools.iso"), listed.toString());
		CliRunner.Result inserted = cli.run("media", "screen", "--insert", "images/tools.iso");
		assertEquals(0, inserted.code(), inserted.toString());
		assertTrue(qemuA.virsh("dumpxml", "screen").contains(iso.toString()), "in the running VM");
		CliRunner.Result bad = cli.run("media", "screen", "--insert", "tools.iso");
		assertEquals(ExitCodes.BAD_INPUT, bad.code(), bad.toString());
		CliRunner.Result missing = cli.run("media", "screen", "--insert", "images/nothing.iso");
		assertEquals(ExitCodes.FAILED, missing.code(), missing.toString());
		assertTrue(missing.err().contains("no volume 'nothing.iso'"), missing.err());
		CliRunner.Result ejected = cli.run("media", "screen", "--eject");
		assertEquals(0, ejected.code(), ejected.toString());
		assertFalse(qemuA.virsh("dumpxml", "screen").contains(iso.toString()), "ejected");

		// an ISO of this computer, copied into the host on request and inserted
		Path local = dir.resolve("drivers.iso");
		org.hostdeck.tests.support.libvirt.BootImages.iso(local);
		CliRunner.Result uploaded = cli.run("media", "screen", "--upload", local.toString(), "--pool", "images");
		assertEquals(0, uploaded.code(), uploaded.toString());
		Path copied = qemuA.images().resolve("drivers.iso");
		assertEquals(Commands.sha256(local), Commands.sha256(copied), "the host's copy is the file byte for byte");
		assertTrue(qemuA.virsh("dumpxml", "screen").contains("<source file='" + copied + "'"), "and in the running VM's drive");
		CliRunner.Result again = cli.run("media", "screen", "--upload", local.toString(), "--pool", "images");
		assertEquals(ExitCodes.FAILED, again.code(), again.toString());
		assertTrue(again.err().contains("has a volume 'drivers.iso' already"), again.err());
		CliRunner.Result unreadable = cli.run("media", "screen", "--upload", dir.resolve("none.iso").toString());
		assertEquals(ExitCodes.FAILED, unreadable.code(), unreadable.toString());
		assertTrue(unreadable.err().contains("none.iso cannot be read (no such file)"), unreadable.err());
		assertFalse(qemuA.virsh("vol-list", "images").contains("none.iso"), "nothing made for a refused upload");
		assertEquals(0, cli.run("destroy", "screen").code());
	}
}
