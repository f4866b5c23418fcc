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
import java.util.Map;
import java.util.function.Function;

/**
 * Who must hear about an event, and what they are told (DESIGN §6): one typed rule per event type. Texts name only
 * the case reference: they may travel over channels outside our control (e-mail, SMS, lock screens), so clinical
 * details stay behind sign-in. Event types nobody needs to hear about (and types this version does not know) route to
 * no one.
 */
@ApplicationScoped
public class Routing {

    static final String UPDATE_TEXT = "Your case %s has an update — sign in to read it.";
    private static final DateTimeFormatter DEADLINE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What one event type tells whom: its payload type, where its case reference is, and the intents. */
    private record Rule<T>(Class<T> payload, Function<T, String> reference, Tell<T> tell) {
        void route(EventEnvelope event, ObjectMapper mapper, List<NotificationIntent> intents) {
            T e = event.dataAs(payload, mapper);
            tell.to(e, Routing.reference(event, reference.apply(e)), intents);
        }
    }

    @FunctionalInterface
    private interface Tell<T> {
        void to(T event, String ref, List<NotificationIntent> intents);
    }

    private static <T> Map.Entry<String, Rule<?>> rule(String type, Class<T> payload, Function<T, String> reference,
                                                       Tell<T> tell) {
        return Map.entry(type, new Rule<>(payload, reference, tell));
    }

    /**
     * Every type someone must hear about. The others route to no one: e.g. match.offer-declined (internal to
     * matching), case.referred (no patient account yet: the clinic hears through its webhooks), and types of a newer
     * producer this version does not know.
     */
    private static final Map<String, Rule<?>> RULES = Map.ofEntries(
            rule(EventTypes.CASE_SUBMITTED, CaseSubmitted.class, CaseSubmitted::reference, (e, ref, out) ->
                    add(out, e.patientId(), NotificationKind.CASE_RECEIVED, ref,
                            "We received your case " + ref + " — we are finding the right specialist.")),
            rule(EventTypes.MATCH_OFFERED, MatchOffered.class, MatchOffered::caseReference, (e, ref, out) ->
                    add(out, e.specialistUserId(), NotificationKind.OFFER_RECEIVED, ref,
                            "A new case " + ref + " is waiting for your answer" + until(e.expiresAt())
                                    + " — sign in to review it.")),
            rule(EventTypes.MATCH_ASSIGNED, MatchAssigned.class, MatchAssigned::caseReference, (e, ref, out) -> {
                add(out, e.patientId(), NotificationKind.CASE_UPDATED, ref, UPDATE_TEXT.formatted(ref));
                // neutral wording: the specialist accepted the offer, or a coordinator assigned the case
                add(out, e.specialistUserId(), NotificationKind.CASE_ASSIGNED_TO_YOU, ref,
                        "Case " + ref + " is now assigned to you — sign in to start your review.");
            }),
            rule(EventTypes.MATCH_FAILED, MatchFailed.class, MatchFailed::caseReference, (e, ref, out) -> {
                add(out, e.patientId(), NotificationKind.CASE_UPDATED, ref, UPDATE_TEXT.formatted(ref));
                add(out, NotificationIntent.role(Roles.COORDINATOR), NotificationKind.CASE_UNMATCHED, ref,
                        "No specialist could be matched to case " + ref + " — sign in to assign one.");
            }),
            rule(EventTypes.MATCH_OFFER_EXPIRED, MatchOfferExpired.class, MatchOfferExpired::caseReference,
                    (e, ref, out) -> {
                        add(out, e.specialistUserId(), NotificationKind.OFFER_EXPIRED, ref,
                                "Your offer for case " + ref + " expired; it went to another specialist.");
                        add(out, NotificationIntent.role(Roles.COORDINATOR), NotificationKind.OFFER_EXPIRED, ref,
                                "An offer for case " + ref + " expired unanswered — it moved to the next candidate.");
                    }),
            rule(EventTypes.CASE_CANCELLED, CaseCancelled.class, CaseCancelled::reference, (e, ref, out) ->
                    add(out, e.patientId(), NotificationKind.CASE_CANCELLED, ref,
                            "Your case " + ref + " was cancelled. Nothing more will happen with it.")),
            rule(EventTypes.CASE_INFORMATION_REQUESTED, CaseInformationRequested.class,
                    CaseInformationRequested::reference, (e, ref, out) ->
                            add(out, e.patientId(), NotificationKind.INFORMATION_REQUESTED, ref,
                                    "Your specialist has a question about case " + ref + " — sign in to answer it.")),
            rule(EventTypes.CASE_INFORMATION_PROVIDED, CaseInformationProvided.class,
                    CaseInformationProvided::reference, (e, ref, out) ->
                            add(out, e.specialistUserId(), NotificationKind.INFORMATION_PROVIDED, ref,
                                    "The patient answered your question on case " + ref
                                            + " — sign in to continue your review.")),
            rule(EventTypes.CASE_OPINION_DELIVERED, CaseOpinionDelivered.class, CaseOpinionDelivered::reference,
                    (e, ref, out) -> add(out, e.patientId(), NotificationKind.OPINION_READY, ref,
                            "The second opinion on your case " + ref + " is ready — sign in to read it.")),
            rule(EventTypes.CASE_CLOSED, CaseClosed.class, CaseClosed::reference, (e, ref, out) ->
                    add(out, e.patientId(), NotificationKind.CASE_CLOSED, ref,
                            "Your case " + ref + " is closed. You can still sign in to read the opinion.")),
            // the first event of a referred case that names the patient: until now there was no one to tell
            rule(EventTypes.CASE_CLAIMED, CaseClaimed.class, CaseClaimed::reference, (e, ref, out) ->
                    add(out, e.patientId(), NotificationKind.CASE_CLAIMED, ref,
                            "Case " + ref + " is now in your account — sign in to complete and follow it.")),
            rule(EventTypes.CONSULT_BOOKED, ConsultBooked.class, ConsultBooked::caseReference, (e, ref, out) ->
                    consult(out, e.patientId(), e.specialistUserId(), NotificationKind.CONSULT_BOOKED, ref,
                            "A video consult on case " + ref + " is booked — sign in for the time and the calendar "
                                    + "invitation.")),
            rule(EventTypes.CONSULT_RESCHEDULED, ConsultRescheduled.class, ConsultRescheduled::caseReference,
                    (e, ref, out) -> consult(out, e.patientId(), e.specialistUserId(),
                            NotificationKind.CONSULT_RESCHEDULED, ref, "The video consult on case " + ref
                                    + " moved to a new time — sign in for the updated invitation.")),
            rule(EventTypes.CONSULT_CANCELLED, ConsultCancelled.class, ConsultCancelled::caseReference,
                    (e, ref, out) -> consult(out, e.patientId(), e.specialistUserId(),
                            NotificationKind.CONSULT_CANCELLED, ref, "The video consult on case " + ref
                                    + " was cancelled — sign in to see why and to book another.")),
            // no word about the opinion or the surgery: only that a question waits behind sign-in
            rule(EventTypes.CASE_OUTCOME_REQUESTED, CaseOutcomeRequested.class, CaseOutcomeRequested::reference,
                    (e, ref, out) -> add(out, e.patientId(), NotificationKind.OUTCOME_REQUESTED, ref,
                            "How are things going after your case " + ref
                                    + "? Sign in to tell us what you decided.")));

    private final ObjectMapper mapper;

    public Routing(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<NotificationIntent> route(EventEnvelope event) {
        List<NotificationIntent> intents = new ArrayList<>();
        Rule<?> rule = RULES.get(event.type());
        if (rule != null) {
            rule.route(event, mapper, intents);
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
