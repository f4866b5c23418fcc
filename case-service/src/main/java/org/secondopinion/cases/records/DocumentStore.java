package org.secondopinion.cases.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where record contents live. Today PostgreSQL large objects ({@link PostgresLargeObjectStore}); an S3-compatible
 * store can replace it behind this interface. Contents are streamed both ways, never held whole in memory.
 */
public interface DocumentStore {

    /** What was stored: the reference to read it back, its size and SHA-256 (hex). */
    record Stored(String ref, long size, String sha256) {
    }

    /** Stores the stream's content within the caller's transaction. */
    Stored store(InputStream content) throws IOException;

    /** Writes the content to {@code out}, in chunks, in a transaction of its own. */
    void copyTo(String ref, OutputStream out) throws IOException;

    /** Removes the content within the caller's transaction. */
    void delete(String ref);
}
