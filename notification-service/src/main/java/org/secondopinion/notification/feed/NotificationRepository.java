package org.secondopinion.notification.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.notification.delivery.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Feed queries; each is bounded by the caller's recipients, so nobody reads another person's items. */
@ApplicationScoped
public class NotificationRepository {

    private final EntityManager em;

    public NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts unless this (event, recipient, channel) exists: a redelivered event that slipped past the inbox
     * (e.g. replayed under a new consumer name) still notifies once.
     *
     * @return whether a row was inserted
     */
    public boolean insertOnce(Notification n) {
        return em.createNativeQuery("INSERT INTO notification (id, recipient, event_id, event_type, channel, kind, "
                        + "case_reference, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "ON CONFLICT (event_id, recipient, channel) DO NOTHING")
                .setParameter(1, n.id)
                .setParameter(2, n.recipient)
                .setParameter(3, n.eventId)
                .setParameter(4, n.eventType)
                .setParameter(5, n.channel.name())
                .setParameter(6, n.kind.name())
                .setParameter(7, n.caseReference)
                .setParameter(8, n.text)
                .setParameter(9, n.createdAt)
                .executeUpdate() == 1;
    }

    public List<Notification> page(List<String> recipients, Boolean unread, int offset, int limit) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        return em.createQuery("FROM Notification n WHERE n.recipient IN :recipients AND n.channel = :channel"
                        + readFilter(unread) + " ORDER BY n.createdAt DESC, n.id DESC", Notification.class)
                .setParameter("recipients", recipients)
                .setParameter("channel", Channel.IN_APP)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(List<String> recipients, Boolean unread) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return em.createQuery("SELECT count(n) FROM Notification n WHERE n.recipient IN :recipients"
                        + " AND n.channel = :channel" + readFilter(unread), Long.class)
                .setParameter("recipients", recipients)
                .setParameter("channel", Channel.IN_APP)
                .getSingleResult();
    }

    /** How many feed items match, counting no further than {@code limit} (the scan stops there). */
    public long countUpTo(List<String> recipients, Boolean unread, long limit) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return em.createQuery("SELECT 1 FROM Notification n WHERE n.recipient IN :recipients"
                        + " AND n.channel = :channel" + readFilter(unread), Integer.class)
                .setParameter("recipients", recipients)
                .setParameter("channel", Channel.IN_APP)
                .setMaxResults((int) Math.min(limit, Integer.MAX_VALUE))
                .getResultList().size();
    }

    public Optional<Notification> findVisible(UUID id, List<String> recipients) {
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("FROM Notification n WHERE n.id = :id AND n.recipient IN :recipients",
                        Notification.class)
                .setParameter("id", id)
                .setParameter("recipients", recipients)
                .getResultStream().findFirst();
    }

    public int markAllRead(List<String> recipients, Instant now) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return em.createQuery("UPDATE Notification n SET n.readAt = :now WHERE n.recipient IN :recipients"
                        + " AND n.channel = :channel AND n.readAt IS NULL")
                .setParameter("now", now)
                .setParameter("recipients", recipients)
                .setParameter("channel", Channel.IN_APP)
                .executeUpdate();
    }

    /** The caller's items after {@code seq}, oldest first: what a reconnecting stream missed. */
    public List<Notification> after(List<String> recipients, long seq, int limit) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        return em.createQuery("FROM Notification n WHERE n.recipient IN :recipients AND n.channel = :channel"
                        + " AND n.seq > :seq ORDER BY n.seq", Notification.class)
                .setParameter("recipients", recipients)
                .setParameter("channel", Channel.IN_APP)
                .setParameter("seq", seq)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Everyone's items after {@code seq}, oldest first: what the live stream fans out. */
    public List<Notification> after(long seq, int limit) {
        return em.createQuery("FROM Notification n WHERE n.channel = :channel AND n.seq > :seq ORDER BY n.seq",
                        Notification.class)
                .setParameter("channel", Channel.IN_APP)
                .setParameter("seq", seq)
                .setMaxResults(limit)
                .getResultList();
    }

    public long maxSeq() {
        Long max = em.createQuery("SELECT max(n.seq) FROM Notification n", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    private static String readFilter(Boolean unread) {
        if (unread == null) {
            return "";
        }
        return unread ? " AND n.readAt IS NULL" : " AND n.readAt IS NOT NULL";
    }
}
