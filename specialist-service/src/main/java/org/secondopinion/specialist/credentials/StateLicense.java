package org.secondopinion.specialist.credentials;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A licence to practise medicine in one US state; one per state and specialist. */
@Entity
@Table(name = "state_license")
public class StateLicense extends Credential {

    /** Two-letter USPS code, e.g. CA. */
    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public String number;

    @Column(name = "issued_on")
    public LocalDate issuedOn;

    @Override
    protected String kind() {
        return "licence";
    }
}
