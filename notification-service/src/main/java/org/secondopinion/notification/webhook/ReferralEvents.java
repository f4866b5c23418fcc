package org.secondopinion.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.MalformedEventException;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseReferred;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which events a referring clinic hears about, read into what they mean for the referral: created, claimed by the
 * patient, or a new case status. Plain Java (the mapper is passed in) so the mapping is unit-tested directly.
 * Whether the case is a referral at all, and whether the status is news, is {@link ClinicReferral}'s call.
 */
public final class ReferralEvents {

    public static final String REFERRAL_CREATED = "referral.created";
    public static final String REFERRAL_CLAIMED = "referral.claimed";
    public static final String REFERRAL_STATUS_CHANGED = "referral.status-changed";
    /** The patient booked a live consult with the specialist: the status only, never its time, link or notes. */
    public static final String REFERRAL_CONSULT_BOOKED = "referral.consult-booked";
    /** Every kind of callback a clinic can subscribe a webhook to. */
    public static final java.util.List<String> KINDS = java.util.List.of(REFERRAL_CREATED, REFERRAL_CLAIMED,
            REFERRAL_STATUS_CHANGED, REFERRAL_CONSULT_BOOKED);

    /** The case status each event leaves the case in (DESIGN §4); events not listed change no status. */
    static final Map<String, String> STATUS_AFTER = Map.of(
            EventTypes.CASE_SUBMITTED, "SUBMITTED",
            EventTypes.MATCH_ASSIGNED, "ASSIGNED",
            EventTypes.MATCH_FAILED, "UNMATCHED",
            EventTypes.CASE_INFORMATION_REQUESTED, "AWAITING_INFORMATION",
            EventTypes.CASE_INFORMATION_PROVIDED, "IN_REVIEW",
            EventTypes.CASE_OPINION_DELIVERED, "OPINION_DELIVERED",
            EventTypes.CASE_CLOSED, "CLOSED",
            EventTypes.CASE_CANCELLED, "CANCELLED");

    /** What an event means for a referral. */
    public sealed interface Update permits Referred, Claimed, StatusChanged, ConsultBooked {
        UUID caseId();
    }

    /** {@code case.referred}: the case is a clinic's referral, in {@code referral.status()}. */
    public record Referred(CaseReferred referral) implements Update {
        @Override
        public UUID caseId() {
            return referral.caseId();
        }
    }

    /** {@code case.claimed}: the patient took the case into their account; the case is in {@code status}. */
    public record Claimed(UUID caseId, String status) implements Update {
    }

    /** Any event that moves a case to {@code status}. */
    public record StatusChanged(UUID caseId, String status) implements Update {
    }

    /** {@code consult.booked}: a live consult was booked; the case status does not change. */
    public record ConsultBooked(UUID caseId) implements Update {
    }

    private final ObjectMapper mapper;

    public ReferralEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What {@code event} means for a referral, or empty for events no clinic hears about (offers, ratings, …). */
    public Optional<Update> read(EventEnvelope event) {
        if (EventTypes.CASE_REFERRED.equals(event.type())) {
            CaseReferred referred = event.dataAs(CaseReferred.class, mapper);
            require(event, referred.caseId() != null && referred.referralId() != null
                    && notBlank(referred.clinicId()) && notBlank(referred.reference()) && notBlank(referred.status()),
                    "caseId, referralId, clinicId, reference and status");
            return Optional.of(new Referred(referred));
        }
        if (EventTypes.CASE_CLAIMED.equals(event.type())) {
            CaseClaimed claimed = event.dataAs(CaseClaimed.class, mapper);
            require(event, claimed.caseId() != null && notBlank(claimed.status()), "caseId and status");
            return Optional.of(new Claimed(claimed.caseId(), claimed.status()));
        }
        if (EventTypes.CONSULT_BOOKED.equals(event.type())) {
            return Optional.of(new ConsultBooked(caseId(event)));
        }
        String status = STATUS_AFTER.get(event.type());
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(new StatusChanged(caseId(event), status));
    }

    /** Every status-changing payload carries {@code caseId}; reading just that keeps this tolerant of the rest. */
    private static UUID caseId(EventEnvelope event) {
        JsonNode id = event.data().get("caseId");
        try {
            return UUID.fromString(id == null ? "" : id.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type()
                    + " has no valid caseId");
        }
    }

    private static void require(EventEnvelope event, boolean ok, String fields) {
        if (!ok) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type() + " lacks " + fields);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
