package org.secondopinion.notification.webhook;

import org.secondopinion.platform.problem.DomainException;

import java.util.Map;

/** A refused webhook request: a clinic token without a {@code clinic_id} (403), the per-clinic limit reached (409). */
public class WebhookProblem extends DomainException {

    private final Map<String, Object> extensions;

    public WebhookProblem(int status, String title, String detail, Map<String, Object> extensions) {
        super(status, title, detail);
        this.extensions = Map.copyOf(extensions);
    }

    static WebhookProblem noClinic() {
        return new WebhookProblem(403, "Forbidden",
                "this token has no clinic_id claim: ask us to set up your client as a partner clinic", Map.of());
    }

    static WebhookProblem tooMany(int limit) {
        return new WebhookProblem(409, "Conflict", "a clinic may register at most " + limit
                + " webhooks: delete one you no longer use first", Map.of("limit", limit));
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
