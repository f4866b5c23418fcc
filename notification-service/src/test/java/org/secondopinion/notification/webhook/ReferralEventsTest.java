package org.secondopinion.notification.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.webhook.ClinicReferral.Notice;
import org.secondopinion.notification.webhook.ReferralEvents.Claimed;
import org.secondopinion.notification.webhook.ReferralEvents.Referred;
import org.secondopinion.notification.webhook.ReferralEvents.StatusChanged;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.MalformedEventException;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseInformationProvided;
import org.secondopinion.platform.events.catalog.CaseInformationRequested;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.platform.events.catalog.CaseReferred;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event → webhook mapping: which events a clinic hears about, as what, and when they are no news. */
class ReferralEventsTest {

    /** Configured like Quarkus' mapper: unknown payload fields are ignored (tolerant reader). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID CASE_ID = UUID.randomUUID();
    private static final UUID REFERRAL_ID = UUID.randomUUID();
    private static final UUID SPECIALIST_ID = UUID.randomUUID();
    private static final String REF = "SO-2026-000123";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final ReferralEvents events = new ReferralEvents(JSON);

    @Test
    void everyStatusChangingEventMapsToTheCaseStatusItLeaves() {
        Map<EventEnvelope, String> expected = Map.of(
                event(EventTypes.CASE_SUBMITTED, new CaseSubmitted(CASE_ID, REF, null, "ORTHOPAEDIC_SURGERY", "M51.26",
                        "63030", "ROUTINE", LocalDate.of(2026, 4, 1), "CA", "en", List.of(), null, null, T0)),
                "SUBMITTED",
                event(EventTypes.MATCH_ASSIGNED, new MatchAssigned(CASE_ID, REF, null, SPECIALIST_ID, "s1", T0)),
                "ASSIGNED",
                event(EventTypes.MATCH_FAILED, new MatchFailed(CASE_ID, REF, null, "NO_ELIGIBLE_SPECIALIST")),
                "UNMATCHED",
                event(EventTypes.CASE_INFORMATION_REQUESTED, new CaseInformationRequested(CASE_ID, REF, null,
                        UUID.randomUUID(), T0)), "AWAITING_INFORMATION",
                event(EventTypes.CASE_INFORMATION_PROVIDED, new CaseInformationProvided(CASE_ID, REF, "s1",
                        UUID.randomUUID(), T0)), "IN_REVIEW",
                event(EventTypes.CASE_OPINION_DELIVERED, new CaseOpinionDelivered(CASE_ID, REF, null, SPECIALIST_ID,
                        "s1", T0)), "OPINION_DELIVERED",
                event(EventTypes.CASE_CLOSED, new CaseClosed(CASE_ID, REF, null, SPECIALIST_ID, "AUTO", T0)), "CLOSED",
                event(EventTypes.CASE_CANCELLED, new CaseCancelled(CASE_ID, REF, null, "DRAFT", T0)), "CANCELLED");

        expected.forEach((event, status) -> assertThat(events.read(event)).as(event.type())
                .contains(new StatusChanged(CASE_ID, status)));
    }

    @Test
    void referredAndClaimedAreReadWithTheirPayload() {
        CaseReferred referred = referred("SUBMITTED");
        assertThat(events.read(event(EventTypes.CASE_REFERRED, referred))).contains(new Referred(referred));

        assertThat(events.read(event(EventTypes.CASE_CLAIMED, new CaseClaimed(CASE_ID, REF, REFERRAL_ID, "clinic-a",
                "patient1", "ASSIGNED", T0)))).contains(new Claimed(CASE_ID, "ASSIGNED"));
    }

    @Test
    void eventsThatChangeNoReferralStatusAreNotForClinics() {
        assertThat(events.read(event(EventTypes.MATCH_OFFERED, new MatchOffered(UUID.randomUUID(), CASE_ID, REF,
                SPECIALIST_ID, "s1", "ROUTINE", T0, false)))).isEmpty();
        assertThat(events.read(event(EventTypes.CASE_RATED, new CaseRated(CASE_ID, REF, SPECIALIST_ID, 5, T0))))
                .isEmpty();
        assertThat(events.read(event("case.reopened.v9", Map.of("caseId", CASE_ID)))).isEmpty();
    }

    @Test
    void anEventWithoutItsCaseIdIsMalformed() {
        assertThatThrownBy(() -> events.read(event(EventTypes.MATCH_ASSIGNED, Map.of("caseReference", REF))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("caseId");
        assertThatThrownBy(() -> events.read(event(EventTypes.CASE_REFERRED, Map.of("caseId", CASE_ID))))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aReferralIsAnnouncedAsCreatedInTheStatusCaseServiceGaveIt() {
        ClinicReferral referral = ClinicReferral.of(referred("DRAFT"), T0);

        Notice created = referral.created();

        assertThat(created.type()).isEqualTo("referral.created");
        assertThat(created.data()).isEqualTo(new WebhookPayload.Data(REFERRAL_ID, "ORD-4471", REF, "DRAFT", false));
    }

    @Test
    void theSubmittedEventOfAnAttestedReferralIsNoNews() {
        ClinicReferral referral = ClinicReferral.of(referred("SUBMITTED"), T0);

        assertThat(referral.apply(new StatusChanged(CASE_ID, "SUBMITTED"), T0.plusMillis(1))).isEmpty();

        Optional<Notice> assigned = referral.apply(new StatusChanged(CASE_ID, "ASSIGNED"), T0.plusSeconds(60));
        assertThat(assigned).map(Notice::type).contains("referral.status-changed");
        assertThat(assigned).map(n -> n.data().status()).contains("ASSIGNED");
        assertThat(referral.lastStatus()).isEqualTo("ASSIGNED");
    }

    @Test
    void statusesMayGoBackAndForthButAnOlderEventArrivingLateIsSkipped() {
        ClinicReferral referral = ClinicReferral.of(referred("SUBMITTED"), T0);
        assertThat(apply(referral, "ASSIGNED", T0.plusSeconds(10))).isPresent();
        assertThat(apply(referral, "AWAITING_INFORMATION", T0.plusSeconds(20))).isPresent();
        assertThat(apply(referral, "IN_REVIEW", T0.plusSeconds(30))).isPresent();
        assertThat(apply(referral, "AWAITING_INFORMATION", T0.plusSeconds(40))).isPresent();

        // e.g. a match event consumed after a newer case event: the clinic must not see the case go backwards
        assertThat(apply(referral, "UNMATCHED", T0.plusSeconds(35))).isEmpty();
        assertThat(referral.lastStatus()).isEqualTo("AWAITING_INFORMATION");
    }

    @Test
    void claimingIsAnnouncedOnceWithTheStatusAtTheClaim() {
        ClinicReferral referral = ClinicReferral.of(referred("SUBMITTED"), T0);
        apply(referral, "ASSIGNED", T0.plusSeconds(10));

        Optional<Notice> claimed = referral.apply(new Claimed(CASE_ID, "ASSIGNED"), T0.plusSeconds(20));

        assertThat(claimed).map(Notice::type).contains("referral.claimed");
        assertThat(claimed.orElseThrow().data()).isEqualTo(new WebhookPayload.Data(REFERRAL_ID, "ORD-4471", REF,
                "ASSIGNED", true));
        assertThat(referral.apply(new Claimed(CASE_ID, "ASSIGNED"), T0.plusSeconds(30))).isEmpty();
        // later notices carry claimed=true
        assertThat(apply(referral, "IN_REVIEW", T0.plusSeconds(40))).map(n -> n.data().claimed()).contains(true);
    }

    @Test
    void aSecondReferredEventForAKnownCaseIsNoNews() {
        ClinicReferral referral = ClinicReferral.of(referred("DRAFT"), T0);
        assertThat(referral.apply(new Referred(referred("DRAFT")), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void aBookedConsultIsAnnouncedWithTheStatusOnlyNeverItsTime() throws Exception {
        UUID consultId = UUID.randomUUID();
        Instant startsAt = Instant.parse("2026-03-09T01:00:00Z");
        Optional<ReferralEvents.Update> read = events.read(event(EventTypes.CONSULT_BOOKED,
                new org.secondopinion.platform.events.catalog.ConsultBooked(consultId, CASE_ID, REF, "patient-1",
                        SPECIALIST_ID, "s1", startsAt, startsAt.plusSeconds(1800), 0, T0)));
        assertThat(read).contains(new ReferralEvents.ConsultBooked(CASE_ID));

        ClinicReferral referral = ClinicReferral.of(referred("SUBMITTED"), T0);
        apply(referral, "ASSIGNED", T0.plusSeconds(60));
        Notice booked = referral.apply(read.orElseThrow(), T0.plusSeconds(120)).orElseThrow();

        assertThat(booked.type()).isEqualTo("referral.consult-booked");
        assertThat(booked.data().status()).isEqualTo("ASSIGNED");
        String body = new WebhookPayload(UUID.randomUUID(), booked.type(), T0.toString(), booked.data()).toJson(JSON);
        assertThat(body).doesNotContain("2026-03-09", consultId.toString(), "patient-1");
    }

    @Test
    void theBodyCarriesIdsReferencesAndStatusOnly() throws Exception {
        UUID deliveryId = UUID.fromString("7b0c6f8e-1111-4222-8333-444455556666");
        Notice notice = ClinicReferral.of(referred("SUBMITTED"), T0).created();

        String body = new WebhookPayload(deliveryId, notice.type(), T0.toString(), notice.data()).toJson(JSON);

        assertThat(body).isEqualTo("{\"id\":\"7b0c6f8e-1111-4222-8333-444455556666\",\"type\":\"referral.created\","
                + "\"occurredAt\":\"2026-03-01T12:00:00Z\",\"data\":{\"referralId\":\"" + REFERRAL_ID + "\","
                + "\"clinicReference\":\"ORD-4471\",\"caseReference\":\"SO-2026-000123\",\"status\":\"SUBMITTED\","
                + "\"claimed\":false}}");
    }

    private static Optional<Notice> apply(ClinicReferral referral, String status, Instant at) {
        return referral.apply(new StatusChanged(CASE_ID, status), at);
    }

    private static CaseReferred referred(String status) {
        return new CaseReferred(CASE_ID, REF, REFERRAL_ID, "clinic-a", "ORD-4471", "SUBMITTED".equals(status), status,
                T0);
    }

    private static EventEnvelope event(String type, Object payload) {
        return EventEnvelope.create("test", type, CASE_ID.toString(), Instant.now(), JSON.valueToTree(payload));
    }
}
