package org.secondopinion.specialist.availability;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A specialist's consult availability: one aggregate, replaced as a whole (validated by {@link AvailabilityRules}).
 * {@code version} is the version of the published event, +1 per change.
 */
@Entity
@Table(name = "specialist_availability")
public class Availability {

    @Id
    @Column(name = "specialist_id")
    public UUID specialistId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "slot_minutes", nullable = false)
    public int slotMinutes;

    @Column(name = "buffer_minutes", nullable = false)
    public int bufferMinutes;

    @ElementCollection
    @CollectionTable(name = "availability_weekly_window", joinColumns = @JoinColumn(name = "specialist_id"))
    public List<WeeklyWindow> weekly = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "availability_exception", joinColumns = @JoinColumn(name = "specialist_id"))
    public List<AvailabilityException> exceptions = new ArrayList<>();

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected Availability() {
    }

    public Availability(UUID specialistId) {
        this.specialistId = specialistId;
    }

    /** Replaces everything (already validated) and raises the version. */
    public void replace(String timeZone, int slotMinutes, int bufferMinutes, List<WeeklyWindow> weekly,
                        List<AvailabilityException> exceptions, Instant now) {
        this.timeZone = timeZone;
        this.slotMinutes = slotMinutes;
        this.bufferMinutes = bufferMinutes;
        this.weekly.clear();
        this.weekly.addAll(weekly);
        this.exceptions.clear();
        this.exceptions.addAll(exceptions);
        changed(now);
    }

    /** Something the availability is published with changed (e.g. the out-of-office periods). */
    public void changed(Instant now) {
        this.version++;
        this.updatedAt = now;
    }
}
