package org.hostdeck.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger of what failed operations left on hosts outlives the program that wrote it. */
class LeftoverLedgerTest {

	@TempDir
	Path dir;

	@Test
	void whatIsWrittenDownIsReadByTheNextRunUntilItIsForgotten() throws Exception {
		Path file = dir.resolve("state/leftovers.txt");
		LeftoverLedger first = new LeftoverLedger(file);
		first.record("qemu+ssh://root@b/system", "images", "web.raw", "Migrate web from a to b");
		first.record("qemu+ssh://root@b/system", "images", "web\tdata.qcow2", "Migrate web from a to b");
		first.record("qemu:///system", "default", "db.img", "Import db to a");
		first.recordVm("qemu:///system", "8f1c2a4e-0000-4000-8000-000000000001", "Import db to a");

		LeftoverLedger next = new LeftoverLedger(file); // a new workbench on the same workspace
		List<LeftoverLedger.Entry> onB = next.forHost("qemu+ssh://root@b/system");
		assertEquals(List.of("images/web.raw", "images/web data.qcow2"), onB.stream().map(e -> e.pool() + "/" + e.volume()).toList());
		assertEquals("Migrate web from a to b", onB.get(0).operation());

		next.forget(onB.get(0));
		Files.writeString(file, Files.readString(file) + "a damaged line\n");
		LeftoverLedger third = new LeftoverLedger(file);
		assertEquals(1, third.forHost("qemu+ssh://root@b/system").size());
		List<LeftoverLedger.Entry> onA = third.forHost("qemu:///system");
		assertEquals(List.of(false, true), onA.stream().map(LeftoverLedger.Entry::vm).toList(), "a volume, then a VM by its UUID");
		assertEquals("8f1c2a4e-0000-4000-8000-000000000001", onA.get(1).volume());
	}
}
