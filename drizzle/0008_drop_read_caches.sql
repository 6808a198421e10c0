-- The status page reads the rollups and incidents directly (src/snapshot/read.ts): the page digests and the
-- trigger-kept incident cards (0003-0007) are gone. Triggers and functions were written by hand in 0004/0007.
-- 0003-0007 create nothing now, so drizzle/meta keeps no snapshot of them (drizzle-kit diffs against the newest).
DROP TRIGGER IF EXISTS "incidents_card" ON "incidents";--> statement-breakpoint
DROP TRIGGER IF EXISTS "incident_components_card" ON "incident_components";--> statement-breakpoint
DROP FUNCTION IF EXISTS "lookout_incident_card_trigger"();--> statement-breakpoint
DROP FUNCTION IF EXISTS "lookout_refresh_incident_card"(text);--> statement-breakpoint
DROP TABLE IF EXISTS "incident_cards" CASCADE;--> statement-breakpoint
DROP TABLE IF EXISTS "page_digests" CASCADE;
