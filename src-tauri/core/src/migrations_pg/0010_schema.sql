-- The server's schema at version 10, the same tables and columns as the file's schema after
-- its migrations 0001 to 0010 (a test compares the two, table by table and column by column).
-- Ids, instants and dates are text, as in the file, so that one SQL statement serves both
-- engines; SQLite's INTEGER is bigint here and its BLOB bytea. A server starts at version 10:
-- later migrations add a file to both folders.

CREATE TABLE meta (
    key   text PRIMARY KEY NOT NULL,
    value text NOT NULL
);

CREATE TABLE event (
    id                text PRIMARY KEY NOT NULL,
    name              text NOT NULL,
    venue             text NOT NULL DEFAULT '',
    city              text NOT NULL DEFAULT '',
    start_date        text NOT NULL,
    end_date          text NOT NULL,
    timezone          text NOT NULL,
    family_name_upper bigint NOT NULL DEFAULT 1,
    sample_key        text UNIQUE,
    revision          bigint NOT NULL DEFAULT 0,
    created_at        text NOT NULL,
    updated_at        text NOT NULL,
    language          text NOT NULL DEFAULT 'en'
        CHECK (language IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    CHECK (end_date >= start_date)
);

CREATE TABLE event_organizer (
    event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    name     text NOT NULL,
    role     text NOT NULL CHECK (role IN ('co_sponsor', 'host', 'organizer')),
    PRIMARY KEY (event_id, position)
);

CREATE TABLE category (
    event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    key      text NOT NULL,
    label    text NOT NULL,
    PRIMARY KEY (event_id, key)
);

CREATE TABLE attendee (
    id                text PRIMARY KEY NOT NULL,
    event_id          text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    honorific         text NOT NULL DEFAULT '',
    given_name        text NOT NULL,
    family_name       text NOT NULL,
    name_order        text NOT NULL CHECK (name_order IN ('given_first', 'family_first')),
    given_name_latin  text NOT NULL DEFAULT '',
    family_name_latin text NOT NULL DEFAULT '',
    country           text NOT NULL CHECK (length(country) = 2),
    organization      text NOT NULL DEFAULT '',
    position          text NOT NULL DEFAULT '',
    category          text NOT NULL,
    email             text NOT NULL DEFAULT '',
    phone             text NOT NULL DEFAULT '',
    languages         text NOT NULL DEFAULT '[]',
    dietary           text NOT NULL DEFAULT '',
    accessibility     text NOT NULL DEFAULT '',
    notes             text NOT NULL DEFAULT '',
    search_key        text NOT NULL,
    created_at        text NOT NULL,
    updated_at        text NOT NULL,
    sort_family       text GENERATED ALWAYS AS
        (CASE WHEN family_name_latin <> '' THEN family_name_latin ELSE family_name END) STORED,
    sort_given        text GENERATED ALWAYS AS
        (CASE WHEN given_name_latin <> '' THEN given_name_latin ELSE given_name END) STORED,
    attending         bigint NOT NULL DEFAULT 1,
    checked_in_at     text,
    sort_key          bytea NOT NULL DEFAULT '\x'
);
CREATE INDEX attendee_by_country ON attendee (event_id, country);
CREATE UNIQUE INDEX attendee_email_unique ON attendee (event_id, lower(email)) WHERE email <> '';
CREATE INDEX attendee_by_sort ON attendee (event_id, sort_key);

CREATE TABLE delegation (
    event_id         text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    country          text NOT NULL,
    head_attendee_id text REFERENCES attendee(id) ON DELETE SET NULL,
    section          text
        CHECK (section IS NULL OR section IN ('member_state', 'observer', 'un_system', 'organization')),
    PRIMARY KEY (event_id, country)
);
CREATE INDEX delegation_head ON delegation (head_attendee_id);

CREATE TABLE room (
    id             text PRIMARY KEY NOT NULL,
    event_id       text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    name           text NOT NULL,
    capacity       bigint CHECK (capacity IS NULL OR capacity >= 0),
    offsite        bigint NOT NULL DEFAULT 0,
    address        text NOT NULL DEFAULT '',
    meeting_point  text NOT NULL DEFAULT '',
    departure_time text NOT NULL DEFAULT '',
    position       bigint NOT NULL,
    created_at     text NOT NULL,
    updated_at     text NOT NULL
);
CREATE UNIQUE INDEX room_name_unique ON room (event_id, lower(name));

CREATE TABLE session (
    id          text PRIMARY KEY NOT NULL,
    event_id    text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    title       text NOT NULL,
    type        text NOT NULL CHECK (type IN ('opening_ceremony', 'closing_ceremony', 'address',
                    'keynote', 'lecture', 'interactive_exchange', 'panel', 'site_visit',
                    'field_study', 'break', 'meal', 'other')),
    starts_at   text NOT NULL,
    ends_at     text NOT NULL,
    room_id     text REFERENCES room(id) ON DELETE SET NULL,
    description text NOT NULL DEFAULT '',
    capacity    bigint CHECK (capacity IS NULL OR capacity >= 0),
    track       text NOT NULL DEFAULT '',
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX session_by_time ON session (event_id, starts_at);
CREATE INDEX session_by_room ON session (room_id);

CREATE TABLE assignment (
    id            text PRIMARY KEY NOT NULL,
    session_id    text NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id   text NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    role          text NOT NULL CHECK (role IN ('address', 'video_address', 'keynote',
                      'lecturer', 'moderator', 'panelist', 'rapporteur')),
    position      bigint NOT NULL,
    home_timezone text NOT NULL DEFAULT '',
    created_at    text NOT NULL,
    UNIQUE (session_id, attendee_id, role)
);
CREATE INDEX assignment_by_attendee ON assignment (attendee_id);

CREATE TABLE signup (
    session_id  text NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id text NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    created_at  text NOT NULL,
    PRIMARY KEY (session_id, attendee_id)
);
CREATE INDEX signup_by_attendee ON signup (attendee_id);

CREATE TABLE accepted_warning (
    event_id    text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    key         text NOT NULL,
    note        text NOT NULL DEFAULT '',
    accepted_at text NOT NULL,
    PRIMARY KEY (event_id, key)
);

CREATE TABLE attendance (
    session_id  text NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id text NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    at          text NOT NULL,
    PRIMARY KEY (session_id, attendee_id)
);
CREATE INDEX attendance_by_attendee ON attendance (attendee_id);

CREATE TABLE change_entry (
    id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_id  text,
    at        text NOT NULL,
    actor     text NOT NULL,
    summary   text NOT NULL,
    reason    text NOT NULL DEFAULT '',
    undoes    bigint REFERENCES change_entry(id),
    undone_by bigint REFERENCES change_entry(id)
);
CREATE INDEX change_entry_by_event ON change_entry (event_id, id);

CREATE TABLE change_row (
    seq      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    entry_id bigint REFERENCES change_entry(id) ON DELETE CASCADE,
    tbl      text NOT NULL,
    pk       text NOT NULL,
    old      text,
    new      text
);
CREATE INDEX change_row_by_entry ON change_row (entry_id, seq);

CREATE TABLE attendee_sensitive (
    attendee_id     text PRIMARY KEY NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    passport_number text NOT NULL DEFAULT '',
    date_of_birth   text NOT NULL DEFAULT '',
    updated_at      text NOT NULL
);

CREATE TABLE sensitive_policy (
    event_id       text PRIMARY KEY NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    retention_days bigint CHECK (retention_days IS NULL OR retention_days >= 0)
);

CREATE TABLE seating (
    event_id             text PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    first_country        text CHECK (first_country IS NULL OR length(first_country) = 2),
    method               text CHECK (method IS NULL OR method IN ('draw', 'set')),
    decided_at           text,
    seats_per_delegation bigint NOT NULL DEFAULT 2 CHECK (seats_per_delegation BETWEEN 1 AND 9),
    updated_at           text NOT NULL,
    host_country         text CHECK (host_country IS NULL OR length(host_country) = 2),
    hosts_place          text NOT NULL DEFAULT 'order' CHECK (hosts_place IN ('order', 'podium', 'ends')),
    un_place             text NOT NULL DEFAULT 'order' CHECK (un_place IN ('order', 'podium', 'ends')),
    -- A cast of text that is not JSON fails, so the check refuses it as SQLite's json_valid.
    accessible_countries text NOT NULL DEFAULT '[]' CHECK (accessible_countries::jsonb IS NOT NULL),
    accessible_seats     text CHECK (accessible_seats IS NULL OR accessible_seats::jsonb IS NOT NULL),
    swaps                text NOT NULL DEFAULT '[]' CHECK (swaps::jsonb IS NOT NULL)
);

CREATE TABLE protocol_settings (
    event_id         text PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    reference_prefix text NOT NULL DEFAULT '',
    letterhead       text NOT NULL DEFAULT '',
    signatory_name   text NOT NULL DEFAULT '',
    signatory_title  text NOT NULL DEFAULT '',
    place            text NOT NULL DEFAULT '',
    section_order    text CHECK (section_order IS NULL OR section_order::jsonb IS NOT NULL),
    updated_at       text NOT NULL
);

CREATE TABLE letter_template (
    event_id   text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('invitation', 'visa', 'certificate')),
    lang       text NOT NULL CHECK (lang IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    subject    text NOT NULL,
    body       text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (event_id, kind, lang)
);

CREATE TABLE letter_issued (
    event_id    text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    reference   text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('invitation', 'visa', 'certificate')),
    attendee_id text NOT NULL,
    year        bigint NOT NULL,
    seq         bigint NOT NULL CHECK (seq >= 1),
    issued_at   text NOT NULL,
    PRIMARY KEY (event_id, reference),
    UNIQUE (event_id, year, seq)
);
CREATE INDEX letter_issued_by_attendee ON letter_issued (attendee_id, kind);

-- The event's revision moves with every change to its attendees, in the same transaction, as
-- the file's triggers do (directory.rs caches the list by it; desks will follow it).
-- The trigger functions run with their owner's rights (SECURITY DEFINER), so that a desk's
-- role, which may not write the log or the event, still leaves the same trail.
CREATE FUNCTION plenary_attendee_revision() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE event SET revision = revision + 1 WHERE id = OLD.event_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id IS DISTINCT FROM OLD.event_id) THEN
        UPDATE event SET revision = revision + 1 WHERE id = NEW.event_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER attendee_revision AFTER INSERT OR UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION plenary_attendee_revision();

-- The audit log, as the file's triggers write it: every changed row of a watched table into
-- change_row as JSON (the primary key's values, the old and the new row), without the derived
-- columns; passport numbers and dates of birth only as '(set)' or ''. One function serves
-- every table; its arguments are the table's primary-key columns. An update that changes
-- nothing logged is not logged.
CREATE FUNCTION plenary_audit() RETURNS trigger LANGUAGE plpgsql
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
    INSERT INTO change_row (tbl, pk, old, new)
        VALUES (TG_TABLE_NAME, pk::text, old_row::text, new_row::text);
    RETURN NULL;
END $$;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event_organizer
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'position');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON category
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'key');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON delegation
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'country');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON room
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON session
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON assignment
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON signup
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('session_id', 'attendee_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('session_id', 'attendee_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON accepted_warning
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'key');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON sensitive_policy
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON attendee_sensitive
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('attendee_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON seating
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON protocol_settings
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON letter_template
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'kind', 'lang');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON letter_issued
    FOR EACH ROW EXECUTE FUNCTION plenary_audit('event_id', 'reference');

-- What a desk's role may do is granted by `server::grant_desk` (`plenary server setup
-- --desk-role`); the row rule it relies on is here: a desk adds only people who arrive
-- checked in (walk-ins), never a list of people still expected (an import). The table's
-- owner is not bound by it.
ALTER TABLE attendee ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON attendee FOR SELECT USING (true);
CREATE POLICY walk_ins_only ON attendee FOR INSERT WITH CHECK (checked_in_at IS NOT NULL);
CREATE POLICY check_in ON attendee FOR UPDATE USING (true) WITH CHECK (true);
