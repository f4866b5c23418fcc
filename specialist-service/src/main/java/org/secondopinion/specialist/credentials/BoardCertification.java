package org.secondopinion.specialist.credentials;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A board certification a specialist holds, e.g. ABOS in ORTHOPAEDIC_SURGERY. */
@Entity
@Table(name = "board_certification")
public class BoardCertification extends Credential {

    @Column(nullable = false)
    public String board;

    /** A {@link org.secondopinion.platform.reference.Specialty} code. */
    @Column(nullable = false)
    public String specialty;

    @Column(name = "certified_since")
    public LocalDate certifiedSince;

    @Override
    protected String kind() {
        return "certification";
    }
}
