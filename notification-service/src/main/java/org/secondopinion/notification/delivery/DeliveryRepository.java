package org.secondopinion.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Delivery rows: the insert-once of routing, the worker's queue and the coordinators' log. */
@ApplicationScoped
public class DeliveryRepository {

    private final EntityManager em;
    private final ObjectMapper json;

    public DeliveryRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** Inserts unless this (event, recipient, channel) exists; a replayed event sends nothing new. */
    public boolean insertOnce(Delivery d) {
        return em.createNativeQuery("INSERT INTO delivery (id, event_id, event_type, recipient, channel, kind, "
                        + "case_reference, text, addresses, status, attempts, next_attempt_at, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10, 0, ?11, ?12) "
                        + "ON CONFLICT (event_id, recipient, channel) DO NOTHING")
                .setParameter(1, d.id)
                .setParameter(2, d.eventId)
                .setParameter(3, d.eventType)
                .setParameter(4, d.recipient)
                .setParameter(5, d.channel().name())
                .setParameter(6, d.kind.name())
                .setParameter(7, d.caseReference)
                .setParameter(8, d.text)
                .setParameter(9, toJson(d.addresses))
                .setParameter(10, d.status().name())
                .setParameter(11, d.nextAttemptAt())
                .setParameter(12, d.createdAt)
                .executeUpdate() == 1;
    }

    /**
     * Leases the due rows next in line until {@code leaseUntil} and returns them, in one statement: the inner SELECT
     * locks them so that another replica's pass skips them (SKIP LOCKED), the UPDATE moves their next attempt past
     * the lease. A SELECT ... FOR UPDATE and then an UPDATE per row cost a round trip more per pass.
     */
    @SuppressWarnings("unchecked")
    public List<Delivery> leaseDue(Instant now, int limit, Instant leaseUntil) {
        return em.createNativeQuery("UPDATE delivery SET next_attempt_at = ?3 WHERE id IN ("
                        + "SELECT id FROM delivery WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ?1 "
                        + "ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED) RETURNING *", Delivery.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, leaseUntil)
                .getResultList();
    }

    /**
     * The rows of these deliveries, in one query (the outcomes of a sent batch are recorded together). Hibernate's
     * multi-load binds the ids as one array ({@code id = any(?)}) with a statement it builds once; a query with
     * {@code IN :ids} was translated anew on every execution, because its SQL depends on the list's length (9 % of
     * notification-service's CPU at 50 cases/s, async-profiler).
     */
    public List<Delivery> findAll(Collection<UUID> ids) {
        return em.unwrap(Session.class).findMultiple(Delivery.class, List.copyOf(ids)).stream()
                .filter(Objects::nonNull).toList();
    }

    public Delivery find(UUID id) {
        return em.find(Delivery.class, id);
    }

    public List<Delivery> page(DeliveryStatus status, Channel channel, int offset, int limit) {
        TypedQuery<Delivery> query = em.createQuery("FROM Delivery d" + filter(status, channel)
                + " ORDER BY d.createdAt DESC, d.id DESC", Delivery.class);
        bind(query, status, channel);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many deliveries match, counting no further than {@code limit} (the scan stops there). */
    public long countUpTo(DeliveryStatus status, Channel channel, long limit) {
        TypedQuery<Integer> query = em.createQuery("SELECT 1 FROM Delivery d" + filter(status, channel),
                Integer.class);
        bind(query, status, channel);
        return query.setMaxResults((int) Math.min(limit, Integer.MAX_VALUE)).getResultList().size();
    }

    private static String filter(DeliveryStatus status, Channel channel) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (status != null) {
            where.append(" AND d.status = :status");
        }
        if (channel != null) {
            where.append(" AND d.channel = :channel");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, DeliveryStatus status, Channel channel) {
        if (status != null) {
            query.setParameter("status", status);
        }
        if (channel != null) {
            query.setParameter("channel", channel);
        }
    }

    private String toJson(List<String> addresses) {
        try {
            return json.writeValueAsString(addresses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
