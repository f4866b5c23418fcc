package org.secondopinion.specialist.directory;

/** Where a specialist is in the directory's lifecycle; only ACTIVE ones are listed publicly and matched. */
public enum SpecialistStatus {
    ONBOARDING, ACTIVE, SUSPENDED, RETIRED
}
