-- The page digests' text changed format (a row's bucket as a day/hour number, trailing empty fields left out, one
-- part per monitor: see src/db/page-digests.ts). Old bodies would be parsed with the new rules, so they go; the
-- page reads the rollups themselves until the next tick writes the digests again.
DELETE FROM "page_digests";
