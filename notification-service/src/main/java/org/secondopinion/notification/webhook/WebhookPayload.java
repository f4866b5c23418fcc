package org.secondopinion.notification.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.UUID;

/**
 * The JSON body a clinic receives. Ids, references and the status only: no diagnosis, procedure, names or opinion
 * (the clinic reads more through {@code GET /api/v1/referrals/{id}}, which checks who is asking).
 *
 * @param id         the delivery id, also sent as {@code X-Webhook-Id}: the same on every retry, so receivers
 *                   can drop duplicates
 * @param occurredAt when the event happened (ISO-8601 UTC), not when it was sent
 */
@JsonPropertyOrder({"id", "type", "occurredAt", "data"})
public record WebhookPayload(UUID id, String type, String occurredAt, Data data) {

    @JsonPropertyOrder({"referralId", "clinicReference", "caseReference", "status", "claimed"})
    public record Data(UUID referralId, String clinicReference, String caseReference, String status,
                       boolean claimed) {
    }

    public String toJson(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
