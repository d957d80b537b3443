-- Protocol settings and letters (issue 17).
--
-- `protocol_settings`: one row per event, made when the organiser first changes one: the
-- letterhead of its letters, the prefix of their reference numbers, and the order of the
-- sections of the list of participants. Until then the defaults apply (letters.rs,
-- participants.rs).
CREATE TABLE protocol_settings (
    event_id         TEXT PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    -- "PREFIX/2024/001"; empty: made from the event's name (letters.rs).
    reference_prefix TEXT NOT NULL DEFAULT '',
    -- The letterhead's lines (the organisers, one per line); empty: the event's organisers.
    letterhead       TEXT NOT NULL DEFAULT '',
    signatory_name   TEXT NOT NULL DEFAULT '',
    signatory_title  TEXT NOT NULL DEFAULT '',
    -- Where letters are signed; empty: the event's city.
    place            TEXT NOT NULL DEFAULT '',
    -- A JSON array of the four sections in the list's order; NULL: the UN's usual order.
    section_order    TEXT CHECK (section_order IS NULL OR json_valid(section_order)),
    updated_at       TEXT NOT NULL
) STRICT;

-- An event's own wording of a letter in one language; without a row the built-in text of
-- the locale files (doc.letter.*) applies. Placeholders are {{name}} and the like.
CREATE TABLE letter_template (
    event_id   TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('invitation', 'visa', 'certificate')),
    lang       TEXT NOT NULL CHECK (lang IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, lang)
) STRICT;

-- The register of letters issued: each reference number once, never given again. The
-- attendee is kept by id only, so that the register outlives a deleted attendee.
CREATE TABLE letter_issued (
    event_id    TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    reference   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('invitation', 'visa', 'certificate')),
    attendee_id TEXT NOT NULL,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    issued_at   TEXT NOT NULL,
    PRIMARY KEY (event_id, reference),
    UNIQUE (event_id, year, seq)
) STRICT;
CREATE INDEX letter_issued_by_attendee ON letter_issued (attendee_id, kind);

-- The seating plan's settings: the host country, where the hosts and the UN system sit
-- ('order': in the UN order like everyone; 'podium'; 'ends': hosts in the first places, the
-- UN system in the last), the delegations that need an accessible place (a JSON array of alpha-2 codes) and the hall's
-- accessible places (a JSON array of place numbers; NULL: each row's two ends).
ALTER TABLE seating ADD COLUMN host_country TEXT
    CHECK (host_country IS NULL OR length(host_country) = 2);
ALTER TABLE seating ADD COLUMN hosts_place TEXT NOT NULL DEFAULT 'order'
    CHECK (hosts_place IN ('order', 'podium', 'ends'));
ALTER TABLE seating ADD COLUMN un_place TEXT NOT NULL DEFAULT 'order'
    CHECK (un_place IN ('order', 'podium', 'ends'));
ALTER TABLE seating ADD COLUMN accessible_countries TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(accessible_countries));
ALTER TABLE seating ADD COLUMN accessible_seats TEXT
    CHECK (accessible_seats IS NULL OR json_valid(accessible_seats));
-- Places swapped by hand after the draw: a JSON array of [country, country] pairs, applied in
-- turn to the plan; a new draw or a new first country clears them.
ALTER TABLE seating ADD COLUMN swaps TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(swaps));

-- The audit triggers log every column (a test checks), so `seating`'s are made again.
DROP TRIGGER audit_seating_insert;
DROP TRIGGER audit_seating_update;
DROP TRIGGER audit_seating_delete;
CREATE TRIGGER audit_seating_insert AFTER INSERT ON seating BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(NEW.event_id), NULL, json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'host_country', NEW.host_country, 'hosts_place', NEW.hosts_place, 'un_place', NEW.un_place, 'accessible_countries', NEW.accessible_countries, 'accessible_seats', NEW.accessible_seats, 'swaps', NEW.swaps, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_seating_update AFTER UPDATE ON seating
WHEN json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'host_country', OLD.host_country, 'hosts_place', OLD.hosts_place, 'un_place', OLD.un_place, 'accessible_countries', OLD.accessible_countries, 'accessible_seats', OLD.accessible_seats, 'swaps', OLD.swaps, 'updated_at', OLD.updated_at) IS NOT json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'host_country', NEW.host_country, 'hosts_place', NEW.hosts_place, 'un_place', NEW.un_place, 'accessible_countries', NEW.accessible_countries, 'accessible_seats', NEW.accessible_seats, 'swaps', NEW.swaps, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'host_country', OLD.host_country, 'hosts_place', OLD.hosts_place, 'un_place', OLD.un_place, 'accessible_countries', OLD.accessible_countries, 'accessible_seats', OLD.accessible_seats, 'swaps', OLD.swaps, 'updated_at', OLD.updated_at), json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'host_country', NEW.host_country, 'hosts_place', NEW.hosts_place, 'un_place', NEW.un_place, 'accessible_countries', NEW.accessible_countries, 'accessible_seats', NEW.accessible_seats, 'swaps', NEW.swaps, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_seating_delete AFTER DELETE ON seating BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'host_country', OLD.host_country, 'hosts_place', OLD.hosts_place, 'un_place', OLD.un_place, 'accessible_countries', OLD.accessible_countries, 'accessible_seats', OLD.accessible_seats, 'swaps', OLD.swaps, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_protocol_settings_insert AFTER INSERT ON protocol_settings BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('protocol_settings', json_array(NEW.event_id), NULL, json_object('event_id', NEW.event_id, 'reference_prefix', NEW.reference_prefix, 'letterhead', NEW.letterhead, 'signatory_name', NEW.signatory_name, 'signatory_title', NEW.signatory_title, 'place', NEW.place, 'section_order', NEW.section_order, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_protocol_settings_update AFTER UPDATE ON protocol_settings
WHEN json_object('event_id', OLD.event_id, 'reference_prefix', OLD.reference_prefix, 'letterhead', OLD.letterhead, 'signatory_name', OLD.signatory_name, 'signatory_title', OLD.signatory_title, 'place', OLD.place, 'section_order', OLD.section_order, 'updated_at', OLD.updated_at) IS NOT json_object('event_id', NEW.event_id, 'reference_prefix', NEW.reference_prefix, 'letterhead', NEW.letterhead, 'signatory_name', NEW.signatory_name, 'signatory_title', NEW.signatory_title, 'place', NEW.place, 'section_order', NEW.section_order, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('protocol_settings', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'reference_prefix', OLD.reference_prefix, 'letterhead', OLD.letterhead, 'signatory_name', OLD.signatory_name, 'signatory_title', OLD.signatory_title, 'place', OLD.place, 'section_order', OLD.section_order, 'updated_at', OLD.updated_at), json_object('event_id', NEW.event_id, 'reference_prefix', NEW.reference_prefix, 'letterhead', NEW.letterhead, 'signatory_name', NEW.signatory_name, 'signatory_title', NEW.signatory_title, 'place', NEW.place, 'section_order', NEW.section_order, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_protocol_settings_delete AFTER DELETE ON protocol_settings BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('protocol_settings', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'reference_prefix', OLD.reference_prefix, 'letterhead', OLD.letterhead, 'signatory_name', OLD.signatory_name, 'signatory_title', OLD.signatory_title, 'place', OLD.place, 'section_order', OLD.section_order, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_letter_template_insert AFTER INSERT ON letter_template BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_template', json_array(NEW.event_id, NEW.kind, NEW.lang), NULL, json_object('event_id', NEW.event_id, 'kind', NEW.kind, 'lang', NEW.lang, 'subject', NEW.subject, 'body', NEW.body, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_letter_template_update AFTER UPDATE ON letter_template
WHEN json_object('event_id', OLD.event_id, 'kind', OLD.kind, 'lang', OLD.lang, 'subject', OLD.subject, 'body', OLD.body, 'updated_at', OLD.updated_at) IS NOT json_object('event_id', NEW.event_id, 'kind', NEW.kind, 'lang', NEW.lang, 'subject', NEW.subject, 'body', NEW.body, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_template', json_array(OLD.event_id, OLD.kind, OLD.lang), json_object('event_id', OLD.event_id, 'kind', OLD.kind, 'lang', OLD.lang, 'subject', OLD.subject, 'body', OLD.body, 'updated_at', OLD.updated_at), json_object('event_id', NEW.event_id, 'kind', NEW.kind, 'lang', NEW.lang, 'subject', NEW.subject, 'body', NEW.body, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_letter_template_delete AFTER DELETE ON letter_template BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_template', json_array(OLD.event_id, OLD.kind, OLD.lang), json_object('event_id', OLD.event_id, 'kind', OLD.kind, 'lang', OLD.lang, 'subject', OLD.subject, 'body', OLD.body, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_letter_issued_insert AFTER INSERT ON letter_issued BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_issued', json_array(NEW.event_id, NEW.reference), NULL, json_object('event_id', NEW.event_id, 'reference', NEW.reference, 'kind', NEW.kind, 'attendee_id', NEW.attendee_id, 'year', NEW.year, 'seq', NEW.seq, 'issued_at', NEW.issued_at));
END;
CREATE TRIGGER audit_letter_issued_update AFTER UPDATE ON letter_issued
WHEN json_object('event_id', OLD.event_id, 'reference', OLD.reference, 'kind', OLD.kind, 'attendee_id', OLD.attendee_id, 'year', OLD.year, 'seq', OLD.seq, 'issued_at', OLD.issued_at) IS NOT json_object('event_id', NEW.event_id, 'reference', NEW.reference, 'kind', NEW.kind, 'attendee_id', NEW.attendee_id, 'year', NEW.year, 'seq', NEW.seq, 'issued_at', NEW.issued_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_issued', json_array(OLD.event_id, OLD.reference), json_object('event_id', OLD.event_id, 'reference', OLD.reference, 'kind', OLD.kind, 'attendee_id', OLD.attendee_id, 'year', OLD.year, 'seq', OLD.seq, 'issued_at', OLD.issued_at), json_object('event_id', NEW.event_id, 'reference', NEW.reference, 'kind', NEW.kind, 'attendee_id', NEW.attendee_id, 'year', NEW.year, 'seq', NEW.seq, 'issued_at', NEW.issued_at));
END;
CREATE TRIGGER audit_letter_issued_delete AFTER DELETE ON letter_issued BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('letter_issued', json_array(OLD.event_id, OLD.reference), json_object('event_id', OLD.event_id, 'reference', OLD.reference, 'kind', OLD.kind, 'attendee_id', OLD.attendee_id, 'year', OLD.year, 'seq', OLD.seq, 'issued_at', OLD.issued_at), NULL);
END;
