package org.hostdeck.ide.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An Eclipse installation on disk, started the way its users start it: the launcher jar. */
final class EclipseInstallation {

	/** What one run printed and how it ended. */
	record Run(int exitCode, String output) {
	}

	private final Path home;

	EclipseInstallation(Path home) {
		this.home = home;
	}

	Path home() {
		return home;
	}

	/** Copies {@code base} to {@code target} (replacing an older copy) and returns the copy. */
	static EclipseInstallation copyOf(Path base, Path target) throws IOException {
		if (!Files.isDirectory(base.resolve("plugins"))) {
			throw new IllegalStateException("No Eclipse installation at " + base + ": build releng/org.hostdeck.ide.base first");
		}
		deleteTree(target);
		try (Stream<Path> files = Files.walk(base)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path copy = target.resolve(base.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(copy);
				} else {
					Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		return new EclipseInstallation(target);
	}

	/** Runs {@code application} headless with {@code args}; gives up after 5 minutes. */
	Run run(String application, String... args) throws IOException, InterruptedException {
		Path launcher;
		try (Stream<Path> plugins = Files.list(home.resolve("plugins"))) {
			launcher = plugins.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar"))
					.findFirst().orElseThrow(() -> new IllegalStateException("no launcher jar in " + home));
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", launcher.toString(), "-install", home.toString(), "-data", home.resolve("workspace").toString(),
				"-nosplash", "-consoleLog", "-application", application));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(home.getParent(), "run", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("'" + application + "' did not finish in 5 minutes:\n" + Files.readString(log));
		}
		return new Run(process.exitValue(), Files.readString(log));
	}

	static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
				Files.delete(p);
			}
		}
	}
}
