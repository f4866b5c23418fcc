package org.secondopinion.notification.delivery.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.delivery.Delivery;
import org.secondopinion.notification.delivery.DeliverySender;

/**
 * E-mail over SMTP ({@code quarkus.mailer.*}). Subject and body come from the Qute templates
 * {@code email/subject} and {@code email/<KIND>}: they get the case reference and the sign-in link only, so no
 * clinical detail or name can reach a mailbox.
 */
@ApplicationScoped
public class EmailSender implements DeliverySender {

    private final Mailer mailer;
    private final Engine qute;
    private final String signInUrl;

    public EmailSender(Mailer mailer, Engine qute,
                       @ConfigProperty(name = "so.email.sign-in-url") String signInUrl) {
        this.mailer = mailer;
        this.qute = qute;
        this.signInUrl = signInUrl;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) {
        Mail mail = Mail.withText(delivery.addresses.get(0), subject(delivery), body(delivery));
        mailer.send(mail);
    }

    public String subject(Delivery delivery) {
        return template("email/subject").data("reference", delivery.caseReference)
                .data("kind", delivery.kind.name()).render().strip();
    }

    public String body(Delivery delivery) {
        return template("email/" + delivery.kind.name())
                .data("reference", delivery.caseReference)
                .data("signInUrl", signInUrl)
                .render();
    }

    private Template template(String name) {
        Template template = qute.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("no e-mail template " + name);
        }
        return template;
    }
}
