package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.ObjectVisibility;

import java.util.UUID;

/**
 * Which webhooks a clinic may see, for the operations under {@code /api/v1/webhooks/{id}} ({@code @ScopedTo}): its
 * own live ones. A clinic token without {@code clinic_id} is refused (403) here already, as the operations would.
 * Asked before the request is judged, so another clinic's webhook is 404 whatever the request (DESIGN §3).
 */
@ApplicationScoped
public class WebhookVisibility implements ObjectVisibility {

    public static final String WEBHOOK = "webhook";

    private final WebhookRepository repository;

    public WebhookVisibility(WebhookRepository repository) {
        this.repository = repository;
    }

    @Override
    public String kind() {
        return WEBHOOK;
    }

    @Override
    public boolean visible(UUID id, CurrentUser user) {
        return repository.findLive(WebhookService.clinicId(user), id).isPresent();
    }
}
