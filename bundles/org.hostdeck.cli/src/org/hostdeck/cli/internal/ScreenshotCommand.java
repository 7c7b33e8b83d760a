package org.hostdeck.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.model.VirtualMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hostdeck screenshot VM FILE.png}: the running VM's screen, taken by its hypervisor. */
@Command(name = "screenshot", description = "Save a running VM's screen as a PNG image, taken by its hypervisor (no viewer needed).")
final class ScreenshotCommand extends CliCommand {

	@Parameters(index = "0", paramLabel = "VM", description = "VM name or UUID.")
	String vm;

	@Parameters(index = "1", paramLabel = "FILE", description = "The PNG file to write.")
	Path file;

	@Option(names = "--host", description = "The host the VM is on (when its name is not unique).")
	String host;

	@Override
	int run() throws CliException {
		VirtualMachine found = session.vm(vm, host);
		String uuid = session.service().query(i -> found.getUuid());
		byte[] png;
		try {
			png = session.service().session(found).connection().consoles().screenshot(uuid);
		} catch (DriverException e) {
			throw new CliException(e.reason() == DriverException.Reason.INVALID_STATE ? ExitCodes.REFUSED : ExitCodes.FAILED, e.getMessage());
		}
		try {
			Files.write(file, png);
		} catch (IOException e) {
			throw new CliException(ExitCodes.FAILED, "Cannot write " + file + ": " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		session.out.println("Saved the screen of " + vm + " to " + file + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return ExitCodes.OK;
	}
}
