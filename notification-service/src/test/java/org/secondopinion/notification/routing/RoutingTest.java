package org.secondopinion.notification.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.MalformedEventException;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseReferred;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseInformationProvided;
import org.secondopinion.platform.events.catalog.CaseInformationRequested;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseOutcomeRequested;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOfferDeclined;
import org.secondopinion.platform.events.catalog.MatchOfferExpired;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.security.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RoutingTest {

    /** Configured like Quarkus' mapper: unknown payload fields are ignored (tolerant reader). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID CASE_ID = UUID.randomUUID();
    private static final UUID SPECIALIST_ID = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    private static final String REF = "SO-2026-000123";
    private static final String DIAGNOSIS = "M51.26";
    private static final String PROCEDURE = "63030";

    private final Routing routing = new Routing(JSON);

    @Test
    void aBookedConsultTellsBothParticipantsWithoutItsTime() {
        Instant starts = Instant.parse("2026-12-08T17:00:00Z");
        List<NotificationIntent> intents = routing.route(event(EventTypes.CONSULT_BOOKED, new ConsultBooked(
                UUID.randomUUID(), CASE_ID, REF, "patient1", SPECIALIST_ID, "specialist1", starts,
                starts.plusSeconds(1800), 0, starts.minusSeconds(86_400))));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind).containsExactly(
                tuple("patient1", NotificationKind.CONSULT_BOOKED), tuple("specialist1", NotificationKind.CONSULT_BOOKED));
        assertThat(intents).allSatisfy(intent -> assertThat(intent.text()).contains(REF).doesNotContain("17:00"));
    }

    @Test
    void submittedCaseIsAcknowledgedToThePatient() {
        List<NotificationIntent> intents = routing.route(event(EventTypes.CASE_SUBMITTED, submitted()));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.CASE_RECEIVED));
        assertThat(intents.get(0).text())
                .isEqualTo("We received your case SO-2026-000123 — we are finding the right specialist.");
    }

    @Test
    void offerIsSentToTheOfferedSpecialistWithItsDeadline() {
        MatchOffered offered = new MatchOffered(UUID.randomUUID(), CASE_ID, REF, SPECIALIST_ID, "specialist1",
                "ROUTINE", Instant.parse("2026-03-01T14:30:00Z"), false);

        List<NotificationIntent> intents = routing.route(event(EventTypes.MATCH_OFFERED, offered));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("specialist1", NotificationKind.OFFER_RECEIVED));
        assertThat(intents.get(0).text()).isEqualTo("A new case SO-2026-000123 is waiting for your answer until "
                + "2026-03-01 14:30 UTC — sign in to review it.");
    }

    @Test
    void aLapsedOfferTellsTheSpecialistAndTheCoordinators() {
        MatchOfferExpired expired = new MatchOfferExpired(UUID.randomUUID(), CASE_ID, REF, SPECIALIST_ID,
                "specialist1", Instant.parse("2026-03-01T14:30:00Z"));

        List<NotificationIntent> intents = routing.route(event(EventTypes.MATCH_OFFER_EXPIRED, expired));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind).containsExactly(
                tuple("specialist1", NotificationKind.OFFER_EXPIRED),
                tuple(NotificationIntent.role(Roles.COORDINATOR), NotificationKind.OFFER_EXPIRED));
        assertThat(intents).allSatisfy(i -> assertThat(i.text()).contains(REF));
    }

    @Test
    void offerToASpecialistWithoutAnAccountNotifiesNobody() {
        MatchOffered offered = new MatchOffered(UUID.randomUUID(), CASE_ID, REF, SPECIALIST_ID, null, "ROUTINE",
                Instant.now(), false);

        assertThat(routing.route(event(EventTypes.MATCH_OFFERED, offered))).isEmpty();
    }

    @Test
    void assignmentTellsThePatientAndTheSpecialist() {
        MatchAssigned assigned = new MatchAssigned(CASE_ID, REF, "patient1", SPECIALIST_ID, "specialist1",
                Instant.now());

        List<NotificationIntent> intents = routing.route(event(EventTypes.MATCH_ASSIGNED, assigned));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind).containsExactly(
                tuple("patient1", NotificationKind.CASE_UPDATED),
                tuple("specialist1", NotificationKind.CASE_ASSIGNED_TO_YOU));
        assertThat(intents.get(0).text()).isEqualTo("Your case SO-2026-000123 has an update — sign in to read it.");
    }

    @Test
    void failedMatchTellsThePatientAndEveryCoordinator() {
        List<NotificationIntent> intents = routing.route(event(EventTypes.MATCH_FAILED,
                new MatchFailed(CASE_ID, REF, "patient1", "NO_ELIGIBLE_SPECIALIST")));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind).containsExactly(
                tuple("patient1", NotificationKind.CASE_UPDATED),
                tuple("role:coordinator", NotificationKind.CASE_UNMATCHED));
    }

    @Test
    void cancellationIsConfirmedToThePatient() {
        List<NotificationIntent> intents = routing.route(event(EventTypes.CASE_CANCELLED,
                new CaseCancelled(CASE_ID, REF, "patient1", "SUBMITTED", Instant.now())));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.CASE_CANCELLED));
    }

    @Test
    void aClaimedReferralWelcomesThePatientAndTheReferralItselfTellsNoOne() {
        UUID referral = UUID.randomUUID();
        // a referred case has no patient account yet: the clinic hears through its webhooks
        assertThat(routing.route(event(EventTypes.CASE_REFERRED, new CaseReferred(CASE_ID, REF, referral, "clinic-a",
                "ORD-1", true, "SUBMITTED", Instant.now())))).isEmpty();

        List<NotificationIntent> intents = routing.route(event(EventTypes.CASE_CLAIMED,
                new CaseClaimed(CASE_ID, REF, referral, "clinic-a", "patient1", "SUBMITTED", Instant.now())));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.CASE_CLAIMED));
        assertThat(intents.get(0).text())
                .isEqualTo("Case SO-2026-000123 is now in your account — sign in to complete and follow it.");
    }

    @Test
    void declinedOffersAndUnknownTypesNotifyNobody() {
        assertThat(routing.route(event(EventTypes.MATCH_OFFER_DECLINED,
                new MatchOfferDeclined(UUID.randomUUID(), CASE_ID, REF, SPECIALIST_ID, "too busy")))).isEmpty();
        assertThat(routing.route(event("case.reopened.v7", submitted()))).isEmpty();
    }

    @Test
    void everyTextCarriesTheReferenceAndNoClinicalDetail() {
        // every payload here carries the clinical codes (as extra fields where the record has none): none may leak
        List<EventEnvelope> events = List.of(
                event(EventTypes.CASE_SUBMITTED, submitted()),
                withClinicalFields(event(EventTypes.MATCH_OFFERED, new MatchOffered(UUID.randomUUID(), CASE_ID, REF,
                        SPECIALIST_ID, "specialist1", "ROUTINE", Instant.now(), false))),
                withClinicalFields(event(EventTypes.MATCH_ASSIGNED, new MatchAssigned(CASE_ID, REF, "patient1",
                        SPECIALIST_ID, "specialist1", Instant.now()))),
                withClinicalFields(event(EventTypes.MATCH_FAILED, new MatchFailed(CASE_ID, REF, "patient1",
                        "NO_ELIGIBLE_SPECIALIST"))),
                withClinicalFields(event(EventTypes.CASE_CANCELLED, new CaseCancelled(CASE_ID, REF, "patient1",
                        "SUBMITTED", Instant.now()))));

        List<NotificationIntent> intents = events.stream().flatMap(e -> routing.route(e).stream()).toList();

        assertThat(intents).hasSize(7).allSatisfy(intent -> {
            assertThat(intent.caseReference()).isEqualTo(REF);
            assertThat(intent.text()).contains(REF)
                    .doesNotContain(DIAGNOSIS, PROCEDURE, "ORTHOPAEDIC", "avoid surgery", "1234567893",
                            "General Hospital", "NO_ELIGIBLE_SPECIALIST", "Okafor");
        });
    }

    @Test
    void theReviewStepsReachTheOtherParty() {
        UUID request = UUID.randomUUID();
        assertThat(routing.route(event(EventTypes.CASE_INFORMATION_REQUESTED,
                new CaseInformationRequested(CASE_ID, REF, "patient1", request, Instant.now()))))
                .extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.INFORMATION_REQUESTED));
        assertThat(routing.route(event(EventTypes.CASE_INFORMATION_PROVIDED,
                new CaseInformationProvided(CASE_ID, REF, "specialist1", request, Instant.now()))))
                .extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("specialist1", NotificationKind.INFORMATION_PROVIDED));
        List<NotificationIntent> ready = routing.route(event(EventTypes.CASE_OPINION_DELIVERED,
                new CaseOpinionDelivered(CASE_ID, REF, "patient1", SPECIALIST_ID, "specialist1", Instant.now())));
        assertThat(ready).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.OPINION_READY));
        assertThat(ready.get(0).text()).contains(REF).doesNotContain("specialist1");
        assertThat(routing.route(event(EventTypes.CASE_CLOSED,
                new CaseClosed(CASE_ID, REF, "patient1", SPECIALIST_ID, "AUTO", Instant.now()))))
                .extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.CASE_CLOSED));
    }

    @Test
    void anEventWithoutCaseReferenceIsMalformed() {
        EventEnvelope event = event(EventTypes.CASE_CANCELLED,
                new CaseCancelled(CASE_ID, null, "patient1", "SUBMITTED", Instant.now()));

        assertThatThrownBy(() -> routing.route(event)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no case reference");
    }

    private static CaseSubmitted submitted() {
        return new CaseSubmitted(CASE_ID, REF, "patient1", "ORTHOPAEDIC_SURGERY", DIAGNOSIS, PROCEDURE, "ROUTINE",
                LocalDate.of(2026, 4, 1), "CA", "en", List.of("avoid surgery"), "1234567893", "General Hospital",
                Instant.now());
    }

    @Test
    void thePatientIsAskedForTheirDecisionWithoutClinicalDetail() {
        List<NotificationIntent> intents = routing.route(withClinicalFields(event(EventTypes.CASE_OUTCOME_REQUESTED,
                new CaseOutcomeRequested(CASE_ID, REF, "patient1", 2, Instant.parse("2026-06-01T09:00:00Z")))));

        assertThat(intents).extracting(NotificationIntent::recipient, NotificationIntent::kind)
                .containsExactly(tuple("patient1", NotificationKind.OUTCOME_REQUESTED));
        assertThat(intents.get(0).text()).isEqualTo(
                "How are things going after your case SO-2026-000123? Sign in to tell us what you decided.")
                .doesNotContain(DIAGNOSIS, PROCEDURE, "Okafor", "surgery", "opinion");
    }

    @Test
    void aRecordedOutcomeTellsNobody() {
        assertThat(routing.route(event(EventTypes.CASE_OUTCOME_RECORDED, java.util.Map.of("caseId", CASE_ID.toString(),
                "reference", REF, "decision", "WATCHFUL_WAITING")))).isEmpty();
    }

    private static EventEnvelope event(String type, Object payload) {
        return EventEnvelope.create("test", type, CASE_ID.toString(), Instant.now(), JSON.valueToTree(payload));
    }

    private static EventEnvelope withClinicalFields(EventEnvelope event) {
        var data = (com.fasterxml.jackson.databind.node.ObjectNode) event.data();
        data.put("diagnosisCode", DIAGNOSIS).put("procedureCode", PROCEDURE).put("specialistName", "Dr. Maya Okafor");
        return event;
    }
}
