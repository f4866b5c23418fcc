-- The platform itself cancels an upcoming consult when the case is reassigned to another specialist or withdrawn.
ALTER TABLE consult DROP CONSTRAINT IF EXISTS consult_cancelled_by_check;
ALTER TABLE consult ADD CONSTRAINT consult_cancelled_by_check
    CHECK (cancelled_by IN ('PATIENT', 'SPECIALIST', 'COORDINATOR', 'SYSTEM'));
