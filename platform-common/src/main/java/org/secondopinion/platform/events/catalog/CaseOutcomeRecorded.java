package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code case.outcome-recorded.v1} on {@code case-events}: the patient recorded (or updated) what they decided after
 * the opinion. Codes only: {@code decision} ({@code ORIGINAL_SURGERY}, {@code DIFFERENT_SURGERY},
 * {@code NON_SURGICAL_TREATMENT}, {@code WATCHFUL_WAITING}, {@code NOT_DECIDED}), the specialist's {@code verdict},
 * the derived {@code agreement} ({@code FOLLOWED}, {@code NOT_FOLLOWED}, {@code UNDECIDED}, {@code NOT_APPLICABLE}),
 * confidence 1–5 before and after, whether surgery happened ({@code null}: not said). No free text, no dates of
 * care. {@code revision} counts the patient's answers on this case (1 for the first).
 */
public record CaseOutcomeRecorded(UUID caseId, String reference, String decision, String verdict, String agreement,
                                  boolean planChanged, int confidenceBefore, int confidenceAfter,
                                  Boolean surgeryPerformed, int revision, Instant recordedAt) {
}
