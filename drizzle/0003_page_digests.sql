CREATE TABLE "page_digests" (
	"monitor_id" text NOT NULL,
	"kind" text NOT NULL,
	"through" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "page_digests_monitor_id_kind_pk" PRIMARY KEY("monitor_id","kind")
);
--> statement-breakpoint
ALTER TABLE "page_digests" ADD CONSTRAINT "page_digests_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;