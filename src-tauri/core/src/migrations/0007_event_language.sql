-- The language an event's documents print in by default (`plenary print --lang` and the
-- Print screen can choose another): one of the six UN languages, English unless set.
ALTER TABLE event ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));

-- The audit triggers of `event` log every column (a test checks), so they are made again
-- with the new one.
DROP TRIGGER audit_event_insert;
DROP TRIGGER audit_event_update;
DROP TRIGGER audit_event_delete;
CREATE TRIGGER audit_event_insert AFTER INSERT ON event BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(NEW.id), NULL, json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'language', NEW.language, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_event_update AFTER UPDATE ON event
WHEN json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'language', OLD.language, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at) IS NOT json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'language', NEW.language, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at) BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'language', OLD.language, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'name', NEW.name, 'venue', NEW.venue, 'city', NEW.city, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'timezone', NEW.timezone, 'family_name_upper', NEW.family_name_upper, 'language', NEW.language, 'sample_key', NEW.sample_key, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_event_delete AFTER DELETE ON event BEGIN
    INSERT INTO change_row (tbl, pk, old, new) VALUES ('event', json_array(OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'venue', OLD.venue, 'city', OLD.city, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'timezone', OLD.timezone, 'family_name_upper', OLD.family_name_upper, 'language', OLD.language, 'sample_key', OLD.sample_key, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;
