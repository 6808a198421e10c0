CREATE TABLE "location_state" (
	"monitor_id" text NOT NULL,
	"location" text NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"fail_streak" integer DEFAULT 0 NOT NULL,
	"ok_streak" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_check_at" timestamp with time zone,
	"last_verdict" text,
	"last_status_code" integer,
	"last_latency_ms" real,
	"last_error_class" text,
	"last_error" text,
	"cert_expires_at" timestamp with time zone,
	CONSTRAINT "location_state_monitor_id_location_pk" PRIMARY KEY("monitor_id","location")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"health" text DEFAULT 'online' NOT NULL,
	"health_since" timestamp with time zone,
	"impaired" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rollups_location_hourly" (
	"monitor_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"up" integer DEFAULT 0 NOT NULL,
	"degraded" integer DEFAULT 0 NOT NULL,
	"down" integer DEFAULT 0 NOT NULL,
	"maintenance" integer DEFAULT 0 NOT NULL,
	"latency_sum" double precision DEFAULT 0 NOT NULL,
	"latency_count" integer DEFAULT 0 NOT NULL,
	"latency_min" real,
	"latency_max" real,
	"hist" integer[] DEFAULT '{}'::int[] NOT NULL,
	"location" text NOT NULL,
	CONSTRAINT "rollups_location_hourly_monitor_id_location_bucket_pk" PRIMARY KEY("monitor_id","location","bucket")
);
--> statement-breakpoint
ALTER TABLE "monitor_state" ADD COLUMN "signature" jsonb;--> statement-breakpoint
CREATE INDEX "location_state_due_idx" ON "location_state" USING btree ("location","next_check_at");