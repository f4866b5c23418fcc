package org.secondopinion.cases.archfixture;

/** A class in case-service's package, for fixtures that must not depend on it (it breaks no rule itself). */
public class CaseFixture {

    public String reference() {
        return "SO-2026-000001";
    }
}
