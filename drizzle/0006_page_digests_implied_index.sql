-- The page digests' text changed again: a row's day/hour number is left out when it follows the previous row
-- without a gap (see src/db/page-digests.ts). Old bodies go; the page reads the rollups themselves until the next
-- tick writes the digests again.
DELETE FROM "page_digests";
