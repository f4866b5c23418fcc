package org.secondopinion.cases.records;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Record contents as PostgreSQL large objects: written in the same transaction as the document row (the JTA
 * transaction's connection, which Agroal hands out again within one transaction), read back in 64 KiB chunks.
 */
@ApplicationScoped
public class PostgresLargeObjectStore implements DocumentStore {

    private static final String PREFIX = "pg-lo:";
    private static final int CHUNK = 64 * 1024;

    private final AgroalDataSource dataSource;

    public PostgresLargeObjectStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Stored store(InputStream content) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = objects.createLO(LargeObjectManager.READWRITE);
            MessageDigest sha256 = sha256();
            long size;
            try (LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
                 OutputStream out = new DigestOutputStream(object.getOutputStream(), sha256)) {
                size = content.transferTo(out);
            }
            return new Stored(PREFIX + oid, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (SQLException e) {
            throw new IOException("could not store the record: " + e.getMessage(), e);
        }
    }

    @Override
    public void copyTo(String ref, OutputStream out) throws IOException {
        long oid = oid(ref);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
                    try (LargeObject object = objects.open(oid, LargeObjectManager.READ)) {
                        byte[] buffer = new byte[CHUNK];
                        int n;
                        while ((n = object.read(buffer, 0, buffer.length)) > 0) {
                            out.write(buffer, 0, n);
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not read record " + ref, e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away mid-download
        }
    }

    @Override
    public void delete(String ref) {
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getLargeObjectAPI().delete(oid(ref));
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete record " + ref, e);
        }
    }

    private static long oid(String ref) {
        if (!ref.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a large-object reference: " + ref);
        }
        return Long.parseLong(ref.substring(PREFIX.length()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
