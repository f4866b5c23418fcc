package org.secondopinion.notification.delivery;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.delivery.email.EmailSender;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EmailTemplatesTest {

    @Inject
    EmailSender email;

    @Test
    void everyKindHasAnEmailThatNamesOnlyTheReferenceAndTheSignInLink() {
        for (NotificationKind kind : NotificationKind.values()) {
            // the stored text carries clinical words here on purpose: templates must not print it
            Delivery delivery = new Delivery(UUID.randomUUID(), "e-" + kind, "t", "patient1", Channel.EMAIL, kind,
                    "SO-2026-000777", "M51.26 63030 Dr. Maya Okafor", List.of("p@example.org"), Instant.now(),
                    Instant.now());

            assertThat(email.subject(delivery)).as(kind.name()).isEqualTo("Second Opinion: news about case SO-2026-000777");
            assertThat(email.body(delivery)).as(kind.name())
                    .contains("SO-2026-000777", "http://127.0.0.1:8080")
                    .doesNotContain("M51.26", "63030", "Okafor", "{", "}");
        }
    }
}
