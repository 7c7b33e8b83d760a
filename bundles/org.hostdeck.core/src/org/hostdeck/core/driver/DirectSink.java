package org.hostdeck.core.driver;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output a volume download may fill in place: it lends native (direct) memory with room for
 * the next bytes and is told how many arrived. A driver that receives into native memory writes
 * there instead of calling {@link java.io.OutputStream#write}, which saves copying every byte
 * twice (native to array, array to the sink's buffer). Implemented by outputs that are also
 * {@code OutputStream}s, so a driver without this path still works.
 */
public interface DirectSink {

	/** Room for the next bytes: a direct buffer from position 0 to its limit (never empty), lent until {@link #filled}. */
	ByteBuffer room() throws IOException;

	/** {@code n} bytes (at least 1) were put at the start of the last {@link #room}. */
	void filled(int n) throws IOException;
}
