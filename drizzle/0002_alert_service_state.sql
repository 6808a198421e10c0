CREATE TABLE "alert_service_state" (
	"service_key" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"incident_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
