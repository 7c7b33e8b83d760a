package org.hostdeck.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.InventoryStore;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Runs {@code hostdeck} commands the way the launcher does, one fresh {@link Session} per command
 * (as one process per command), on a workspace of the test's own: its inventory file and an
 * encrypted Secure Storage file.
 */
final class CliRunner {

	/** What one command did: exit code, stdout, stderr. */
	record Result(int code, String out, String err) {
		JsonElement json() {
			return JsonParser.parseString(out);
		}

		@Override
		public String toString() {
			return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}
	}

	final InventoryStore store;
	final CredentialStore credentials;
	volatile Session current;

	CliRunner(Path dir) throws Exception {
		store = new InventoryStore(dir.resolve("inventory.bin"));
		credentials = new CredentialStore(SecurePreferencesFactory.open(dir.resolve("secure_storage").toUri().toURL(),
				Map.of(IProviderHints.PROMPT_USER, Boolean.FALSE, IProviderHints.DEFAULT_PASSWORD,
						new PBEKeySpec("hostdeck-cli-tests-master".toCharArray()))));
	}

	Result run(String... args) {
		return run("", Session.Console.NONE, args);
	}

	/** Runs with {@code stdin} on standard input and {@code console} as the terminal. */
	Result run(String stdin, Session.Console console, String... args) {
		return run(stdin, console, s -> {
		}, args);
	}

	/** Runs, handing the session to {@code started} first (a test may cancel it from another thread). */
	Result run(String stdin, Session.Console console, Consumer<Session> started, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Session session = new Session(store, credentials, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				console, false);
		current = session;
		started.accept(session);
		int code = HostDeckCli.execute(session, args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}
