package org.secondopinion.cases.consults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * case-service's copy of each specialist's consult availability, from {@code specialist.availability-changed.v1}
 * (specialist-service owns it). The newest version wins, so a redelivered or late older event changes nothing.
 */
@ApplicationScoped
public class AvailabilityProjection {

    private static final Logger LOG = Logger.getLogger(AvailabilityProjection.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public AvailabilityProjection(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onChanged(SpecialistAvailabilityChanged event) {
        int changed = em.createNativeQuery("INSERT INTO specialist_availability (specialist_id, version, availability, "
                        + "received_at) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4) ON CONFLICT (specialist_id) DO UPDATE "
                        + "SET version = excluded.version, availability = excluded.availability, "
                        + "received_at = excluded.received_at WHERE specialist_availability.version < excluded.version")
                .setParameter(1, event.specialistId())
                .setParameter(2, event.version())
                .setParameter(3, write(event))
                .setParameter(4, clock.instant())
                .executeUpdate();
        if (changed == 0) {
            LOG.infof("availability %d of specialist %s is not newer: ignored", event.version(), event.specialistId());
        }
    }

    public Optional<SpecialistAvailabilityChanged> find(UUID specialistId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "SELECT CAST(availability AS text) FROM specialist_availability WHERE specialist_id = ?1")
                .setParameter(1, specialistId).getResultList();
        return rows.stream().findFirst().map(this::read);
    }

    private String write(SpecialistAvailabilityChanged event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SpecialistAvailabilityChanged read(String row) {
        try {
            return json.readValue(row, SpecialistAvailabilityChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored availability unreadable", e);
        }
    }
}
