CREATE TABLE "incident_cards" (
	"incident_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"card" json NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_cards" ADD CONSTRAINT "incident_cards_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_cards_resolved_idx" ON "incident_cards" USING btree ("resolved_at");--> statement-breakpoint
-- Written by hand: keeps incident_cards equal to what incidents + incident_components say, whoever writes them
-- (tick, admin API, seed migrations). Components sorted by id in byte order; the page orders them by position.
CREATE FUNCTION "lookout_refresh_incident_card"(p_id text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO incident_cards (incident_id, started_at, resolved_at, card)
  SELECT i.id, i.started_at, i.resolved_at, json_build_array(i.id, i.title, i.status, i.impact, i.origin,
      (extract(epoch from i.started_at) * 1000)::float8, i.started_approx, (extract(epoch from i.resolved_at) * 1000)::float8, i.resolved_approx,
      coalesce((SELECT json_agg(json_build_array(ic.component_id, ic.status) ORDER BY ic.component_id COLLATE "C")
        FROM incident_components ic WHERE ic.incident_id = i.id), '[]'::json))
  FROM incidents i WHERE i.id = p_id
  ON CONFLICT (incident_id) DO UPDATE SET started_at = excluded.started_at, resolved_at = excluded.resolved_at, card = excluded.card;
$$;
--> statement-breakpoint
CREATE FUNCTION "lookout_incident_card_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'incidents' THEN
    PERFORM lookout_refresh_incident_card(NEW.id);
  ELSE
    IF TG_OP <> 'DELETE' THEN PERFORM lookout_refresh_incident_card(NEW.incident_id); END IF;
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.incident_id <> NEW.incident_id) THEN PERFORM lookout_refresh_incident_card(OLD.incident_id); END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "incidents_card" AFTER INSERT OR UPDATE ON "incidents" FOR EACH ROW EXECUTE FUNCTION lookout_incident_card_trigger();
--> statement-breakpoint
CREATE TRIGGER "incident_components_card" AFTER INSERT OR UPDATE OR DELETE ON "incident_components" FOR EACH ROW EXECUTE FUNCTION lookout_incident_card_trigger();
--> statement-breakpoint
SELECT lookout_refresh_incident_card(id) FROM incidents;
