package org.secondopinion.cases.records;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells the type of a record from its first bytes, never from the client's word. Hand-written rather than Apache
 * Tika because we need a short allow-list (PDF, JPEG, PNG, DICOM, plain text), not recognition of a thousand
 * formats: anything else is refused.
 */
public final class ContentSniffer {

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int HEAD = 8192;

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);
    private static final int DICOM_PREAMBLE = 128;

    private ContentSniffer() {
    }

    /** The media type of the content whose first bytes are {@code head}, or empty when it is not one we accept. */
    public static Optional<String> sniff(byte[] head, int length) {
        byte[] h = Arrays.copyOf(head, length);
        if (startsWith(h, PDF, 0)) {
            return Optional.of("application/pdf");
        }
        if (startsWith(h, PNG, 0)) {
            return Optional.of("image/png");
        }
        if (startsWith(h, JPEG, 0)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(h, DICM, DICOM_PREAMBLE)) {
            return Optional.of("application/dicom");
        }
        if (length > 0 && isPlainText(h)) {
            return Optional.of("text/plain");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] h, byte[] magic, int offset) {
        if (h.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (h[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without control characters other than tab, CR, LF and form feed (a cut multi-byte tail is fine). */
    private static boolean isPlainText(byte[] h) {
        for (byte b : h) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        int end = h.length;
        // do not fail on a multi-byte character cut off by the head window
        for (int i = Math.max(0, h.length - 3); i < h.length; i++) {
            if ((h[i] & 0xC0) == 0xC0) {
                end = i;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(h, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
