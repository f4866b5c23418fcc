import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Second Opinion webhook, as a clinic's receiver should before trusting it.
 * Run: java VerifyWebhookSignature.java <secret> <X-Webhook-Timestamp> <X-Signature> <file with the raw body>
 */
public class VerifyWebhookSignature {

    static boolean verify(String secret, String timestamp, String signature, byte[] body, Instant now) throws Exception {
        // 1. refuse old deliveries: a captured request cannot be replayed later
        if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), now).abs().toMinutes() > 5) {
            return false;
        }
        // 2. HMAC-SHA256 with your webhook's secret over "<timestamp>.<raw body bytes>"
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        // 3. compare in constant time
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        boolean valid = verify(args[0], args[1], args[2], body, Instant.now());
        System.out.println(valid ? "valid" : "INVALID");
        System.exit(valid ? 0 : 1);
    }
}
