-- Created a read cache of the status page (page digests or incident cards), removed by 0008. A new database never
-- creates it; one that already ran this migration keeps its row in drizzle.__drizzle_migrations (the migrator runs
-- only entries newer than the newest it recorded, see 0001) and has the cache dropped by 0008.
SELECT 1;
