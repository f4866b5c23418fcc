package org.secondopinion.notification.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.MalformedEventException;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseInformationProvided;
import org.secondopinion.platform.events.catalog.CaseInformationRequested;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseOutcomeRequested;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.platform.events.catalog.ConsultCancelled;
import org.secondopinion.platform.events.catalog.ConsultRescheduled;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOfferExpired;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.security.Roles;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Who must hear about an event, and what they are told (DESIGN §6). Texts name only the case reference: they may
 * travel over channels outside our control (e-mail, SMS, lock screens), so clinical details stay behind sign-in.
 * Event types nobody needs to hear about (and types this version does not know) route to no one.
 */
@ApplicationScoped
public class Routing {

    static final String UPDATE_TEXT = "Your case %s has an update — sign in to read it.";
    private static final DateTimeFormatter DEADLINE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    public Routing(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<NotificationIntent> route(EventEnvelope event) {
        List<NotificationIntent> intents = new ArrayList<>();
        switch (event.type()) {
            case EventTypes.CASE_SUBMITTED -> {
                CaseSubmitted e = event.dataAs(CaseSubmitted.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.CASE_RECEIVED, ref,
                        "We received your case " + ref + " — we are finding the right specialist.");
            }
            case EventTypes.MATCH_OFFERED -> {
                MatchOffered e = event.dataAs(MatchOffered.class, mapper);
                String ref = reference(event, e.caseReference());
                add(intents, e.specialistUserId(), NotificationKind.OFFER_RECEIVED, ref,
                        "A new case " + ref + " is waiting for your answer" + until(e.expiresAt())
                                + " — sign in to review it.");
            }
            case EventTypes.MATCH_ASSIGNED -> {
                MatchAssigned e = event.dataAs(MatchAssigned.class, mapper);
                String ref = reference(event, e.caseReference());
                add(intents, e.patientId(), NotificationKind.CASE_UPDATED, ref, UPDATE_TEXT.formatted(ref));
                // neutral wording: the specialist accepted the offer, or a coordinator assigned the case
                add(intents, e.specialistUserId(), NotificationKind.CASE_ASSIGNED_TO_YOU, ref,
                        "Case " + ref + " is now assigned to you — sign in to start your review.");
            }
            case EventTypes.MATCH_FAILED -> {
                MatchFailed e = event.dataAs(MatchFailed.class, mapper);
                String ref = reference(event, e.caseReference());
                add(intents, e.patientId(), NotificationKind.CASE_UPDATED, ref, UPDATE_TEXT.formatted(ref));
                add(intents, NotificationIntent.role(Roles.COORDINATOR), NotificationKind.CASE_UNMATCHED, ref,
                        "No specialist could be matched to case " + ref + " — sign in to assign one.");
            }
            case EventTypes.MATCH_OFFER_EXPIRED -> {
                MatchOfferExpired e = event.dataAs(MatchOfferExpired.class, mapper);
                String ref = reference(event, e.caseReference());
                add(intents, e.specialistUserId(), NotificationKind.OFFER_EXPIRED, ref,
                        "Your offer for case " + ref + " expired; it went to another specialist.");
                add(intents, NotificationIntent.role(Roles.COORDINATOR), NotificationKind.OFFER_EXPIRED, ref,
                        "An offer for case " + ref + " expired unanswered — it moved to the next candidate.");
            }
            case EventTypes.CASE_CANCELLED -> {
                CaseCancelled e = event.dataAs(CaseCancelled.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.CASE_CANCELLED, ref,
                        "Your case " + ref + " was cancelled. Nothing more will happen with it.");
            }
            case EventTypes.CASE_INFORMATION_REQUESTED -> {
                CaseInformationRequested e = event.dataAs(CaseInformationRequested.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.INFORMATION_REQUESTED, ref,
                        "Your specialist has a question about case " + ref + " — sign in to answer it.");
            }
            case EventTypes.CASE_INFORMATION_PROVIDED -> {
                CaseInformationProvided e = event.dataAs(CaseInformationProvided.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.specialistUserId(), NotificationKind.INFORMATION_PROVIDED, ref,
                        "The patient answered your question on case " + ref + " — sign in to continue your review.");
            }
            case EventTypes.CASE_OPINION_DELIVERED -> {
                CaseOpinionDelivered e = event.dataAs(CaseOpinionDelivered.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.OPINION_READY, ref,
                        "The second opinion on your case " + ref + " is ready — sign in to read it.");
            }
            case EventTypes.CASE_CLOSED -> {
                CaseClosed e = event.dataAs(CaseClosed.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.CASE_CLOSED, ref,
                        "Your case " + ref + " is closed. You can still sign in to read the opinion.");
            }
            case EventTypes.CASE_CLAIMED -> {
                // the first event of a referred case that names the patient: until now there was no one to tell
                CaseClaimed e = event.dataAs(CaseClaimed.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.CASE_CLAIMED, ref,
                        "Case " + ref + " is now in your account — sign in to complete and follow it.");
            }
            case EventTypes.CONSULT_BOOKED -> {
                ConsultBooked e = event.dataAs(ConsultBooked.class, mapper);
                String ref = reference(event, e.caseReference());
                consult(intents, e.patientId(), e.specialistUserId(), NotificationKind.CONSULT_BOOKED, ref,
                        "A video consult on case " + ref + " is booked — sign in for the time and the calendar "
                                + "invitation.");
            }
            case EventTypes.CONSULT_RESCHEDULED -> {
                ConsultRescheduled e = event.dataAs(ConsultRescheduled.class, mapper);
                String ref = reference(event, e.caseReference());
                consult(intents, e.patientId(), e.specialistUserId(), NotificationKind.CONSULT_RESCHEDULED, ref,
                        "The video consult on case " + ref + " moved to a new time — sign in for the updated "
                                + "invitation.");
            }
            case EventTypes.CONSULT_CANCELLED -> {
                ConsultCancelled e = event.dataAs(ConsultCancelled.class, mapper);
                String ref = reference(event, e.caseReference());
                consult(intents, e.patientId(), e.specialistUserId(), NotificationKind.CONSULT_CANCELLED, ref,
                        "The video consult on case " + ref + " was cancelled — sign in to see why and to book "
                                + "another.");
            }
            case EventTypes.CASE_OUTCOME_REQUESTED -> {
                // no word about the opinion or the surgery: only that a question waits behind sign-in
                CaseOutcomeRequested e = event.dataAs(CaseOutcomeRequested.class, mapper);
                String ref = reference(event, e.reference());
                add(intents, e.patientId(), NotificationKind.OUTCOME_REQUESTED, ref,
                        "How are things going after your case " + ref + "? Sign in to tell us what you decided.");
            }
            default -> {
                // e.g. match.offer-declined: internal to matching; case.referred: no patient account yet (the
                // clinic hears through its webhooks); unknown types: a newer producer, ignore
            }
        }
        return intents;
    }

    /** Both participants of a consult hear about it (reminders: {@code ConsultReminders}). */
    private static void consult(List<NotificationIntent> intents, String patientId, String specialistUserId,
                                NotificationKind kind, String ref, String text) {
        add(intents, patientId, kind, ref, text);
        add(intents, specialistUserId, kind, ref, text);
    }

    private static void add(List<NotificationIntent> intents, String recipient, NotificationKind kind, String ref,
                            String text) {
        // a specialist without an account has no user id: there is no one to tell in-app
        if (recipient != null && !recipient.isBlank()) {
            intents.add(new NotificationIntent(recipient, kind, ref, text));
        }
    }

    private static String reference(EventEnvelope event, String reference) {
        if (reference == null || reference.isBlank()) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type()
                    + " has no case reference");
        }
        return reference;
    }

    private static String until(Instant deadline) {
        return deadline == null ? "" : " until " + DEADLINE.format(deadline);
    }
}
