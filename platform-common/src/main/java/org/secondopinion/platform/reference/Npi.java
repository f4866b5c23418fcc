package org.secondopinion.platform.reference;

/**
 * National Provider Identifier check (CMS): 10 digits whose last one is the Luhn check digit computed over
 * the card-issuer prefix {@code 80840} followed by the first nine digits.
 */
public final class Npi {

    private static final String PREFIX = "80840";

    private Npi() {
    }

    public static boolean isValid(String npi) {
        if (npi == null || !npi.matches("[0-9]{10}")) {
            return false;
        }
        return checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** Completes nine digits to a valid NPI (for generated demo data and tests). */
    public static String withCheckDigit(String nineDigits) {
        if (nineDigits == null || !nineDigits.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("an NPI body has exactly nine digits");
        }
        return nineDigits + checkDigit(nineDigits);
    }

    private static int checkDigit(String nineDigits) {
        String payload = PREFIX + nineDigits;
        int sum = 0;
        // the check digit will be appended on the right, so doubling starts with the payload's last digit
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
