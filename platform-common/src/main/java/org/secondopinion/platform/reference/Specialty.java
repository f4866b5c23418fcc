package org.secondopinion.platform.reference;

import java.util.Arrays;
import java.util.Optional;

/**
 * The surgical specialties the directory knows (DESIGN §11), each with its NUCC provider taxonomy code, so that
 * case-service, matching and clinics' FHIR referrals all speak the same upper-case codes.
 */
public enum Specialty {
    ORTHOPAEDIC_SURGERY("Orthopaedic Surgery", "207X00000X"),
    NEUROSURGERY("Neurological Surgery", "207T00000X"),
    CARDIOTHORACIC_SURGERY("Thoracic Surgery (Cardiothoracic Vascular Surgery)", "208G00000X"),
    GENERAL_SURGERY("General Surgery", "208600000X"),
    VASCULAR_SURGERY("Vascular Surgery", "2086S0129X"),
    UROLOGY("Urology", "208800000X"),
    GYNECOLOGIC_SURGERY("Obstetrics & Gynecology", "207V00000X"),
    OTOLARYNGOLOGY("Otolaryngology", "207Y00000X"),
    OPHTHALMOLOGY("Ophthalmology", "207W00000X"),
    PLASTIC_SURGERY("Plastic Surgery", "208200000X"),
    COLON_RECTAL_SURGERY("Colon & Rectal Surgery", "208C00000X"),
    SURGICAL_ONCOLOGY("Surgical Oncology", "2086X0206X");

    private final String displayName;
    private final String nuccTaxonomyCode;

    Specialty(String displayName, String nuccTaxonomyCode) {
        this.displayName = displayName;
        this.nuccTaxonomyCode = nuccTaxonomyCode;
    }

    public String code() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    public String nuccTaxonomyCode() {
        return nuccTaxonomyCode;
    }

    public static Optional<Specialty> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
