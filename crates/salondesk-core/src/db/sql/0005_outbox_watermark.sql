-- Pushed operations are no longer marked one by one. The engine pushes the
-- outbox in order, so what has been pushed is a prefix of it: the meta value
-- `outbox_pushed_through` is the outbox position (seq) up to which every
-- operation is settled, pushed or refused (refused ones keep `rejected_at`).
-- Marking each pushed row rewrote the whole row (payload and all) and kept a
-- partial index in step, for every operation a sale or an edit makes.
-- `pushed_at` stays for the rows marked before this version; nothing reads it.
INSERT INTO meta (key, value)
SELECT 'outbox_pushed_through',
       coalesce((SELECT min(seq) - 1 FROM outbox WHERE pushed_at IS NULL AND rejected_at IS NULL),
                (SELECT max(seq) FROM outbox),
                0)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
DROP INDEX outbox_unpushed;
-- What still waits (counted for the status bar after every write) is found by
-- position among the rows not refused; pushing no longer touches this index.
CREATE INDEX outbox_waiting ON outbox(seq) WHERE rejected_at IS NULL;
