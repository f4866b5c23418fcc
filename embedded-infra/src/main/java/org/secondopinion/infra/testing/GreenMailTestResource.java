package org.secondopinion.infra.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;
import org.secondopinion.infra.Ports;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port for the whole test JVM; the mailer is pointed at it. */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail smtp;
    private static volatile ServerSetup setup;

    @Override
    public synchronized Map<String, String> start() {
        if (smtp == null) {
            setup = new ServerSetup(Ports.free(), Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP);
            smtp = new GreenMail(setup);
            smtp.start();
        }
        return Map.of("quarkus.mailer.host", Ports.LOOPBACK,
                "quarkus.mailer.port", String.valueOf(setup.getPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public synchronized void stop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** Every message the server received so far, addressed to {@code to}. */
    public static List<MimeMessage> mailTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Plays an SMTP outage: the server is down (connections refused) while {@code during} runs. */
    public static synchronized void outage(Runnable during) {
        smtp.stop();
        try {
            during.run();
        } finally {
            smtp = new GreenMail(setup);
            smtp.start();
        }
    }
}
