package org.secondopinion.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import org.secondopinion.infra.Ports;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local mail server: notification-service delivers e-mail to it over real SMTP, and people read it over
 * IMAP (log in as the recipient address, any password). Runs in the launcher's JVM, bound to 127.0.0.1.
 * <p>
 * GreenMail keeps every message in memory, so each mailbox keeps only its newest {@link #KEPT_PER_MAILBOX} messages
 * (as Mailpit keeps its newest 500): a benchmark that sends one patient tens of thousands of e-mails would otherwise
 * grow the launcher's heap for as long as the stack runs, and its collections would take CPU from the platform.
 */
public final class LocalMail implements AutoCloseable {

    static final int KEPT_PER_MAILBOX = 500;
    private static final Flags DELETED = new Flags(Flags.Flag.DELETED);

    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;
    private final ScheduledExecutorService trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-trimmer");
        t.setDaemon(true);
        return t;
    });

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
        LocalMail mail = new LocalMail(server, smtp, imap);
        mail.trimmer.scheduleWithFixedDelay(() -> mail.trim(KEPT_PER_MAILBOX), 10, 10, TimeUnit.SECONDS);
        return mail;
    }

    /** Deletes all but the newest {@code kept} messages of every mailbox. */
    void trim(int kept) {
        try {
            for (MailFolder folder : server.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                long[] uids = folder.getMessageUids();
                if (uids.length <= kept) {
                    continue;
                }
                Arrays.sort(uids); // UIDs grow with each message appended
                for (int i = 0; i < uids.length - kept; i++) {
                    folder.setFlags(DELETED, true, uids[i], null, false);
                }
                folder.expunge();
            }
        } catch (FolderException | RuntimeException e) {
            // a mailbox changed under us: the next round trims it. Only the exception's type is printed, since its
            // message may name a mailbox, which is a person's address
            System.err.println("mail: mailboxes not trimmed this round (" + e.getClass().getSimpleName() + ")");
        }
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
        trimmer.shutdownNow();
        server.stop();
    }
}
