-- Lists sort by a stored ICU sort key instead of comparing with the `icu` collation in the
-- index: inserting into an index that calls ICU for every comparison made a bulk import
-- of 50,000 people take seconds. The key is plenary_sort_key(sort_family, sort_given), a
-- function that Plenary registers on every connection (collation.rs): bytes that compare
-- like the ICU root collation of the family name, then the given name.
ALTER TABLE attendee ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
UPDATE attendee SET sort_key = plenary_sort_key(sort_family, sort_given);
DROP INDEX attendee_by_name;
CREATE INDEX attendee_by_sort ON attendee (event_id, sort_key);

-- Facts about the file itself. `sort_key_version` names the collation that computed the
-- stored keys; when a new build's ICU data differs, the keys are computed again on open.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('sort_key_version', '');
