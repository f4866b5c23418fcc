package org.secondopinion.cases.opinion;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** An option the patient could weigh against the proposed surgery. */
@Embeddable
public class Alternative {
    @Enumerated(EnumType.STRING)
    public AlternativeType type;
    public String description;

    protected Alternative() {
    }

    public Alternative(AlternativeType type, String description) {
        this.type = type;
        this.description = description;
    }
}
