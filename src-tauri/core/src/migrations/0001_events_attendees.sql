-- Events, their organisers and categories, attendees and delegation heads.
-- Ids are UUID v7 text. Instants are RFC 3339 UTC text. Dates are YYYY-MM-DD in the
-- event's own calendar; the event carries its IANA time zone.

CREATE TABLE event (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    venue             TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    family_name_upper INTEGER NOT NULL DEFAULT 1,
    -- Set only on the sample seminar, so that loading it twice finds it again.
    sample_key        TEXT UNIQUE,
    -- Bumped by triggers on every change to the event's attendees, in the same transaction,
    -- so that an in-memory copy of the list (directory.rs) knows when it is stale.
    revision          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE event_organizer (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('co_sponsor', 'host', 'organizer')),
    PRIMARY KEY (event_id, position)
) STRICT;

-- Categories the organiser added; the built-in ones live in code.
CREATE TABLE category (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (event_id, key)
) STRICT;

CREATE TABLE attendee (
    id                TEXT PRIMARY KEY NOT NULL,
    event_id          TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    honorific         TEXT NOT NULL DEFAULT '',
    given_name        TEXT NOT NULL,
    family_name       TEXT NOT NULL,
    name_order        TEXT NOT NULL CHECK (name_order IN ('given_first', 'family_first')),
    given_name_latin  TEXT NOT NULL DEFAULT '',
    family_name_latin TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL CHECK (length(country) = 2),
    organization      TEXT NOT NULL DEFAULT '',
    position          TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL,
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    -- A JSON array of strings.
    languages         TEXT NOT NULL DEFAULT '[]',
    dietary           TEXT NOT NULL DEFAULT '',
    accessibility     TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    -- Folded names, organisation and email (see fold.rs); what search matches against.
    search_key        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Lists sort by the Latin form where there is one, so that 马朝旭 files under M
    -- for an organiser reading a Latin-script list, next to the Latin names.
    sort_family       TEXT GENERATED ALWAYS AS
        (CASE WHEN family_name_latin <> '' THEN family_name_latin ELSE family_name END) VIRTUAL,
    sort_given        TEXT GENERATED ALWAYS AS
        (CASE WHEN given_name_latin <> '' THEN given_name_latin ELSE given_name END) VIRTUAL
) STRICT;

-- Lists are ordered by family name, then given name, with ICU collation; this index lets
-- SQLite walk them in order instead of sorting. It also carries the search key, so a search
-- tests each key inside the (narrow) index and reads only the matching rows from the table.
CREATE INDEX attendee_by_name
    ON attendee (event_id, sort_family COLLATE icu, sort_given COLLATE icu, search_key);
CREATE INDEX attendee_by_country ON attendee (event_id, country);
-- No two attendees of one event share an email (case-insensitive); empty means none.
CREATE UNIQUE INDEX attendee_email_unique
    ON attendee (event_id, lower(email)) WHERE email <> '';

CREATE TRIGGER attendee_insert_revision AFTER INSERT ON attendee BEGIN
    UPDATE event SET revision = revision + 1 WHERE id = NEW.event_id;
END;
CREATE TRIGGER attendee_update_revision AFTER UPDATE ON attendee BEGIN
    UPDATE event SET revision = revision + 1 WHERE id IN (OLD.event_id, NEW.event_id);
END;
CREATE TRIGGER attendee_delete_revision AFTER DELETE ON attendee BEGIN
    UPDATE event SET revision = revision + 1 WHERE id = OLD.event_id;
END;

-- A delegation is the attendees of one country at one event; this table only records
-- who heads it.
CREATE TABLE delegation (
    event_id         TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    country          TEXT NOT NULL,
    head_attendee_id TEXT REFERENCES attendee(id) ON DELETE SET NULL,
    PRIMARY KEY (event_id, country)
) STRICT;
CREATE INDEX delegation_head ON delegation (head_attendee_id);
