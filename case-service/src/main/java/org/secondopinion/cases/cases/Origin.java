package org.secondopinion.cases.cases;

public enum Origin {
    PATIENT, CLINIC_REFERRAL
}
