-- The audit log: every change to the store, by whom, when, old and new values, and why.
--
-- Triggers on every table write each changed row into `change_row` (its primary key, and its
-- old and new values as JSON objects), with `entry_id` NULL. The transaction that made the
-- change seals them before it commits (audit.rs): one `change_entry` for the whole change,
-- with the OS user, the time, a summary, the reason if one was given, and the event. Undo
-- applies the rows of an entry backwards. Foreign-key cascades fire the triggers of the
-- child tables too, so deleting an attendee also records their assignments and sign-ups,
-- and undoing it brings them back. A test checks that the triggers cover every column.
CREATE TABLE change_entry (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    summary   TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    -- The entry this one undid, and the entry that undid this one.
    undoes    INTEGER REFERENCES change_entry(id),
    undone_by INTEGER REFERENCES change_entry(id)
) STRICT;
CREATE INDEX change_entry_by_event ON change_entry (event_id, id);

CREATE TABLE change_row (
    seq      INTEGER PRIMARY KEY,
    entry_id INTEGER REFERENCES change_entry(id) ON DELETE CASCADE,
    tbl      TEXT NOT NULL,
    -- A JSON array of the primary key's values.
    pk       TEXT NOT NULL,
    old      TEXT,
    new      TEXT
) STRICT;
CREATE INDEX change_row_by_entry ON change_row (entry_id, seq);

CREATE TRIGGER audit_event_insert AFTER INSERT ON event BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(NEW.id), NULL, json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_event_update AFTER UPDATE ON event
WHEN json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at) IS NOT json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_event_delete AFTER DELETE ON event BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_event_organizer_insert AFTER INSERT ON event_organizer BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event_organizer', json_array(NEW.event_id, NEW.position), NULL, json_object('event_id', NEW.event_id, 'position', NEW.position, 'name', NEW.name, 'role', NEW.role));
END;
CREATE TRIGGER audit_event_organizer_update AFTER UPDATE ON event_organizer
WHEN json_object('event_id', OLD.event_id, 'position', OLD.position, 'name', OLD.name, 'role', OLD.role) IS NOT json_object('event_id', NEW.event_id, 'position', NEW.position, 'name', NEW.name, 'role', NEW.role) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event_organizer', json_array(OLD.event_id, OLD.position), json_object('event_id', OLD.event_id, 'position', OLD.position, 'name', OLD.name, 'role', OLD.role), json_object('event_id', NEW.event_id, 'position', NEW.position, 'name', NEW.name, 'role', NEW.role));
END;
CREATE TRIGGER audit_event_organizer_delete AFTER DELETE ON event_organizer BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event_organizer', json_array(OLD.event_id, OLD.position), json_object('event_id', OLD.event_id, 'position', OLD.position, 'name', OLD.name, 'role', OLD.role), NULL);
END;

CREATE TRIGGER audit_category_insert AFTER INSERT ON category BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('category', json_array(NEW.event_id, NEW.key), NULL, json_object('event_id', NEW.event_id, 'key', NEW.key, 'label', NEW.label));
END;
CREATE TRIGGER audit_category_update AFTER UPDATE ON category
WHEN json_object('event_id', OLD.event_id, 'key', OLD.key, 'label', OLD.label) IS NOT json_object('event_id', NEW.event_id, 'key', NEW.key, 'label', NEW.label) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('category', json_array(OLD.event_id, OLD.key), json_object('event_id', OLD.event_id, 'key', OLD.key, 'label', OLD.label), json_object('event_id', NEW.event_id, 'key', NEW.key, 'label', NEW.label));
END;
CREATE TRIGGER audit_category_delete AFTER DELETE ON category BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('category', json_array(OLD.event_id, OLD.key), json_object('event_id', OLD.event_id, 'key', OLD.key, 'label', OLD.label), NULL);
END;

CREATE TRIGGER audit_attendee_insert AFTER INSERT ON attendee BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee', json_array(NEW.id), NULL, json_object('id', NEW.id, 'event_id', NEW.event_id, 'honorific', NEW.honorific, 'given_name', NEW.given_name, 'family_name', NEW.family_name, 'name_order', NEW.name_order, 'given_name_latin', NEW.given_name_latin, 'family_name_latin', NEW.family_name_latin, 'country', NEW.country, 'organization', NEW.organization, 'position', NEW.position, 'category', NEW.category, 'email', NEW.email, 'phone', NEW.phone, 'languages', NEW.languages, 'dietary', NEW.dietary, 'accessibility', NEW.accessibility, 'notes', NEW.notes, 'search_key', NEW.search_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'attending', NEW.attending, 'checked_in_at', NEW.checked_in_at));
END;
CREATE TRIGGER audit_attendee_update AFTER UPDATE ON attendee
WHEN json_object('id', OLD.id, 'event_id', OLD.event_id, 'honorific', OLD.honorific, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'name_order', OLD.name_order, 'given_name_latin', OLD.given_name_latin, 'family_name_latin', OLD.family_name_latin, 'country', OLD.country, 'organization', OLD.organization, 'position', OLD.position, 'category', OLD.category, 'email', OLD.email, 'phone', OLD.phone, 'languages', OLD.languages, 'dietary', OLD.dietary, 'accessibility', OLD.accessibility, 'notes', OLD.notes, 'search_key', OLD.search_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'attending', OLD.attending, 'checked_in_at', OLD.checked_in_at) IS NOT json_object('id', NEW.id, 'event_id', NEW.event_id, 'honorific', NEW.honorific, 'given_name', NEW.given_name, 'family_name', NEW.family_name, 'name_order', NEW.name_order, 'given_name_latin', NEW.given_name_latin, 'family_name_latin', NEW.family_name_latin, 'country', NEW.country, 'organization', NEW.organization, 'position', NEW.position, 'category', NEW.category, 'email', NEW.email, 'phone', NEW.phone, 'languages', NEW.languages, 'dietary', NEW.dietary, 'accessibility', NEW.accessibility, 'notes', NEW.notes, 'search_key', NEW.search_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'attending', NEW.attending, 'checked_in_at', NEW.checked_in_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'honorific', OLD.honorific, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'name_order', OLD.name_order, 'given_name_latin', OLD.given_name_latin, 'family_name_latin', OLD.family_name_latin, 'country', OLD.country, 'organization', OLD.organization, 'position', OLD.position, 'category', OLD.category, 'email', OLD.email, 'phone', OLD.phone, 'languages', OLD.languages, 'dietary', OLD.dietary, 'accessibility', OLD.accessibility, 'notes', OLD.notes, 'search_key', OLD.search_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'attending', OLD.attending, 'checked_in_at', OLD.checked_in_at), json_object('id', NEW.id, 'event_id', NEW.event_id, 'honorific', NEW.honorific, 'given_name', NEW.given_name, 'family_name', NEW.family_name, 'name_order', NEW.name_order, 'given_name_latin', NEW.given_name_latin, 'family_name_latin', NEW.family_name_latin, 'country', NEW.country, 'organization', NEW.organization, 'position', NEW.position, 'category', NEW.category, 'email', NEW.email, 'phone', NEW.phone, 'languages', NEW.languages, 'dietary', NEW.dietary, 'accessibility', NEW.accessibility, 'notes', NEW.notes, 'search_key', NEW.search_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'attending', NEW.attending, 'checked_in_at', NEW.checked_in_at));
END;
CREATE TRIGGER audit_attendee_delete AFTER DELETE ON attendee BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'honorific', OLD.honorific, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'name_order', OLD.name_order, 'given_name_latin', OLD.given_name_latin, 'family_name_latin', OLD.family_name_latin, 'country', OLD.country, 'organization', OLD.organization, 'position', OLD.position, 'category', OLD.category, 'email', OLD.email, 'phone', OLD.phone, 'languages', OLD.languages, 'dietary', OLD.dietary, 'accessibility', OLD.accessibility, 'notes', OLD.notes, 'search_key', OLD.search_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'attending', OLD.attending, 'checked_in_at', OLD.checked_in_at), NULL);
END;

CREATE TRIGGER audit_delegation_insert AFTER INSERT ON delegation BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(NEW.event_id, NEW.country), NULL, json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id));
END;
CREATE TRIGGER audit_delegation_update AFTER UPDATE ON delegation
WHEN json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id) IS NOT json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(OLD.event_id, OLD.country), json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id), json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id));
END;
CREATE TRIGGER audit_delegation_delete AFTER DELETE ON delegation BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(OLD.event_id, OLD.country), json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id), NULL);
END;

CREATE TRIGGER audit_room_insert AFTER INSERT ON room BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('room', json_array(NEW.id), NULL, json_object('id', NEW.id, 'event_id', NEW.event_id, 'name', NEW.name, 'capacity', NEW.capacity, 'offsite', NEW.offsite, 'address', NEW.address, 'meeting_point', NEW.meeting_point, 'departure_time', NEW.departure_time, 'position', NEW.position, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_room_update AFTER UPDATE ON room
WHEN json_object('id', OLD.id, 'event_id', OLD.event_id, 'name', OLD.name, 'capacity', OLD.capacity, 'offsite', OLD.offsite, 'address', OLD.address, 'meeting_point', OLD.meeting_point, 'departure_time', OLD.departure_time, 'position', OLD.position, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at) IS NOT json_object('id', NEW.id, 'event_id', NEW.event_id, 'name', NEW.name, 'capacity', NEW.capacity, 'offsite', NEW.offsite, 'address', NEW.address, 'meeting_point', NEW.meeting_point, 'departure_time', NEW.departure_time, 'position', NEW.position, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('room', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'name', OLD.name, 'capacity', OLD.capacity, 'offsite', OLD.offsite, 'address', OLD.address, 'meeting_point', OLD.meeting_point, 'departure_time', OLD.departure_time, 'position', OLD.position, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'event_id', NEW.event_id, 'name', NEW.name, 'capacity', NEW.capacity, 'offsite', NEW.offsite, 'address', NEW.address, 'meeting_point', NEW.meeting_point, 'departure_time', NEW.departure_time, 'position', NEW.position, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_room_delete AFTER DELETE ON room BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('room', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'name', OLD.name, 'capacity', OLD.capacity, 'offsite', OLD.offsite, 'address', OLD.address, 'meeting_point', OLD.meeting_point, 'departure_time', OLD.departure_time, 'position', OLD.position, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_session_insert AFTER INSERT ON session BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('session', json_array(NEW.id), NULL, json_object('id', NEW.id, 'event_id', NEW.event_id, 'title', NEW.title, 'type', NEW.type, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'room_id', NEW.room_id, 'description', NEW.description, 'capacity', NEW.capacity, 'track', NEW.track, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_session_update AFTER UPDATE ON session
WHEN json_object('id', OLD.id, 'event_id', OLD.event_id, 'title', OLD.title, 'type', OLD.type, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'room_id', OLD.room_id, 'description', OLD.description, 'capacity', OLD.capacity, 'track', OLD.track, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at) IS NOT json_object('id', NEW.id, 'event_id', NEW.event_id, 'title', NEW.title, 'type', NEW.type, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'room_id', NEW.room_id, 'description', NEW.description, 'capacity', NEW.capacity, 'track', NEW.track, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('session', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'title', OLD.title, 'type', OLD.type, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'room_id', OLD.room_id, 'description', OLD.description, 'capacity', OLD.capacity, 'track', OLD.track, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'event_id', NEW.event_id, 'title', NEW.title, 'type', NEW.type, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'room_id', NEW.room_id, 'description', NEW.description, 'capacity', NEW.capacity, 'track', NEW.track, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_session_delete AFTER DELETE ON session BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('session', json_array(OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'title', OLD.title, 'type', OLD.type, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'room_id', OLD.room_id, 'description', OLD.description, 'capacity', OLD.capacity, 'track', OLD.track, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_assignment_insert AFTER INSERT ON assignment BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('assignment', json_array(NEW.id), NULL, json_object('id', NEW.id, 'session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'role', NEW.role, 'position', NEW.position, 'home_timezone', NEW.home_timezone, 'created_at', NEW.created_at));
END;
CREATE TRIGGER audit_assignment_update AFTER UPDATE ON assignment
WHEN json_object('id', OLD.id, 'session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'role', OLD.role, 'position', OLD.position, 'home_timezone', OLD.home_timezone, 'created_at', OLD.created_at) IS NOT json_object('id', NEW.id, 'session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'role', NEW.role, 'position', NEW.position, 'home_timezone', NEW.home_timezone, 'created_at', NEW.created_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('assignment', json_array(OLD.id), json_object('id', OLD.id, 'session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'role', OLD.role, 'position', OLD.position, 'home_timezone', OLD.home_timezone, 'created_at', OLD.created_at), json_object('id', NEW.id, 'session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'role', NEW.role, 'position', NEW.position, 'home_timezone', NEW.home_timezone, 'created_at', NEW.created_at));
END;
CREATE TRIGGER audit_assignment_delete AFTER DELETE ON assignment BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('assignment', json_array(OLD.id), json_object('id', OLD.id, 'session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'role', OLD.role, 'position', OLD.position, 'home_timezone', OLD.home_timezone, 'created_at', OLD.created_at), NULL);
END;

CREATE TRIGGER audit_signup_insert AFTER INSERT ON signup BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('signup', json_array(NEW.session_id, NEW.attendee_id), NULL, json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'created_at', NEW.created_at));
END;
CREATE TRIGGER audit_signup_update AFTER UPDATE ON signup
WHEN json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'created_at', OLD.created_at) IS NOT json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'created_at', NEW.created_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('signup', json_array(OLD.session_id, OLD.attendee_id), json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'created_at', OLD.created_at), json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'created_at', NEW.created_at));
END;
CREATE TRIGGER audit_signup_delete AFTER DELETE ON signup BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('signup', json_array(OLD.session_id, OLD.attendee_id), json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'created_at', OLD.created_at), NULL);
END;

CREATE TRIGGER audit_attendance_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendance', json_array(NEW.session_id, NEW.attendee_id), NULL, json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'at', NEW.at));
END;
CREATE TRIGGER audit_attendance_update AFTER UPDATE ON attendance
WHEN json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'at', OLD.at) IS NOT json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'at', NEW.at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendance', json_array(OLD.session_id, OLD.attendee_id), json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'at', OLD.at), json_object('session_id', NEW.session_id, 'attendee_id', NEW.attendee_id, 'at', NEW.at));
END;
CREATE TRIGGER audit_attendance_delete AFTER DELETE ON attendance BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendance', json_array(OLD.session_id, OLD.attendee_id), json_object('session_id', OLD.session_id, 'attendee_id', OLD.attendee_id, 'at', OLD.at), NULL);
END;

CREATE TRIGGER audit_accepted_warning_insert AFTER INSERT ON accepted_warning BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('accepted_warning', json_array(NEW.event_id, NEW.key), NULL, json_object('event_id', NEW.event_id, 'key', NEW.key, 'note', NEW.note, 'accepted_at', NEW.accepted_at));
END;
CREATE TRIGGER audit_accepted_warning_update AFTER UPDATE ON accepted_warning
WHEN json_object('event_id', OLD.event_id, 'key', OLD.key, 'note', OLD.note, 'accepted_at', OLD.accepted_at) IS NOT json_object('event_id', NEW.event_id, 'key', NEW.key, 'note', NEW.note, 'accepted_at', NEW.accepted_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('accepted_warning', json_array(OLD.event_id, OLD.key), json_object('event_id', OLD.event_id, 'key', OLD.key, 'note', OLD.note, 'accepted_at', OLD.accepted_at), json_object('event_id', NEW.event_id, 'key', NEW.key, 'note', NEW.note, 'accepted_at', NEW.accepted_at));
END;
CREATE TRIGGER audit_accepted_warning_delete AFTER DELETE ON accepted_warning BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('accepted_warning', json_array(OLD.event_id, OLD.key), json_object('event_id', OLD.event_id, 'key', OLD.key, 'note', OLD.note, 'accepted_at', OLD.accepted_at), NULL);
END;
