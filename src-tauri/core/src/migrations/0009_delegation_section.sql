-- The section of the list of participants a delegation is listed under: Member States, observers,
-- the UN system, or other organisations. NULL: the default (observers for the Holy See and the
-- State of Palestine, Member States for the others).
ALTER TABLE delegation ADD COLUMN section TEXT
    CHECK (section IS NULL OR section IN ('member_state', 'observer', 'un_system', 'organization'));

-- The audit triggers of `delegation` log every column (a test checks), so they are made again
-- with the new one.
DROP TRIGGER audit_delegation_insert;
DROP TRIGGER audit_delegation_update;
DROP TRIGGER audit_delegation_delete;
CREATE TRIGGER audit_delegation_insert AFTER INSERT ON delegation BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(NEW.event_id, NEW.country), NULL, json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id, 'section', NEW.section));
END;
CREATE TRIGGER audit_delegation_update AFTER UPDATE ON delegation
WHEN json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id, 'section', OLD.section) IS NOT json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id, 'section', NEW.section) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(OLD.event_id, OLD.country), json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id, 'section', OLD.section), json_object('event_id', NEW.event_id, 'country', NEW.country, 'head_attendee_id', NEW.head_attendee_id, 'section', NEW.section));
END;
CREATE TRIGGER audit_delegation_delete AFTER DELETE ON delegation BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('delegation', json_array(OLD.event_id, OLD.country), json_object('event_id', OLD.event_id, 'country', OLD.country, 'head_attendee_id', OLD.head_attendee_id, 'section', OLD.section), NULL);
END;
