package org.secondopinion.platform.events;

/**
 * Every event type of the platform. The payload of each is the record of the same name in
 * {@link org.secondopinion.platform.events.catalog}; docs/EVENTS.md says who produces and who consumes it.
 * A breaking change to a payload gets a new type ({@code .v2}), never an edit of the old one.
 */
public final class EventTypes {
    public static final String CASE_SUBMITTED = "case.submitted.v1";
    public static final String CASE_CANCELLED = "case.cancelled.v1";
    public static final String CASE_INFORMATION_REQUESTED = "case.information-requested.v1";
    public static final String CASE_INFORMATION_PROVIDED = "case.information-provided.v1";
    public static final String CASE_OPINION_DELIVERED = "case.opinion-delivered.v1";
    public static final String CASE_CLOSED = "case.closed.v1";
    public static final String CASE_RATED = "case.rated.v1";
    public static final String CASE_REFERRED = "case.referred.v1";
    public static final String CASE_CLAIMED = "case.claimed.v1";
    public static final String CONSULT_BOOKED = "consult.booked.v1";
    public static final String CONSULT_RESCHEDULED = "consult.rescheduled.v1";
    public static final String CONSULT_CANCELLED = "consult.cancelled.v1";
    public static final String CONSULT_COMPLETED = "consult.completed.v1";
    public static final String CASE_OUTCOME_RECORDED = "case.outcome-recorded.v1";
    public static final String CASE_OUTCOME_REQUESTED = "case.outcome-requested.v1";

    public static final String SPECIALIST_UPSERTED = "specialist.upserted.v1";
    public static final String SPECIALIST_AVAILABILITY_CHANGED = "specialist.availability-changed.v1";

    public static final String MATCH_OFFERED = "match.offered.v1";
    public static final String MATCH_OFFER_DECLINED = "match.offer-declined.v1";
    public static final String MATCH_OFFER_EXPIRED = "match.offer-expired.v1";
    public static final String MATCH_ASSIGNED = "match.assigned.v1";
    public static final String MATCH_FAILED = "match.failed.v1";

    private EventTypes() {
    }

    /** Every type above (read from this class, so a new constant is included without a list to keep in step). */
    public static java.util.Set<String> all() {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (java.lang.reflect.Field field : EventTypes.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    types.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types;
    }
}
