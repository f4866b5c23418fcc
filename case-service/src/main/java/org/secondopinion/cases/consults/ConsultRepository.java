package org.secondopinion.cases.consults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ConsultRepository {

    private final EntityManager em;

    public ConsultRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Consult> find(UUID caseId, UUID consultId) {
        return Optional.ofNullable(em.find(Consult.class, consultId)).filter(c -> c.caseId.equals(caseId));
    }

    public List<Consult> ofCase(UUID caseId) {
        return em.createQuery("FROM Consult WHERE caseId = :caseId ORDER BY startsAt", Consult.class)
                .setParameter("caseId", caseId).getResultList();
    }

    public boolean hasBooked(UUID caseId) {
        return !em.createQuery("SELECT c.id FROM Consult c WHERE c.caseId = :caseId AND c.status = :booked", UUID.class)
                .setParameter("caseId", caseId).setParameter("booked", ConsultStatus.BOOKED)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The specialist's booked consults overlapping [from, to), except {@code except} (null: none). */
    public List<Slot> bookedOf(UUID specialistId, Instant from, Instant to, UUID except) {
        return em.createQuery("FROM Consult WHERE specialistId = :s AND status = :booked AND startsAt < :to "
                        + "AND endsAt > :from", Consult.class)
                .setParameter("s", specialistId).setParameter("booked", ConsultStatus.BOOKED)
                .setParameter("from", from).setParameter("to", to).getResultList().stream()
                .filter(c -> !c.id.equals(except)).map(Consult::slot).toList();
    }

    /** Inserts now, so that the database's constraints answer inside this call. */
    public void persistAndFlush(Consult consult) {
        em.persist(consult);
        em.flush();
    }

    public void flush() {
        em.flush();
    }
}
