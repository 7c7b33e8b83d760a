package org.hostdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hostdeck.tests.support.libvirt.TestHostFile;

/**
 * Issue 27's figures: the {@code hostdeck} command line as whole processes, against {@code virsh}
 * on the same libvirt test hosts in the same run (median of five each): {@code --version},
 * {@code --help}, {@code vms --json} on a host of 20 domains and on one of 2,000, against
 * {@code virsh list --all} and, for the big host, {@code list --all} plus {@code dumpxml} of every
 * domain in one virsh process (what {@code vms --json} tells: each VM's definition).
 * <p>
 * {@code releng/benchmarks/run-cli-benchmark.sh}; needs a built product and libvirt-clients.
 */
public final class CliBenchmark {

	private static final int RUNS = 5;

	private CliBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path product = Path.of(args[0]);
		Path work = Files.createTempDirectory("hostdeck-cli-bench");
		String small = new TestHostFile("small").vms("vm", 20).writeTo(Files.createDirectories(work.resolve("small")));
		String big = new TestHostFile("big").cpu(2, 16, 2, 2600).memoryGiB(4096).vms("vm", 2000).writeTo(Files.createDirectories(work.resolve("big")));
		String hostdeck = product.resolve("hostdeck").toString();
		List<String> env = List.of("HOSTDECK_DATA=" + work.resolve("workspace"));
		run(env, hostdeck, "hosts", "add", "--name=small", small);
		run(env, hostdeck, "hosts", "add", "--name=big", big);

		List<String> names = new ArrayList<>();
		for (int i = 1; i <= 2000; i++) {
			names.add(String.format("vm-%04d", i));
		}
		String dumpAll = "list --all; " + String.join("; ", names.stream().map(n -> "dumpxml " + n).toList());
		if (!run(List.of(), "virsh", "-q", "-c", big, "list", "--all").contains(names.get(0))) {
			throw new IllegalStateException("the big test host does not name its domains " + names.get(0) + "...");
		}

		System.out.printf("%-44s %10s%n", "whole process, median of " + RUNS, "seconds");
		row("hostdeck --version", env, hostdeck, "--version");
		row("hostdeck --help", env, hostdeck, "--help");
		row("hostdeck vms --json --host small (20)", env, hostdeck, "vms", "--json", "--host", "small");
		row("virsh list --all (20)", List.of(), "virsh", "-c", small, "list", "--all");
		row("hostdeck vms --json --host big (2,000)", env, hostdeck, "vms", "--json", "--host", "big");
		row("virsh list --all (2,000)", List.of(), "virsh", "-c", big, "list", "--all");
		row("virsh list --all + 2,000 dumpxml, one process", List.of(), "virsh", "-c", big, dumpAll);
	}

	private static void row(String what, List<String> env, String... command) throws Exception {
		double[] seconds = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			run(env, command);
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		System.out.printf("%-44s %10.2f%n", what, seconds[RUNS / 2]);
	}

	private static String run(List<String> env, String... command) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		for (String e : env) {
			pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
		}
		Process p = pb.start();
		byte[] out = p.getInputStream().readAllBytes();
		if (p.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command).substring(0, Math.min(200, String.join(" ", command).length())) + " failed: "
					+ new String(out));
		}
		return new String(out);
	}
}
