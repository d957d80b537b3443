-- Personal data that visa invitation letters need and nothing else should: passport numbers
-- and dates of birth, in their own table, so that they can be left out of every list and
-- export by default and purged for an event (sensitive.rs).
CREATE TABLE attendee_sensitive (
    attendee_id     TEXT PRIMARY KEY NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    passport_number TEXT NOT NULL DEFAULT '',
    date_of_birth   TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL
) STRICT;

-- How long after its last day an event's sensitive data is kept; NULL keeps it until it is
-- purged by hand.
CREATE TABLE sensitive_policy (
    event_id       TEXT PRIMARY KEY NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    retention_days INTEGER CHECK (retention_days IS NULL OR retention_days >= 0)
) STRICT;

-- The audit log records that these fields changed, never their values: a value is logged as
-- '(set)' or ''. Undo does not restore them (audit.rs skips this table).
CREATE TRIGGER audit_attendee_sensitive_insert AFTER INSERT ON attendee_sensitive BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee_sensitive', json_array(NEW.attendee_id), NULL,
        json_object('attendee_id', NEW.attendee_id,
                    'passport_number', CASE WHEN NEW.passport_number <> '' THEN '(set)' ELSE '' END,
                    'date_of_birth', CASE WHEN NEW.date_of_birth <> '' THEN '(set)' ELSE '' END,
                    'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_attendee_sensitive_update AFTER UPDATE ON attendee_sensitive BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee_sensitive', json_array(OLD.attendee_id),
        json_object('attendee_id', OLD.attendee_id,
                    'passport_number', CASE WHEN OLD.passport_number <> '' THEN '(set)' ELSE '' END,
                    'date_of_birth', CASE WHEN OLD.date_of_birth <> '' THEN '(set)' ELSE '' END,
                    'updated_at', OLD.updated_at),
        json_object('attendee_id', NEW.attendee_id,
                    'passport_number', CASE WHEN NEW.passport_number <> '' THEN '(set)' ELSE '' END,
                    'date_of_birth', CASE WHEN NEW.date_of_birth <> '' THEN '(set)' ELSE '' END,
                    'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_attendee_sensitive_delete AFTER DELETE ON attendee_sensitive BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('attendee_sensitive', json_array(OLD.attendee_id),
        json_object('attendee_id', OLD.attendee_id,
                    'passport_number', CASE WHEN OLD.passport_number <> '' THEN '(set)' ELSE '' END,
                    'date_of_birth', CASE WHEN OLD.date_of_birth <> '' THEN '(set)' ELSE '' END,
                    'updated_at', OLD.updated_at),
        NULL);
END;

CREATE TRIGGER audit_sensitive_policy_insert AFTER INSERT ON sensitive_policy BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('sensitive_policy', json_array(NEW.event_id), NULL, json_object('event_id', NEW.event_id, 'retention_days', NEW.retention_days));
END;
CREATE TRIGGER audit_sensitive_policy_update AFTER UPDATE ON sensitive_policy
WHEN json_object('event_id', OLD.event_id, 'retention_days', OLD.retention_days) IS NOT json_object('event_id', NEW.event_id, 'retention_days', NEW.retention_days) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('sensitive_policy', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'retention_days', OLD.retention_days), json_object('event_id', NEW.event_id, 'retention_days', NEW.retention_days));
END;
CREATE TRIGGER audit_sensitive_policy_delete AFTER DELETE ON sensitive_policy BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('sensitive_policy', json_array(OLD.event_id), json_object('event_id', OLD.event_id, 'retention_days', OLD.retention_days), NULL);
END;
