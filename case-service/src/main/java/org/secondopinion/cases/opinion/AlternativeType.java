package org.secondopinion.cases.opinion;

public enum AlternativeType {
    CONSERVATIVE_THERAPY, MINIMALLY_INVASIVE_PROCEDURE, DIFFERENT_SURGERY, WATCHFUL_WAITING
}
