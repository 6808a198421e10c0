-- Raw checks are most of the database (bench:steady): they keep one b-tree, their key (monitor, slot, location),
-- which also serves the listing of a monitor's newest checks, and a BRIN index on `at` for the retention's deletes.
-- Edited by hand from drizzle-kit's output: the old key is dropped by name, and checks recorded before 0009 (or
-- without a claim) get their own `at` as their slot before the column becomes part of the key.
ALTER TABLE "checks" DROP CONSTRAINT "checks_pkey";--> statement-breakpoint
DROP INDEX "checks_monitor_at_idx";--> statement-breakpoint
DROP INDEX "checks_at_idx";--> statement-breakpoint
DROP INDEX "checks_monitor_location_slot_key";--> statement-breakpoint
UPDATE "checks" SET "slot" = "at" WHERE "slot" IS NULL;--> statement-breakpoint
ALTER TABLE "checks" ALTER COLUMN "slot" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_pkey" PRIMARY KEY("monitor_id","slot","location");--> statement-breakpoint
CREATE INDEX "checks_at_brin" ON "checks" USING brin ("at");--> statement-breakpoint
-- Rows rewritten on every check (the current hour's and day's rollups, a monitor's state) leave half of each page
-- free, so an update writes the new version beside the old one (a HOT update) and the page's dead versions are
-- reclaimed in place, instead of the tables and their keys growing with every tick (drizzle has no table option).
ALTER TABLE "rollups_hourly" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "rollups_daily" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "monitor_state" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "alert_service_state" SET (fillfactor = 50);
