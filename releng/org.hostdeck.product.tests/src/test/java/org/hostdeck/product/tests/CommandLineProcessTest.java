package org.hostdeck.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hostdeck.tests.support.Commands;
import org.hostdeck.tests.support.Wait;
import org.hostdeck.tests.support.libvirt.QemuSessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's {@code hostdeck} script run as a shell runs it: each command its own Java process
 * on the product's bundles, with its own workspace. An export process killed outright (SIGKILL) at
 * several points never leaves an export that verifies; run again, it resumes and the result is the
 * VM's disk byte for byte. Ctrl-C (SIGINT) cancels cleanly and exits 130.
 */
class CommandLineProcessTest {

	/** What one finished command did. */
	record Result(int code, String out, String err) {
		@Override
		public String toString() {
			return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}
	}

	private final Path product = Path.of(System.getProperty("hostdeck.product", "missing"));
	private Path work;
	private int processes;
	private QemuSessionHost qemu;

	@BeforeEach
	void workspace() throws IOException {
		assumeTrue(Files.isExecutable(product.resolve("hostdeck")), "the product is built at " + product);
		Path base = Path.of(System.getProperty("hostdeck.work", System.getProperty("java.io.tmpdir")));
		Files.createDirectories(base);
		work = Files.createTempDirectory(base, "cli-");
	}

	@AfterEach
	void stopHost() throws Exception {
		if (qemu != null) {
			qemu.close();
		}
	}

	private ProcessBuilder hostdeck(String... args) {
		List<String> command = new ArrayList<>();
		command.add(product.resolve("hostdeck").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("HOSTDECK_DATA", work.resolve("workspace").toString());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		int n = ++processes;
		builder.redirectOutput(work.resolve("out-" + n + ".txt").toFile()).redirectError(work.resolve("err-" + n + ".txt").toFile());
		builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		return builder;
	}

	private Result finish(Process process) throws Exception {
		assertTrue(process.waitFor(5, TimeUnit.MINUTES), "hostdeck ended");
		int n = processes;
		return new Result(process.exitValue(), Files.readString(work.resolve("out-" + n + ".txt")),
				Files.readString(work.resolve("err-" + n + ".txt")));
	}

	private Result run(String... args) throws Exception {
		return finish(hostdeck(args).start());
	}

	/** Runs with {@code stdin} on standard input and the master password file {@code master} (null: none). */
	private Result runWith(Path master, String stdin, String... args) throws Exception {
		ProcessBuilder builder = hostdeck(args);
		if (master != null) {
			builder.environment().put("HOSTDECK_MASTER_PASSWORD_FILE", master.toString());
		}
		Path in = work.resolve("in-" + processes + ".txt");
		Files.writeString(in, stdin);
		builder.redirectInput(in.toFile());
		return finish(builder.start());
	}

	@Test
	void processesShareTheSecureStorageUnderItsMasterPassword() throws Exception {
		Path right = Files.writeString(work.resolve("master"), "correct horse battery\n");
		Path wrong = Files.writeString(work.resolve("wrong-master"), "wrong horse\n");
		Result first = runWith(right, "Sup3r-s3cret\n", "hosts", "add", "qemu+ssh://admin@hv1/system", "--no-connect", "--user", "admin", "--password-stdin");
		assertEquals(0, first.code(), first.toString());
		Path storage = work.resolve("workspace/.metadata/.plugins/org.hostdeck.core/secure_storage");
		assertTrue(Files.exists(storage), "HostDeck's storage beside the inventory");
		assertFalse(Files.readString(storage, java.nio.charset.StandardCharsets.ISO_8859_1).contains("Sup3r-s3cret"), "encrypted");

		// another process with another master password cannot unlock what the first one made
		Result refused = runWith(wrong, "0ther-s3cret\n", "hosts", "add", "qemu+ssh://admin@hv2/system", "--no-connect", "--user", "admin", "--password-stdin");
		assertEquals(1, refused.code(), refused.toString());
		assertTrue(refused.err().contains("Secure Storage stayed locked (the master password given was wrong), so the password could not be encrypted "
				+ "and was not kept. The host was not added."), refused.err());
		// nor one with nobody to ask (no terminal, no file)
		Result nobody = runWith(null, "0ther-s3cret\n", "hosts", "add", "qemu+ssh://admin@hv2/system", "--no-connect", "--user", "admin", "--password-stdin");
		assertEquals(1, nobody.code(), nobody.toString());
		assertTrue(nobody.err().contains("nobody here to give its master password"), nobody.err());
		assertFalse(nobody.out().contains("No password was found"), "nothing about clear text: " + nobody.out());
		// the right one does: it checks against what the first process encrypted
		Result again = runWith(right, "0ther-s3cret\n", "hosts", "add", "qemu+ssh://admin@hv2/system", "--no-connect", "--user", "admin", "--password-stdin");
		assertEquals(0, again.code(), again.toString());
		Result hosts = run("hosts", "--offline", "--json");
		assertTrue(hosts.out().contains("hv1") && hosts.out().contains("hv2"), hosts.out());
		String file = Files.readString(storage, java.nio.charset.StandardCharsets.ISO_8859_1);
		assertFalse(file.contains("Sup3r-s3cret") || file.contains("0ther-s3cret"), "no password in clear");
		for (Path f : Files.walk(work).filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("in-")).toList()) {
			assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("s3cret"), "no password in " + f);
		}
	}

	@Test
	void theLauncherRunsCommandsWithTheirExitCodes() throws Exception {
		Result help = run("--help");
		assertEquals(0, help.code(), help.toString());
		assertTrue(help.out().startsWith("Usage: hostdeck") && help.out().contains("Exit codes:"), help.out());
		// --help and --version are answered without the framework: the same text, the product's own version
		Result version = run("--version");
		assertEquals(0, version.code(), version.toString());
		assertTrue(version.out().matches("HostDeck \\d+\\.\\d+\\.\\d+\\R"), version.out());
		Result helpCommand = run("help");
		assertEquals(help.out(), helpCommand.out(), "the framework's help is the fast path's");
		Result bad = run("vms", "--colour");
		assertEquals(2, bad.code(), bad.toString());
		assertTrue(bad.err().contains("Unknown option"), bad.err());
		Result added = run("hosts", "add", "test:///default");
		assertEquals(0, added.code(), added.toString());
		Result vms = run("vms", "--json");
		assertEquals(0, vms.code(), vms.toString());
		assertTrue(vms.out().trim().startsWith("[") && vms.out().contains("\"name\": \"test\""), vms.out());
		Result missing = run("start", "nope");
		assertEquals(3, missing.code(), missing.toString());
	}

	/** A shut-off VM {@code big} on a real QEMU host, known to the workspace; returns its disk. */
	private Path bigVm() throws Exception {
		assumeTrue(QemuSessionHost.available(), "needs libvirt-daemon, qemu-system-x86, qemu-utils and root");
		qemu = QemuSessionHost.start(7);
		qemu.startImagesPool();
		Path disk = qemu.dataDisk("big", 160, 11);
		qemu.virsh("pool-refresh", "images");
		Path xml = work.resolve("big.xml");
		Files.writeString(xml, QemuSessionHost.domainXml("big", disk, "raw"));
		qemu.virsh("define", xml.toString());
		Result added = run("hosts", "add", qemu.uri(), "--name", "qemu");
		assertEquals(0, added.code(), added.toString());
		return disk;
	}

	@Test
	void anExportKilledAtAnyPointNeverVerifiesAndResumesToTheSameBytes() throws Exception {
		Path disk = bigVm();
		Path export = work.resolve("exports/big");
		long[] killAt = { 1, 12 << 20, 40 << 20, 80 << 20 };
		long before = 0;
		for (long at : killAt) {
			Process process = hostdeck("export", "big", export.toString(), "--quiet").start();
			Wait.until("the export to write " + at + " bytes", () -> written(export) >= at || !process.isAlive(), Duration.ofSeconds(120));
			process.destroyForcibly(); // SIGKILL: the script execs java, so this is the export process itself
			Result killed = finish(process);
			if (killed.code() == 0) {
				break; // it finished before this point: nothing more to interrupt
			}
			assertEquals(137, killed.code(), "killed by SIGKILL: " + killed);
			assertFalse(Files.exists(export.resolve("manifest.txt")), "a killed export has no manifest");
			Result verify = run("verify", export.toString());
			assertEquals(1, verify.code(), "a killed export never verifies: " + verify);
			assertTrue(verify.err().contains("manifest"), verify.err());
			long now = written(export);
			assertTrue(now >= before, "each run goes on from where the last stopped");
			before = now;
		}
		Result resumed = run("export", "big", export.toString(), "--quiet");
		assertEquals(0, resumed.code(), resumed.toString());
		Result verify = run("verify", export.toString());
		assertEquals(0, verify.code(), verify.toString());

		Result copy = run("import", export.toString(), "--host", "qemu", "--new-identity", "--name", "copy", "--quiet");
		assertEquals(0, copy.code(), copy.toString());
		assertEquals(Commands.sha256(disk), Commands.sha256(qemu.images().resolve("copy.img")),
				"the export, killed four times and resumed, holds the VM's disk exactly");
	}

	@Test
	void ctrlCCancelsAnExportCleanlyWithExitCode130() throws Exception {
		bigVm();
		Path export = work.resolve("exports/interrupted");
		Process process = hostdeck("export", "big", export.toString()).start();
		Wait.until("the export to write its disk", () -> written(export) > 8 << 20 || !process.isAlive(), Duration.ofSeconds(120));
		assumeTrue(process.isAlive(), "the export outran the test");
		Commands.run("kill", "-INT", Long.toString(process.pid()));
		Result interrupted = finish(process);
		assertEquals(130, interrupted.code(), interrupted.toString());
		assertTrue(interrupted.err().contains("cancelled"), interrupted.err());
		assertFalse(Files.exists(export.resolve("manifest.txt")));
		assertNotEquals(0, run("verify", export.toString()).code());
		// the host is as it was: only the VM's own disk in its pool
		try (Stream<Path> files = Files.list(qemu.images())) {
			assertEquals(List.of("big.raw"), files.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	/** Bytes written into the export folder's files so far. */
	private static long written(Path export) {
		if (!Files.isDirectory(export)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(export)) {
			return files.mapToLong(p -> p.toFile().length()).sum();
		} catch (IOException e) {
			return 0;
		}
	}
}
