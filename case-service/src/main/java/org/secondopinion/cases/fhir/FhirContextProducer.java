package org.secondopinion.cases.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One FHIR R4 context for the whole service: building one scans the model and takes seconds; it is thread-safe. */
@ApplicationScoped
public class FhirContextProducer {

    @Produces
    @Singleton
    @Startup // built while the service starts, not on the first clinic's request
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // learn the resources we read and write now, so the first clinic's request does not pay for it
        for (String type : new String[]{"ServiceRequest", "Bundle", "Patient", "Condition", "Consent", "Practitioner",
                "PractitionerRole", "Organization", "Task", "OperationOutcome", "CapabilityStatement"}) {
            context.getResourceDefinition(type);
        }
        return context;
    }
}
