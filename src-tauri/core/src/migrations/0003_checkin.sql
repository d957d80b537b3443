-- The registration desk: when each attendee arrived, and who attended which session.

-- NULL until the person is checked in at the desk; an RFC 3339 UTC instant after.
ALTER TABLE attendee ADD COLUMN checked_in_at TEXT;

CREATE TABLE attendance (
    session_id  TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    PRIMARY KEY (session_id, attendee_id)
) STRICT;
CREATE INDEX attendance_by_attendee ON attendance (attendee_id);
