-- What the owner's console shows of each till (issue 18): the app version it
-- sends with every push and pull (on the device row: it changes with an
-- update, rarely), and its activity, apart from `devices` so that the row
-- every request authenticates against is not rewritten by every request.
ALTER TABLE devices ADD COLUMN app_version text;

CREATE TABLE device_activity (
    device_id     uuid PRIMARY KEY REFERENCES devices (id),
    -- Its last push the server answered, and its last pull with its cursor.
    last_push_at  timestamptz,
    last_pull_at  timestamptz,
    pull_cursor   bigint,
    -- The operations it said it had waiting, and when it said so.
    waiting       bigint,
    waiting_at    timestamptz
);
