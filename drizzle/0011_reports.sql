CREATE TABLE "incident_report_curves" (
	"incident_id" text PRIMARY KEY NOT NULL,
	"curve" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_counts" (
	"component_id" text NOT NULL,
	"category" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"reports" integer NOT NULL,
	"sources" integer NOT NULL,
	CONSTRAINT "report_counts_component_id_minute_category_pk" PRIMARY KEY("component_id","minute","category")
);
--> statement-breakpoint
CREATE TABLE "report_flushes" (
	"id" text PRIMARY KEY NOT NULL,
	"flushed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_spikes" (
	"id" text PRIMARY KEY NOT NULL,
	"component_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"peak_sources" integer NOT NULL,
	"threshold" integer NOT NULL,
	"reports" integer NOT NULL,
	"categories" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"incident_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_counts_minute_idx" ON "report_counts" USING btree ("minute");--> statement-breakpoint
CREATE INDEX "report_flushes_flushed_idx" ON "report_flushes" USING btree ("flushed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_spikes_one_open_per_component" ON "report_spikes" USING btree ("component_id") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "report_spikes_incident_idx" ON "report_spikes" USING btree ("incident_id");