package org.secondopinion.gateway;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic bodies shared by the test upstreams and the tests, so both sides agree without talking. */
final class TestPayloads {

    static final int FIVE_MB = 5 * 1024 * 1024;
    static final int TWENTY_MB = 20 * 1024 * 1024;

    private TestPayloads() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
