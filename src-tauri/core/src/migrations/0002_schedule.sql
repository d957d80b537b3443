-- The schedule: rooms and off-site venues, sessions, speaker assignments, sign-ups, and the
-- conflict warnings an organiser accepted. Session times are UTC instants (RFC 3339); the
-- event's IANA zone turns them into local times.

CREATE TABLE room (
    id             TEXT PRIMARY KEY NOT NULL,
    event_id       TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    capacity       INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    offsite        INTEGER NOT NULL DEFAULT 0,
    -- For off-site venues: where it is, where people meet, and when the bus leaves (HH:MM,
    -- local to the event).
    address        TEXT NOT NULL DEFAULT '',
    meeting_point  TEXT NOT NULL DEFAULT '',
    departure_time TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX room_name_unique ON room (event_id, lower(name));

CREATE TABLE session (
    id          TEXT PRIMARY KEY NOT NULL,
    event_id    TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('opening_ceremony', 'closing_ceremony', 'address',
                    'keynote', 'lecture', 'interactive_exchange', 'panel', 'site_visit',
                    'field_study', 'break', 'meal', 'other')),
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    room_id     TEXT REFERENCES room(id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    capacity    INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    track       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX session_by_time ON session (event_id, starts_at);
CREATE INDEX session_by_room ON session (room_id);

CREATE TABLE assignment (
    id            TEXT PRIMARY KEY NOT NULL,
    session_id    TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id   TEXT NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('address', 'video_address', 'keynote',
                      'lecturer', 'moderator', 'panelist', 'rapporteur')),
    position      INTEGER NOT NULL,
    -- A remote speaker's own zone, so the UI can show their local time.
    home_timezone TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    UNIQUE (session_id, attendee_id, role)
) STRICT;
CREATE INDEX assignment_by_attendee ON assignment (attendee_id);

CREATE TABLE signup (
    session_id  TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, attendee_id)
) STRICT;
CREATE INDEX signup_by_attendee ON signup (attendee_id);

-- A person who cancelled stays in the list (and in the history) but no longer attends.
ALTER TABLE attendee ADD COLUMN attending INTEGER NOT NULL DEFAULT 1;

-- Warnings the organiser looked at and accepted; the key names the warning exactly.
CREATE TABLE accepted_warning (
    event_id    TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (event_id, key)
) STRICT;
