package org.secondopinion.cases.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.PerformanceOptionsEnum;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One FHIR R4 context for the whole service (thread-safe), built on the first FHIR request rather than at start-up:
 * building it and scanning the R4 model cost 1-3 s of start-up and tens of MB of class metadata (profiled) in every
 * replica, most of which never sees a FHIR referral. Model scanning is deferred to the types a request touches.
 */
@ApplicationScoped
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.setPerformanceOptions(PerformanceOptionsEnum.DEFERRED_MODEL_SCANNING);
        return context;
    }
}
