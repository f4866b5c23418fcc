package org.secondopinion.cases.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.retention.RetentionRule;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.platform.problem.DomainException;
import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for clinics' POSTs: the key is claimed by inserting its row in the same transaction as the
 * work, so a retry after a lost answer, or a duplicate sent at the same moment, gets the first answer and creates
 * nothing twice. A concurrent duplicate waits on the row's primary key until the first transaction commits (then it
 * replays) or rolls back (then it does the work itself). A failed request (4xx) rolls back and leaves the key free.
 * Hand-written because no Quarkus extension offers idempotency keys; the logic is the insert below.
 */
@ApplicationScoped
public class IdempotentRequests {

    public record Outcome(StoredResponse response, boolean replayed) {
        public jakarta.ws.rs.core.Response toResponse() {
            return response.toResponse(replayed);
        }
    }

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final int MAX_KEY_LENGTH = 255;

    private final EntityManager em;
    private final ObjectMapper canonical;
    private final Clock clock;

    public IdempotentRequests(EntityManager em, ObjectMapper mapper, Clock clock) {
        this.em = em;
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per (clinic, key); without a key it simply runs. {@code requestHash} tells a true retry
     * (same body) from a client bug (same key, another body: 422).
     */
    @Transactional
    public Outcome run(String clinicId, String key, String requestHash, Supplier<StoredResponse> work) {
        if (key == null) {
            return new Outcome(work.get(), false);
        }
        checkKey(key);
        int claimed = em.createNativeQuery("INSERT INTO idempotency_record (clinic_id, idempotency_key, request_hash, "
                        + "created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, clinicId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, clock.instant()).executeUpdate();
        if (claimed == 1) {
            StoredResponse response = work.get();
            em.createNativeQuery("UPDATE idempotency_record SET response_status = ?1, response_type = ?2, "
                            + "response_body = ?3, response_location = ?4 WHERE clinic_id = ?5 AND idempotency_key = ?6")
                    .setParameter(1, response.status()).setParameter(2, response.contentType())
                    .setParameter(3, response.body()).setParameter(4, response.location())
                    .setParameter(5, clinicId).setParameter(6, key).executeUpdate();
            return new Outcome(response, false);
        }
        Object[] first = (Object[]) em.createNativeQuery("SELECT request_hash, response_status, response_type, "
                        + "response_body, response_location FROM idempotency_record "
                        + "WHERE clinic_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, clinicId).setParameter(2, key).getSingleResult();
        if (!requestHash.equals(first[0])) {
            throw new KeyReused(key);
        }
        LOG.debugf("replaying the first answer for an Idempotency-Key of clinic %s", clinicId);
        return new Outcome(new StoredResponse(((Number) first[1]).intValue(), (String) first[2], (String) first[3],
                (String) first[4]), true);
    }

    /** SHA-256 over the request as parsed, so whitespace and key order of the JSON do not matter. */
    public String hashOf(Object request) {
        try {
            byte[] json = canonical.writeValueAsBytes(canonical.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a request", e);
        }
    }

    /** Hash of a raw body, for requests whose parsed form is not a plain value (e.g. FHIR resources). */
    public static String hashOf(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Keys (and their first answers) are kept for a day ({@code so.retention.idempotency.age}): long enough for any
     * client's retries; platform retention deletes older ones.
     */
    @ApplicationScoped
    public static class OldKeys implements RetentionRule {
        @Override
        public String name() {
            return "idempotency";
        }

        @Override
        public String table() {
            return "idempotency_record";
        }

        @Override
        public String expiredWhen() {
            return "created_at < ?1";
        }

        @Override
        public Duration defaultAge() {
            return Duration.ofDays(1);
        }
    }

    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw new InvalidFieldProblem("Idempotency-Key", "must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
    }

    /** 422: the same key came with another body; that is a client bug, not a retry. */
    public static final class KeyReused extends DomainException {
        KeyReused(String key) {
            super(422, "Unprocessable Content", "Idempotency-Key " + key
                    + " was already used for a different request body; use a new key for a new request");
        }
    }
}
