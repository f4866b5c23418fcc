package org.secondopinion.platform.archfixture;

import org.secondopinion.cases.archfixture.CaseFixture;

/** Breaks "platform-common knows no service": shared code calling into case-service's package. */
public class PlatformUsingAServiceClass {

    public String reference(CaseFixture c) {
        return c.reference();
    }
}
