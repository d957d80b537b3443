-- The offline desk (offline.rs): the file's migration 0011, on the server.
INSERT INTO meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));

CREATE TABLE desk_action (
    id         text PRIMARY KEY NOT NULL,
    event_id   text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    desk       text NOT NULL,
    kind       text NOT NULL,
    person_id  text NOT NULL,
    at         text NOT NULL,
    applied_at text NOT NULL,
    outcome    text NOT NULL
);
CREATE INDEX desk_action_by_person ON desk_action (person_id);

CREATE TABLE desk_review (
    id          text PRIMARY KEY NOT NULL,
    event_id    text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    kind        text NOT NULL,
    person_id   text NOT NULL,
    desk        text NOT NULL,
    at          text NOT NULL,
    other_desk  text NOT NULL DEFAULT '',
    other_at    text NOT NULL DEFAULT '',
    detail      text NOT NULL DEFAULT '{}',
    created_at  text NOT NULL,
    resolution  text NOT NULL DEFAULT '',
    resolved_at text NOT NULL DEFAULT ''
);
CREATE INDEX desk_review_by_event ON desk_review (event_id, resolution);

-- The desks' roles (those `server setup --desk-role` made: they may record attendance)
-- replay their actions and settle the clashes, as `server::grant_desk` now grants.
DO $$
DECLARE desk record;
BEGIN
    FOR desk IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
         WHERE table_schema = 'public' AND table_name = 'attendance'
           AND privilege_type = 'INSERT' AND grantee <> current_user
    LOOP
        EXECUTE format('GRANT SELECT, INSERT ON desk_action TO %I', desk.grantee);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE (resolution, resolved_at) ON desk_review TO %I',
                       desk.grantee);
    END LOOP;
END $$;
