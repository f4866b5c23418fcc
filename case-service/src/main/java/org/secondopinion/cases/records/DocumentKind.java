package org.secondopinion.cases.records;

/** What a record is, in the patient's words; the content type is detected separately. */
public enum DocumentKind {
    IMAGING, IMAGING_REPORT, LAB_RESULT, CLINICAL_NOTE, SURGEON_RECOMMENDATION, PRIOR_TREATMENT, OTHER
}
