package org.secondopinion.platform.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpiTest {

    @Test
    void acceptsNpisWithCorrectCheckDigit() {
        assertThat(Npi.isValid("1234567893")).isTrue(); // the CMS worked example
        assertThat(Npi.isValid("1245319599")).isTrue();
        assertThat(Npi.isValid("1003000126")).isTrue();
    }

    @Test
    void rejectsWrongCheckDigitAndMalformedNumbers() {
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("1245319598")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("12345678930")).isFalse();
        assertThat(Npi.isValid("12345678a3")).isFalse();
        assertThat(Npi.isValid(" 1234567893")).isFalse();
        assertThat(Npi.isValid(null)).isFalse();
    }

    @Test
    void everySingleDigitTypoIsCaught() {
        String valid = "1234567893";
        for (int pos = 0; pos < 10; pos++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != valid.charAt(pos)) {
                    String typo = valid.substring(0, pos) + d + valid.substring(pos + 1);
                    assertThat(Npi.isValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Test
    void completesNineDigitsToAValidNpi() {
        assertThat(Npi.withCheckDigit("123456789")).isEqualTo("1234567893");
        assertThat(Npi.isValid(Npi.withCheckDigit("170001000"))).isTrue();
        assertThatThrownBy(() -> Npi.withCheckDigit("12345")).isInstanceOf(IllegalArgumentException.class);
    }
}
