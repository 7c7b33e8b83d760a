package org.hostdeck.core.archive.ova;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.hostdeck.fuzz.Inputs;

/**
 * An OVF descriptor from any tool: read or refused with an {@link IOException} naming the
 * problem; what is read has sane numbers.
 */
public final class OvfFuzzer {

	private OvfFuzzer() {
	}

	public static void fuzzerTestOneInput(byte[] data) {
		Ovf.Vm vm;
		try {
			vm = Ovf.read(new String(data, StandardCharsets.UTF_8));
		} catch (IOException refused) {
			return;
		}
		Inputs.check(vm.vcpus() > 0 && vm.memory() > 0, "a VM of " + vm.vcpus() + " processors and " + vm.memory() + " bytes");
		for (Ovf.Disk disk : vm.disks()) {
			Inputs.check(disk.capacity() > 0, "a disk of " + disk.capacity() + " bytes");
		}
	}
}
