-- The offline desk (offline.rs): what a desk did while its server could not be reached is
-- replayed into the store later, each action once.

-- The store's own id: a desk's cache records the store it was made from, and is never
-- replayed into another (a second server, or a file).
INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));

-- Every desk action replayed into this store, by the id the desk gave it (a UUID v7), written
-- in the same transaction as the action: a replay after a crash, or a second one, finds the
-- id and applies nothing. `outcome` says what became of it: 'applied', 'review' (a clash,
-- see desk_review) or 'skipped' (nothing left to do, such as taking back a check-in that
-- went to review).
CREATE TABLE desk_action (
    id         TEXT PRIMARY KEY NOT NULL,
    event_id   TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    desk       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    -- When it happened at the desk (RFC 3339, UTC), and when it reached the store.
    at         TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    outcome    TEXT NOT NULL
) STRICT;
CREATE INDEX desk_action_by_person ON desk_action (person_id);

-- The clashes a replay found, for someone to accept or dismiss: a person checked in at two
-- desks, a walk-in whose email belongs to someone already registered, an action on someone
-- no longer there. `id` is the action's; `desk` and `at` are the action's, `other_desk` and
-- `other_at` what the store had; `detail` is JSON (the walk-in's record, say).
CREATE TABLE desk_review (
    id          TEXT PRIMARY KEY NOT NULL,
    event_id    TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    desk        TEXT NOT NULL,
    at          TEXT NOT NULL,
    other_desk  TEXT NOT NULL DEFAULT '',
    other_at    TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    -- '' while open, then 'accepted' or 'dismissed'.
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_at TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX desk_review_by_event ON desk_review (event_id, resolution);
