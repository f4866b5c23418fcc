package org.secondopinion.matching.archfixture;

import org.secondopinion.cases.archfixture.CaseFixture;

/** Breaks "services do not depend on each other": matching code using a class of case-service's package. */
public class MatchingUsingACaseClass {

    public String reference(CaseFixture c) {
        return c.reference();
    }
}
