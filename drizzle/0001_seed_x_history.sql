-- This migration once inserted the two X outages into every new database. X's history is data now
-- (history/x.json, named by lookout.config.json's "history" and imported at config sync), so a config
-- watching another service gets none; this file inserts nothing.
--
-- Databases that already ran the old version keep their rows: drizzle-orm's pg migrator (pg-core/dialect.js
-- migrate()) reads only the newest row of drizzle.__drizzle_migrations and runs every journal entry whose
-- `when` is later than its created_at. It stores each file's hash but never compares it, so an applied
-- migration is not re-checked or re-run when its text changes. The statement below keeps the file a valid,
-- non-empty migration for new databases.
SELECT 1;
