package org.secondopinion.platform.security;

/** OIDC realm roles (DESIGN §3). */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String SPECIALIST = "specialist";
    public static final String COORDINATOR = "coordinator";
    public static final String CLINIC = "clinic";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
