package org.secondopinion.stack;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.Ports;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local mail server keeps each mailbox's newest messages only, so that its memory does not grow forever. */
class LocalMailTest {

    LocalMail mail;

    @BeforeEach
    void start() {
        mail = LocalMail.start(0, 0);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void eachMailboxKeepsItsNewestMessages() {
        for (int i = 1; i <= 5; i++) {
            send("flooded@example.org", "message " + i);
        }
        send("quiet@example.org", "the only one");

        mail.trim(3);

        assertThat(subjectsTo("flooded@example.org")).containsExactlyInAnyOrder("message 3", "message 4", "message 5");
        assertThat(subjectsTo("quiet@example.org")).containsExactly("the only one");
    }

    private void send(String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "no-reply@second-opinion.local", subject, "body",
                new ServerSetup(mail.smtpPort(), Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
    }

    private List<String> subjectsTo(String address) {
        return mail.received().stream().filter(m -> recipient(m).equals(address)).map(LocalMailTest::subject).toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
