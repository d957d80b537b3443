-- The seating plan of an event's plenary hall: delegations sit in the English alphabetical
-- order of their countries' UN short names, starting from a country drawn by lot and wrapping
-- round (the UN's practice). One row per event, made when the order is first drawn or set.
CREATE TABLE seating (
    event_id             TEXT PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    -- The ISO 3166-1 alpha-2 code of the country the order starts from; NULL until drawn or
    -- set, when the plan starts with the first country in that order.
    first_country        TEXT CHECK (first_country IS NULL OR length(first_country) = 2),
    -- 'draw': drawn by Plenary; 'set': drawn elsewhere and typed in. NULL with first_country.
    method               TEXT CHECK (method IS NULL OR method IN ('draw', 'set')),
    -- When it was drawn or set (RFC 3339, UTC); who did it is in the audit log.
    decided_at           TEXT,
    -- Seats each delegation has: one at the table, the others behind it.
    seats_per_delegation INTEGER NOT NULL DEFAULT 2 CHECK (seats_per_delegation BETWEEN 1 AND 9),
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_seating_insert AFTER INSERT ON seating BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(NEW.event_id), NULL, json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_seating_update AFTER UPDATE ON seating
WHEN json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'updated_at', OLD.updated_at) IS NOT json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'updated_at', OLD.updated_at), json_object('event_id', NEW.event_id, 'first_country', NEW.first_country, 'method', NEW.method, 'decided_at', NEW.decided_at, 'seats_per_delegation', NEW.seats_per_delegation, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_seating_delete AFTER DELETE ON seating BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('seating', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'first_country', OLD.first_country, 'method', OLD.method, 'decided_at', OLD.decided_at, 'seats_per_delegation', OLD.seats_per_delegation, 'updated_at', OLD.updated_at), NULL);
END;
