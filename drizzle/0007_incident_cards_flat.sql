-- Written by hand: incident cards as the page's day bars use them, flat and without what only a whole incident
-- shows (impact, origin, approximate flags: read with the whole incidents): [id, title, status, started ms,
-- resolved ms, component id, status, component id, status, ...], components in byte order of their ids. A cold
-- page parses a thousand of these; the nested form cost twice the time to parse.
CREATE OR REPLACE FUNCTION "lookout_refresh_incident_card"(p_id text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO incident_cards (incident_id, started_at, resolved_at, card)
  SELECT i.id, i.started_at, i.resolved_at, (json_build_array(i.id, i.title, i.status,
      (extract(epoch from i.started_at) * 1000)::float8, (extract(epoch from i.resolved_at) * 1000)::float8)::jsonb
      || coalesce((SELECT jsonb_agg(x.v ORDER BY x.component_id COLLATE "C", x.k)
        FROM incident_components ic CROSS JOIN LATERAL (VALUES (ic.component_id, 0, to_jsonb(ic.component_id)), (ic.component_id, 1, to_jsonb(ic.status))) x(component_id, k, v)
        WHERE ic.incident_id = i.id), '[]'::jsonb))::json
  FROM incidents i WHERE i.id = p_id
  ON CONFLICT (incident_id) DO UPDATE SET started_at = excluded.started_at, resolved_at = excluded.resolved_at, card = excluded.card;
$$;
--> statement-breakpoint
SELECT lookout_refresh_incident_card(id) FROM incidents;
