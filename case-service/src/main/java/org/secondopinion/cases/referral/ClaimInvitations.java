package org.secondopinion.cases.referral;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.work.WorkPolicy;
import org.secondopinion.platform.work.WorkQueue;
import org.secondopinion.platform.work.Workers;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Sends referred patients their claim code by e-mail. The case service sends this one message itself, rather than
 * through notification-service, because the address is contact data that must not travel in events (DESIGN §8):
 * it never leaves case_db. The row is written in the referral's transaction; this work queue
 * ({@code so.work.claim-invitations.*}) sends it right after commit with no transaction open (a slow mail relay
 * holds no row locks), retrying with backoff while the relay is down. The text has no clinical detail.
 */
@ApplicationScoped
public class ClaimInvitations implements WorkQueue<ClaimInvitation> {

    public static final String NAME = "claim-invitations";
    private static final Logger LOG = Logger.getLogger(ClaimInvitations.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final EntityManager em;
    private final Mailer mailer;
    private final Workers workers;
    private final Clock clock;

    public ClaimInvitations(EntityManager em, Mailer mailer, Workers workers, Clock clock) {
        this.em = em;
        this.mailer = mailer;
        this.workers = workers;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void schedule(Referral referral, String caseReference, String code) {
        Instant now = clock.instant();
        // a re-issued code makes any unsent older invitation pointless
        em.createQuery("UPDATE ClaimInvitation i SET i.status = 'SUPERSEDED', i.code = null "
                        + "WHERE i.referralId = :referral AND i.status = 'PENDING'")
                .setParameter("referral", referral.id).executeUpdate();
        ClaimInvitation invitation = new ClaimInvitation();
        invitation.id = Ids.newId();
        invitation.referralId = referral.id;
        invitation.email = referral.patientEmail;
        invitation.caseReference = caseReference;
        invitation.code = code;
        invitation.expiresAt = referral.claimCodeExpiresAt();
        invitation.status = "PENDING";
        invitation.nextAttemptAt = now;
        invitation.createdAt = now;
        em.persist(invitation);
        workers.wakeAfterCommit(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ClaimInvitation> claim(Instant now, int limit, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<ClaimInvitation> due = em.createNativeQuery("SELECT * FROM claim_invitation WHERE status = 'PENDING' "
                        + "AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                        ClaimInvitation.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
        due.forEach(invitation -> invitation.nextAttemptAt = leaseUntil);
        return due;
    }

    @Override
    public void perform(ClaimInvitation invitation) {
        mailer.send(Mail.withText(invitation.email, subject(invitation), text(invitation)));
    }

    @Override
    public void succeeded(ClaimInvitation claimed, Instant now) {
        ClaimInvitation invitation = em.find(ClaimInvitation.class, claimed.id);
        if (invitation != null && "PENDING".equals(invitation.status)) {
            invitation.sent(now);
            LOG.infof("claim code for case %s sent", invitation.caseReference);
        }
    }

    @Override
    public Outcome failed(ClaimInvitation claimed, String error, Instant now, WorkPolicy policy) {
        ClaimInvitation invitation = em.find(ClaimInvitation.class, claimed.id);
        if (invitation == null || !"PENDING".equals(invitation.status)) {
            return Outcome.GONE; // superseded by a newer code meanwhile
        }
        invitation.failed(error, now, policy);
        LOG.warnf("claim code e-mail for case %s failed (attempt %d): %s", invitation.caseReference,
                invitation.attempts, error);
        return "DEAD".equals(invitation.status) ? Outcome.GIVEN_UP : Outcome.RETRY;
    }

    @Override
    public Backlog backlog() {
        return Backlog.of((Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM claim_invitation "
                + "WHERE status = 'PENDING'").getSingleResult());
    }

    static String subject(ClaimInvitation invitation) {
        return "Your clinic asked for a second opinion: case " + invitation.caseReference;
    }

    /** No diagnosis, no procedure, no clinic name: only what lets the patient find their case. */
    static String text(ClaimInvitation invitation) {
        return """
                Hello,

                your clinic referred you to Second Opinion, where a board-certified specialist reviews the surgery \
                you were advised to have. Your case is %s.

                To see it, sign in (or create an account) and enter this claim code:

                    %s

                The code works once, until %s. If it has expired, ask your clinic for a new one.
                """.formatted(invitation.caseReference, invitation.code, DATE.format(invitation.expiresAt));
    }
}
