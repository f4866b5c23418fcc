-- Clinic referrals (issue: clinic-referred cases): such a case is submitted before the patient has an account, so
-- case.submitted.v1 carries patientId null; case.claimed.v1 fills it in once the patient redeems the claim code.
ALTER TABLE match_request ALTER COLUMN patient_id DROP NOT NULL;
