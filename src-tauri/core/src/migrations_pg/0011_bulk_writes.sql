-- Bulk writes on a server: a COPY of many attendees moves the revision once and writes its
-- log rows once.
--
-- The event's revision moves once per statement that changes its attendees, not once per row:
-- a COPY of 50,000 people updated the event's row 50,000 times in one transaction (each
-- update a new version of that row), which took most of a bulk import's time. A statement
-- trigger sees the rows it changed in its transition tables and bumps each event they belong
-- to once. PostgreSQL allows transition tables on a trigger of one event only, hence three.
DROP TRIGGER attendee_revision ON attendee;
DROP FUNCTION plenary_attendee_revision();

CREATE FUNCTION plenary_attendee_revision_inserted() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE event SET revision = revision + 1
        WHERE id IN (SELECT DISTINCT event_id FROM new_rows);
    RETURN NULL;
END $$;
CREATE FUNCTION plenary_attendee_revision_updated() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE event SET revision = revision + 1
        WHERE id IN (SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows);
    RETURN NULL;
END $$;
CREATE FUNCTION plenary_attendee_revision_deleted() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE event SET revision = revision + 1
        WHERE id IN (SELECT DISTINCT event_id FROM old_rows);
    RETURN NULL;
END $$;

CREATE TRIGGER attendee_revision_inserted AFTER INSERT ON attendee
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION plenary_attendee_revision_inserted();
CREATE TRIGGER attendee_revision_updated AFTER UPDATE ON attendee
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION plenary_attendee_revision_updated();
CREATE TRIGGER attendee_revision_deleted AFTER DELETE ON attendee
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION plenary_attendee_revision_deleted();

-- A transaction that opened its audit entry before writing (a bulk import: tx.rs,
-- `WriteTx::open_entry`) names it in `plenary.entry`, and each logged row carries it as it is
-- written, so the commit need not rewrite 50,000 log rows to seal them. Otherwise as before.
CREATE OR REPLACE FUNCTION plenary_audit() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    pk jsonb := '[]'::jsonb;
    source jsonb;
    col text;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    IF TG_TABLE_NAME = 'event' THEN
        old_row := old_row - 'revision';
        new_row := new_row - 'revision';
    ELSIF TG_TABLE_NAME = 'attendee' THEN
        old_row := old_row - ARRAY['sort_key', 'sort_family', 'sort_given'];
        new_row := new_row - ARRAY['sort_key', 'sort_family', 'sort_given'];
    ELSIF TG_TABLE_NAME = 'attendee_sensitive' THEN
        IF old_row IS NOT NULL THEN
            old_row := old_row
                || jsonb_build_object('passport_number',
                       CASE WHEN OLD.passport_number <> '' THEN '(set)' ELSE '' END,
                       'date_of_birth', CASE WHEN OLD.date_of_birth <> '' THEN '(set)' ELSE '' END);
        END IF;
        IF new_row IS NOT NULL THEN
            new_row := new_row
                || jsonb_build_object('passport_number',
                       CASE WHEN NEW.passport_number <> '' THEN '(set)' ELSE '' END,
                       'date_of_birth', CASE WHEN NEW.date_of_birth <> '' THEN '(set)' ELSE '' END);
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND old_row IS NOT DISTINCT FROM new_row THEN
        RETURN NULL;
    END IF;
    source := coalesce(old_row, new_row);
    FOREACH col IN ARRAY TG_ARGV LOOP
        pk := pk || jsonb_build_array(source -> col);
    END LOOP;
    INSERT INTO change_row (tbl, pk, old, new, entry_id)
        VALUES (TG_TABLE_NAME, pk::text, old_row::text, new_row::text,
                nullif(current_setting('plenary.entry', true), '')::bigint);
    RETURN NULL;
END $$;
