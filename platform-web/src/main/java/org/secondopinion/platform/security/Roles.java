package org.secondopinion.platform.security;

/** OIDC realm roles (DESIGN §3). */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String SPECIALIST = "specialist";
    public static final String COORDINATOR = "coordinator";
    public static final String CLINIC = "clinic";
    public static final String ADMIN = "admin";
    /** Every platform role: a signed-in caller holding none of them is no user of the platform (403). */
    public static final java.util.List<String> ALL = java.util.List.of(PATIENT, SPECIALIST, COORDINATOR, CLINIC, ADMIN);

    private Roles() {
    }
}
