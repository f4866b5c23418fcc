-- Load release (case.opinion-delivered / case.closed / case.cancelled) and coordinator assignments (DESIGN §5).

-- Set once the assigned specialist's load was given back: opinion-delivered and closed both arrive for one case,
-- and only the first may release it.
ALTER TABLE match_request ADD COLUMN load_released_at TIMESTAMPTZ;

-- Who assigned by hand, why, and which hard constraint (if any) they overrode.
ALTER TABLE match_request ADD COLUMN assigned_by VARCHAR(200);
ALTER TABLE match_request ADD COLUMN assignment_reason VARCHAR(1000);
ALTER TABLE match_request ADD COLUMN assignment_override VARCHAR(60);

-- the coordinators' queue: FAILED first, then open offers by deadline
CREATE INDEX match_request_queue ON match_request (status, updated_at);

-- the in-memory specialist index reads only rows changed since its last look
CREATE INDEX specialist_projection_updated_at ON specialist_projection (updated_at);
