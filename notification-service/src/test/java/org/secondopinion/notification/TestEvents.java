package org.secondopinion.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseInformationRequested;
import org.secondopinion.platform.events.catalog.CaseReferred;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds CloudEvents the way the producing services' outboxes do, and puts them on the test broker. */
public final class TestEvents {

    public static final UUID SPECIALIST1_ID = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private TestEvents() {
    }

    /** A case reference no other test uses. */
    public static String newReference() {
        return "SO-2026-%06d".formatted(SEQUENCE.incrementAndGet() % 1_000_000);
    }

    public static EventEnvelope caseSubmitted(ObjectMapper json, UUID caseId, String reference, String patientId) {
        return envelope(json, "case-service", EventTypes.CASE_SUBMITTED, caseId, new CaseSubmitted(caseId, reference,
                patientId, "ORTHOPAEDIC_SURGERY", "M51.26", "63030", "ROUTINE", LocalDate.now().plusDays(30), "CA",
                "en", List.of("avoid surgery"), "1234567893", "General Hospital", Instant.now()));
    }

    public static EventEnvelope caseCancelled(ObjectMapper json, UUID caseId, String reference, String patientId) {
        return envelope(json, "case-service", EventTypes.CASE_CANCELLED, caseId,
                new CaseCancelled(caseId, reference, patientId, "SUBMITTED", Instant.now()));
    }

    public static EventEnvelope matchOffered(ObjectMapper json, UUID caseId, String reference, String specialistUserId) {
        return envelope(json, "matching-service", EventTypes.MATCH_OFFERED, caseId, new MatchOffered(UUID.randomUUID(),
                caseId, reference, SPECIALIST1_ID, specialistUserId, "ROUTINE", Instant.now().plusSeconds(86_400),
                false));
    }

    public static EventEnvelope matchFailed(ObjectMapper json, UUID caseId, String reference, String patientId) {
        return envelope(json, "matching-service", EventTypes.MATCH_FAILED, caseId,
                new MatchFailed(caseId, reference, patientId, "NO_ELIGIBLE_SPECIALIST"));
    }

    /** A clinic referral, as case-service writes it before any other event of the case. */
    public static EventEnvelope caseReferred(ObjectMapper json, UUID caseId, String reference, UUID referralId,
                                             String clinicId, String clinicReference, String status) {
        return envelope(json, "case-service", EventTypes.CASE_REFERRED, caseId, new CaseReferred(caseId, reference,
                referralId, clinicId, clinicReference, "SUBMITTED".equals(status), status, Instant.now()));
    }

    public static EventEnvelope caseClaimed(ObjectMapper json, UUID caseId, String reference, UUID referralId,
                                            String clinicId, String patientId, String status) {
        return envelope(json, "case-service", EventTypes.CASE_CLAIMED, caseId,
                new CaseClaimed(caseId, reference, referralId, clinicId, patientId, status, Instant.now()));
    }

    public static EventEnvelope matchAssigned(ObjectMapper json, UUID caseId, String reference, String patientId,
                                              String specialistUserId) {
        return envelope(json, "matching-service", EventTypes.MATCH_ASSIGNED, caseId, new MatchAssigned(caseId,
                reference, patientId, SPECIALIST1_ID, specialistUserId, Instant.now()));
    }

    public static EventEnvelope informationRequested(ObjectMapper json, UUID caseId, String reference,
                                                     String patientId) {
        return envelope(json, "case-service", EventTypes.CASE_INFORMATION_REQUESTED, caseId,
                new CaseInformationRequested(caseId, reference, patientId, UUID.randomUUID(), Instant.now()));
    }

    public static EventEnvelope envelope(ObjectMapper json, String source, String type, UUID subject, Object payload) {
        return EventEnvelope.create(source, type, subject.toString(), Instant.now(), json.valueToTree(payload));
    }

    public static void send(ObjectMapper json, String topic, EventEnvelope event) {
        try {
            EventProbe.send(topic, event.subject(), json.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendCaseEvent(ObjectMapper json, EventEnvelope event) {
        send(json, Topics.CASE_EVENTS, event);
    }

    public static void sendMatchingEvent(ObjectMapper json, EventEnvelope event) {
        send(json, Topics.MATCHING_EVENTS, event);
    }
}
