package org.secondopinion.specialist.directory;

/** Medical degree of a specialist. */
public enum Credentials {
    MD, DO
}
