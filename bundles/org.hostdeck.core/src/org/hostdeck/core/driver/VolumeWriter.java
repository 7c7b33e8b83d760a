package org.hostdeck.core.driver;

/**
 * One stream into a volume from its first byte on, in order: data, and holes (runs of zeros that
 * are not sent; the volume reads zeros there). {@link #finish} completes it; closing it unfinished
 * aborts it (the volume then holds partial data: callers delete it).
 */
public interface VolumeWriter extends AutoCloseable {

	/** The next {@code length} bytes: those of {@code data} from index {@code offset}. */
	void write(byte[] data, int offset, int length) throws DriverException;

	/** The next {@code length} bytes are zeros. */
	void hole(long length) throws DriverException;

	/** Completes the stream: everything written is in the volume. */
	void finish() throws DriverException;

	/** Aborts the stream unless it was finished, and frees it. */
	@Override
	void close();
}
