package org.secondopinion.cases.records;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSnifferTest {

    private static String sniff(byte[] bytes) {
        return ContentSniffer.sniff(bytes, bytes.length).orElse("refused");
    }

    @Test
    void recognisesTheAcceptedFormatsByTheirContent() {
        assertThat(sniff("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/pdf");
        assertThat(sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).isEqualTo("image/png");
        assertThat(sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).isEqualTo("image/jpeg");
        byte[] dicom = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        assertThat(sniff(dicom)).isEqualTo("application/dicom");
        assertThat(sniff("MRI report: no acute findings.\r\nNext line — ümlaut".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
    }

    @Test
    void refusesExecutablesArchivesAndBinaryGarbage() {
        assertThat(sniff(new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0})).isEqualTo("refused"); // Windows executable
        assertThat(sniff(new byte[]{'P', 'K', 3, 4, 20, 0})).isEqualTo("refused");           // zip
        assertThat(sniff(new byte[]{0x7F, 'E', 'L', 'F', 2, 1})).isEqualTo("refused");      // ELF
        assertThat(sniff(new byte[]{(byte) 0xC3, 0x28, 'a', 'b'})).isEqualTo("refused");    // invalid UTF-8
        assertThat(sniff(new byte[0])).isEqualTo("refused");
    }

    @Test
    void aTextWhoseLastCharacterIsCutByTheWindowIsStillText() {
        byte[] euro = "price: €".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);
        assertThat(sniff(cut)).isEqualTo("text/plain");
    }

    @Test
    void fileNamesLoseTheirPathsAndControlCharacters() {
        assertThat(DocumentService.safeName("C:\\Users\\me\\scan.pdf")).isEqualTo("scan.pdf");
        assertThat(DocumentService.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DocumentService.safeName("a\"b\nc.txt")).isEqualTo("a_b_c.txt");
        assertThat(DocumentService.safeName("  ")).isEqualTo("record");
    }
}
