-- Free-text directory search (q) over name, bio and expertise, and the specialists' out-of-office periods.

-- Trigram indexes let "name contains q" (LIKE '%q%') use an index instead of reading all 100 000 names;
-- pg_trgm is a trusted extension, so the database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words q is matched against: name, subspecialties (codes such as SPORTS_MEDICINE read as words), CPT codes of
-- the procedure expertise and the bio. A generated column needs an IMMUTABLE expression and array_to_string is
-- only STABLE (it calls the element type's output function); for text[] the result never changes, hence this
-- wrapper. The 'simple' configuration (no stemming, no stop words) because names and codes are not English words.
CREATE FUNCTION specialist_search_document(given_name TEXT, family_name TEXT, subspecialties TEXT[],
                                           procedure_expertise TEXT[], bio TEXT)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('simple'::regconfig,
                       coalesce(given_name, '') || ' ' || coalesce(family_name, '') || ' '
                           || replace(array_to_string(subspecialties, ' '), '_', ' ') || ' '
                           || array_to_string(procedure_expertise, ' ') || ' ' || coalesce(bio, ''));

-- Kept in step with the row by PostgreSQL itself: no application code can forget to refresh it.
ALTER TABLE specialist
    ADD COLUMN search_document tsvector NOT NULL
        GENERATED ALWAYS AS (specialist_search_document(given_name, family_name, subspecialties,
                                                        procedure_expertise, bio)) STORED;
CREATE INDEX specialist_search_document ON specialist USING GIN (search_document);

-- "name contains q": the same expression as the search query, so the planner can use it
CREATE INDEX specialist_name_trigram ON specialist USING GIN (lower(given_name || ' ' || family_name) gin_trgm_ops);

-- subspecialty filter: array containment, like languages
CREATE INDEX specialist_subspecialties ON specialist USING GIN (subspecialties);

-- Every page also counts its matches. Covering indexes let "specialty X licensed in state Y" count from the two
-- indexes alone (index-only scans joined by specialist id) instead of visiting ~9 000 heap pages of 100 000
-- profiles; measured 86 ms -> 25 ms for orthopaedic surgeons in TX (BENCHMARK.md). They replace V1's narrower ones.
CREATE INDEX specialist_specialty_status_id ON specialist (primary_specialty, status) INCLUDE (id);
DROP INDEX specialist_specialty_status;
CREATE INDEX state_license_state_valid ON state_license (state, status, specialist_id) INCLUDE (expires_on);
DROP INDEX state_license_state;

-- Days a specialist takes no new cases (holidays, conferences), both ends inclusive, in the specialist's own
-- calendar. Overlaps are refused by the application (the profile is one aggregate under an optimistic lock).
CREATE TABLE specialist_out_of_office (
    specialist_id UUID         NOT NULL REFERENCES specialist (id) ON DELETE CASCADE,
    starts_on     DATE         NOT NULL,
    ends_on       DATE         NOT NULL,
    note          VARCHAR(200),
    CONSTRAINT specialist_out_of_office_pk PRIMARY KEY (specialist_id, starts_on),
    CONSTRAINT specialist_out_of_office_dates CHECK (ends_on >= starts_on)
);
