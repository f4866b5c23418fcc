package org.secondopinion.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.secondopinion.infra.Ports;

import java.util.List;

/**
 * The local mail server: notification-service delivers e-mail to it over real SMTP, and people read it over
 * IMAP (log in as the recipient address, any password). Runs in the launcher's JVM, bound to 127.0.0.1.
 */
public final class LocalMail implements AutoCloseable {

    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;

    private LocalMail(GreenMail server, int smtpPort, int imapPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Starts SMTP and IMAP; a port of 0 means any free one. */
    public static LocalMail start(int smtpPort, int imapPort) {
        int smtp = smtpPort == 0 ? Ports.free() : smtpPort;
        int imap = imapPort == 0 ? Ports.free() : imapPort;
        GreenMail server = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtp, Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, Ports.LOOPBACK, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return new LocalMail(server, smtp, imap);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Every message received so far. */
    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    @Override
    public void close() {
        server.stop();
    }
}
