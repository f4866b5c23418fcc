package org.secondopinion.notification.webhook;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Seals short secrets for storage with AES-256-GCM: {@code v1:<base64url(iv || ciphertext || tag)>}, a fresh random
 * 96-bit IV per value and caller-chosen associated data (the row's id), so a sealed value only opens for the row it
 * was sealed for. One current key seals and opens; previous keys only open (rotation), and {@link Opened#stale()}
 * says a value should be sealed again with the current key. Plain Java, no Quarkus.
 */
public final class SecretBox {

    public static final String VERSION = "v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An opened value, and whether it was sealed with a previous key (then seal it again). */
    public record Opened(String plaintext, boolean stale) {

        @Override
        public String toString() {
            return "Opened[stale=" + stale + "]"; // never the plaintext
        }
    }

    /** A value that cannot be opened: damaged, another row's, or sealed with a key we do not hold. */
    public static final class SealException extends RuntimeException {
        SealException(String message) {
            super(message);
        }
    }

    private final SecretKey current;
    private final List<SecretKey> previous;

    public SecretBox(byte[] currentKey, List<byte[]> previousKeys) {
        this.current = key(currentKey);
        List<SecretKey> keys = new ArrayList<>();
        for (byte[] k : previousKeys) {
            keys.add(key(k));
        }
        this.previous = List.copyOf(keys);
    }

    public SecretBox(byte[] currentKey) {
        this(currentKey, List.of());
    }

    /**
     * A key from its base64 text (standard or URL alphabet, padding optional, surrounding blanks ignored), e.g.
     * {@code openssl rand -base64 32}. The message names {@code what} (the variable) but never the value.
     */
    public static byte[] decodeKey(String base64, String what) {
        String text = base64 == null ? "" : base64.strip().replace('-', '+').replace('_', '/');
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64 (expected the base64 of 32 random bytes,"
                    + " e.g. `openssl rand -base64 32`)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be the base64 of exactly 32 bytes (AES-256), got "
                    + key.length + " bytes (e.g. `openssl rand -base64 32`)");
        }
        return key;
    }

    /** Whether {@code stored} is in a sealed format (anything else is not ours to open). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION);
    }

    /** Seals {@code plaintext} with the current key, bound to {@code associatedData}; different every call. */
    public String seal(String plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    /**
     * Opens a value {@link #seal} made for the same {@code associatedData}, with the current key or else a previous
     * one. Throws {@link SealException} (without the value in its message) when no key opens it.
     */
    public Opened open(String stored, byte[] associatedData) {
        if (!isSealed(stored)) {
            throw new SealException("not a sealed value (no " + VERSION + " prefix)");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SealException("sealed value is not base64url");
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealException("sealed value is too short");
        }
        String plaintext = tryOpen(current, raw, associatedData);
        if (plaintext != null) {
            return new Opened(plaintext, false);
        }
        for (SecretKey key : previous) {
            plaintext = tryOpen(key, raw, associatedData);
            if (plaintext != null) {
                return new Opened(plaintext, true);
            }
        }
        throw new SealException("sealed value does not open: damaged, moved from another row, or sealed with a key"
                + " that is neither the current nor a previous one");
    }

    /** The plaintext, or null when this key (or the associated data) does not match: GCM's tag says which. */
    private static String tryOpen(SecretKey key, byte[] raw, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    private static SecretKey key(byte[] bytes) {
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        return new SecretKeySpec(bytes.clone(), "AES");
    }
}
