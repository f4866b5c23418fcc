package org.secondopinion.cases.casefile;

public enum Origin {
    PATIENT, CLINIC_REFERRAL
}
