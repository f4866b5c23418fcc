package org.secondopinion.cases.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.jboss.logging.Logger;
import org.secondopinion.cases.idempotency.IdempotentRequests;
import org.secondopinion.cases.idempotency.StoredResponse;
import org.secondopinion.cases.referral.Referral;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;
import org.secondopinion.cases.referral.ReferralProblem;
import org.secondopinion.cases.referral.ReferralService;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.security.CurrentUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FHIR referrals on top of {@link ReferralService}: parse strictly, map, validate the mapped referral ourselves (so
 * each violation names a FHIR element), then create it under the clinic's {@code Idempotency-Key} exactly like the
 * JSON API. Everything refused before the create stores nothing; a refusal during it rolls the whole transaction
 * back, key included.
 */
@ApplicationScoped
public class FhirReferralService {

    private static final Logger LOG = Logger.getLogger(FhirReferralService.class);

    private final FhirJson json;
    private final FhirReferralMapper mapper = new FhirReferralMapper();
    private final ReferralService referrals;
    private final IdempotentRequests idempotency;
    private final Validator validator;

    public FhirReferralService(FhirJson json, ReferralService referrals, IdempotentRequests idempotency,
                               Validator validator) {
        this.json = json;
        this.referrals = referrals;
        this.idempotency = idempotency;
        this.validator = validator;
    }

    /**
     * {@code POST …/fhir/ServiceRequest}: answers 201 with the ServiceRequest as we hold it, claim code included.
     *
     * @param location the URL of the created ServiceRequest, given its id
     */
    public IdempotentRequests.Outcome createFromServiceRequest(CurrentUser clinic, String idempotencyKey, String body,
                                                               Function<UUID, String> location) {
        String clinicId = clinicId(clinic);
        ServiceRequest serviceRequest = parse(body, ServiceRequest.class);
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(serviceRequest);
        ReferralRequest request = validated(mapped);
        return idempotency.run(clinicId, idempotencyKey, IdempotentRequests.hashOf(json.encode(serviceRequest)), () -> {
            ReferralService.Created created = create(clinic, request, mapped);
            ServiceRequest answer = FhirReferralViews.serviceRequest(created.referral(), created.patientCase(),
                    created.claimCode());
            return new StoredResponse(201, FhirJson.MEDIA_TYPE, json.encode(answer),
                    location.apply(created.referral().id));
        });
    }

    /**
     * {@code POST …/fhir} with a transaction Bundle: answers 200 with a transaction-response Bundle (FHIR's rule for
     * transactions), whose ServiceRequest entry is 201 Created with its location.
     */
    public IdempotentRequests.Outcome createFromBundle(CurrentUser clinic, String idempotencyKey, String body) {
        String clinicId = clinicId(clinic);
        Bundle bundle = parse(body, Bundle.class);
        FhirReferralMapper.Mapped mapped = mapper.fromBundle(bundle);
        ReferralRequest request = validated(mapped);
        return idempotency.run(clinicId, idempotencyKey, IdempotentRequests.hashOf(json.encode(bundle)), () -> {
            ReferralService.Created created = create(clinic, request, mapped);
            ServiceRequest answer = FhirReferralViews.serviceRequest(created.referral(), created.patientCase(),
                    created.claimCode());
            return new StoredResponse(200, FhirJson.MEDIA_TYPE,
                    json.encode(FhirReferralViews.transactionResponse(bundle, answer)), null);
        });
    }

    /** One of the clinic's referrals as a ServiceRequest (without the claim code, which only the create shows). */
    public ServiceRequest serviceRequest(String id, CurrentUser clinic) {
        ReferralService.Status status = referrals.find(referralId(id), clinic);
        return FhirReferralViews.serviceRequest(status.referral(), status.patientCase(), null);
    }

    public Task task(String id, CurrentUser clinic) {
        ReferralService.Status status = referrals.find(referralId(id), clinic);
        return FhirReferralViews.task(status.referral(), status.patientCase());
    }

    private <T extends IBaseResource> T parse(String body, Class<T> type) {
        IBaseResource resource = json.parse(body);
        if (!type.isInstance(resource)) {
            String found = resource.fhirType();
            throw FhirProblem.unreadable(IssueType.INVALID, found, "this endpoint takes a " + type.getSimpleName()
                    + ", not a " + found + (type == ServiceRequest.class
                    ? " (send a transaction Bundle to POST /api/v1/fhir)" : ""));
        }
        return type.cast(resource);
    }

    /** Our rules first, then Bean Validation of the mapped referral: all problems in one answer, nothing stored. */
    private ReferralRequest validated(FhirReferralMapper.Mapped mapped) {
        Set<ConstraintViolation<ReferralRequest>> violations = validator.validate(mapped.request());
        List<FhirIssue> issues = new ArrayList<>(mapped.issues());
        issues.addAll(ReferralViolations.toIssues(violations, mapped.sources(), mapped.reported()));
        if (!issues.isEmpty()) {
            // the codes tell operators what clinics get wrong; the diagnostics may quote patient data, so they stay out
            LOG.infof("FHIR referral refused: %d issue(s) [%s]", issues.size(),
                    issues.stream().map(i -> i.code().toCode()).distinct().collect(Collectors.joining(",")));
            throw new FhirProblem(422, issues);
        }
        return mapped.request();
    }

    /** The JSON API's refusals, said as FHIR issues at the element the clinic sent. */
    private ReferralService.Created create(CurrentUser clinic, ReferralRequest request,
                                           FhirReferralMapper.Mapped mapped) {
        try {
            return referrals.create(clinic, request, Referral.Channel.FHIR);
        } catch (InvalidFieldProblem e) {
            String path = ReferralViolations.fhirPath(e.field(), mapped.sources());
            throw FhirProblem.unprocessable(IssueType.VALUE, path, path + " " + e.getMessage()
                    .substring(e.field().length() + 2) + " (referral field " + e.field() + ")");
        } catch (ConstraintViolationException e) {
            throw new FhirProblem(422, ReferralViolations.toIssues(e.getConstraintViolations(), mapped.sources(),
                    Set.of()));
        } catch (ReferralProblem e) {
            if (e.status() != 409) {
                throw e;
            }
            String path = ReferralViolations.fhirPath("clinicReference", mapped.sources());
            throw new FhirProblem(409, FhirIssue.at(IssueType.DUPLICATE, path, path + ": " + e.getMessage()));
        }
    }

    /** Only an id we could have issued can name a referral; anything else is simply not found. */
    private static UUID referralId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new FhirProblem(404, FhirIssue.at(IssueType.NOTFOUND, null, "no referral " + id));
        }
    }

    /** Same rule as the JSON API: a clinic token without its clinic_id may do nothing (403, problem+json). */
    private static String clinicId(CurrentUser clinic) {
        return clinic.clinicId().filter(id -> !id.isBlank()).orElseThrow(() -> new ReferralProblem(403, "Forbidden",
                "this token has no clinic_id claim: ask us to set up your client as a partner clinic"));
    }
}
