package org.secondopinion.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.notification.webhook.ReferralEvents.Claimed;
import org.secondopinion.notification.webhook.ReferralEvents.Referred;
import org.secondopinion.notification.webhook.ReferralEvents.StatusChanged;
import org.secondopinion.notification.webhook.ReferralEvents.Update;
import org.secondopinion.platform.events.catalog.CaseReferred;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * This service's projection of a clinic-referred case: whose it is (later events name no clinic) and what the clinic
 * was last told, so each webhook announces news only (private, moved by {@link #apply} alone). Built with {@code new}
 * in unit tests.
 */
@Entity
@Table(name = "clinic_referral")
public class ClinicReferral {

    /** What to tell the referring clinic: a webhook {@code type} and the referral's state after the event. */
    public record Notice(String type, WebhookPayload.Data data) {
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "referral_id", nullable = false)
    public UUID referralId;

    @Column(name = "clinic_id", nullable = false, length = 100)
    public String clinicId;

    @Column(name = "clinic_reference", length = 100)
    public String clinicReference;

    @Column(name = "case_reference", nullable = false, length = 50)
    public String caseReference;

    @Column(name = "last_status", nullable = false, length = 30)
    private String lastStatus;

    @Column(name = "last_event_at", nullable = false)
    private Instant lastEventAt;

    @Column(nullable = false)
    private boolean claimed;

    protected ClinicReferral() {
    }

    /** The projection of a {@code case.referred} event that happened at {@code at}. */
    public static ClinicReferral of(CaseReferred referred, Instant at) {
        ClinicReferral r = new ClinicReferral();
        r.caseId = referred.caseId();
        r.referralId = referred.referralId();
        r.clinicId = referred.clinicId();
        r.clinicReference = referred.clinicReference();
        r.caseReference = referred.reference();
        r.lastStatus = referred.status();
        r.lastEventAt = at;
        return r;
    }

    /** The first notice: the referral exists, in the status case-service gave it. */
    public Notice created() {
        return notice(ReferralEvents.REFERRAL_CREATED);
    }

    /**
     * Applies a later event of this case that happened at {@code at}; returns what to tell the clinic, if anything.
     * A status equal to the last one announced is no news (an attested referral emits referred(SUBMITTED) and then
     * submitted). A status event older than the last one applied arrived late from the other topic (case and
     * matching events travel separately): announcing it would move the clinic's view backwards, so it is skipped.
     */
    public Optional<Notice> apply(Update update, Instant at) {
        if (update instanceof Claimed c) {
            if (claimed) {
                return Optional.empty();
            }
            claimed = true;
            if (!at.isBefore(lastEventAt)) {
                lastStatus = c.status();
                lastEventAt = at;
            }
            return Optional.of(notice(ReferralEvents.REFERRAL_CLAIMED));
        }
        if (update instanceof StatusChanged s) {
            if (s.status().equals(lastStatus) || at.isBefore(lastEventAt)) {
                return Optional.empty();
            }
            lastStatus = s.status();
            lastEventAt = at;
            return Optional.of(notice(ReferralEvents.REFERRAL_STATUS_CHANGED));
        }
        if (update instanceof ReferralEvents.ConsultBooked) {
            // news of its own, whatever the status; the payload carries the status only (no time, link or note)
            return Optional.of(notice(ReferralEvents.REFERRAL_CONSULT_BOOKED));
        }
        if (update instanceof Referred) {
            return Optional.empty(); // the case is already known as a referral: nothing new
        }
        throw new IllegalArgumentException("unknown update " + update);
    }

    private Notice notice(String type) {
        return new Notice(type, new WebhookPayload.Data(referralId, clinicReference, caseReference, lastStatus,
                claimed));
    }

    public String lastStatus() {
        return lastStatus;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public boolean isClaimed() {
        return claimed;
    }
}
