/**
 * Partner clinics' referrals over FHIR R4 (DESIGN §1, §11; docs/FHIR-MAPPING.md): a thin face over the JSON referral
 * API. {@link org.secondopinion.cases.fhir.FhirJson} parses strictly with HAPI,
 * {@link org.secondopinion.cases.fhir.FhirReferralMapper} turns ServiceRequest, Patient, Condition, Consent and
 * requester into the same {@code ReferralRequest} the JSON API takes, {@link org.secondopinion.cases.fhir.FhirReferralService}
 * validates it and hands it to {@code ReferralService}; {@link org.secondopinion.cases.fhir.FhirReferralViews} and
 * {@link org.secondopinion.cases.fhir.FhirStatusMapping} answer with ServiceRequest and Task. Every refusal is an
 * OperationOutcome ({@link org.secondopinion.cases.fhir.FhirProblem}).
 */
package org.secondopinion.cases.fhir;
