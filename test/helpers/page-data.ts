import type postgres from 'postgres';

export const XSS_TITLE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
const XSS_BODY = 'Body <script>alert(1)</script> and "><img src=x onerror=alert(1)> and [link](javascript:alert(1)) and **bold <b>**';

/** An open incident whose title and body try to inject markup: the page must show them as text. */
export async function insertXssIncident(sql: postgres.Sql, startedAt: Date): Promise<void> {
  await sql`insert into incidents (id, title, status, impact, origin, started_at)
    values ('xss-1', ${XSS_TITLE}, 'investigating', 'minor', 'manual', ${startedAt.toISOString()}::timestamptz)`;
  await sql`insert into incident_updates (id, incident_id, status, body, display_at)
    values ('xss-1-a', 'xss-1', 'investigating', ${XSS_BODY}, ${startedAt.toISOString()}::timestamptz)`;
  await sql`insert into incident_components (incident_id, component_id, status) values ('xss-1', 'website', 'degraded_performance')`;
}

const DAY = 86400_000;
const HOUR = 3600_000;

/** A latency histogram for `n` checks, mostly fast with a slow tail; deterministic per seed. */
function sampleHist(n: number, seed: number): number[] {
  const h = new Array<number>(20).fill(0);
  const base = 4 + (seed % 3); // 100, 150 or 200 ms buckets
  h[base] = Math.round(n * 0.7);
  h[base + 1] = Math.round(n * 0.2);
  h[base + 3] = n - h[base]! - h[base + 1]!;
  return h;
}

/**
 * 90 days of daily rollups and 24 hours of hourly rollups for each monitor: mostly up, with a short outage
 * every few weeks and some slow days, so the bars and charts have something to show.
 */
export async function seedRollups(sql: postgres.Sql, monitorIds: readonly string[], now: Date): Promise<void> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daily: object[] = [];
  const hourly: object[] = [];
  monitorIds.forEach((id, m) => {
    for (let d = 0; d < 90; d++) {
      const day = today - d * DAY;
      const total = d === 0 ? Math.max(1, Math.floor((now.getTime() - today) / 60_000)) : 1440;
      const down = (d + m) % 23 === 5 ? 45 : (d + m) % 41 === 9 ? total : 0;
      const degraded = (d + 2 * m) % 17 === 3 ? 120 : 0;
      const up = Math.max(0, total - down - degraded);
      daily.push({ monitor_id: id, bucket: new Date(day).toISOString(), up, degraded, down, n: up + degraded, hist: sampleHist(up + degraded, d + m) });
    }
    for (let h = 0; h < 24; h++) {
      const bucket = Math.floor(now.getTime() / HOUR) * HOUR - h * HOUR;
      hourly.push({ monitor_id: id, bucket: new Date(bucket).toISOString(), up: 60, degraded: 0, down: 0, n: 60, hist: sampleHist(60, h + m) });
    }
  });
  await sql`insert into rollups_daily (monitor_id, bucket, up, degraded, down, latency_count, latency_max, hist)
    select monitor_id, bucket, up, degraded, down, n, 900, hist from jsonb_to_recordset(${JSON.stringify(daily)}::text::jsonb)
      as t(monitor_id text, bucket timestamptz, up int, degraded int, down int, n int, hist int[])
    on conflict (monitor_id, bucket) do nothing`;
  await sql`insert into rollups_hourly (monitor_id, bucket, up, degraded, down, latency_count, latency_max, hist)
    select monitor_id, bucket, up, degraded, down, n, 900, hist from jsonb_to_recordset(${JSON.stringify(hourly)}::text::jsonb)
      as t(monitor_id text, bucket timestamptz, up int, degraded int, down int, n int, hist int[])
    on conflict (monitor_id, bucket) do nothing`;
}

/** `count` resolved incidents spread over the last 90 days, three updates each, touching the given components. */
export async function seedIncidents(sql: postgres.Sql, count: number, componentIds: readonly string[], now: Date): Promise<void> {
  const incidents: object[] = [];
  const updates: object[] = [];
  const links: object[] = [];
  for (let i = 0; i < count; i++) {
    const start = now.getTime() - 2 * HOUR - Math.floor((i * 89 * DAY) / Math.max(1, count));
    const id = `seed-${i}`;
    incidents.push({ id, title: `Elevated errors #${i}`, started_at: new Date(start).toISOString(), resolved_at: new Date(start + HOUR).toISOString() });
    for (const [n, status] of ['investigating', 'identified', 'resolved'].entries()) {
      updates.push({ id: `${id}-${n}`, incident_id: id, status, body: `Update ${n} for **incident ${i}**.`, display_at: new Date(start + n * 20 * 60_000).toISOString() });
    }
    links.push({ incident_id: id, component_id: componentIds[i % componentIds.length], status: 'partial_outage' });
  }
  await sql`insert into incidents (id, title, status, impact, origin, started_at, resolved_at)
    select id, title, 'resolved', 'minor', 'manual', started_at, resolved_at from jsonb_to_recordset(${JSON.stringify(incidents)}::text::jsonb)
      as t(id text, title text, started_at timestamptz, resolved_at timestamptz)`;
  await sql`insert into incident_updates (id, incident_id, status, body, display_at)
    select id, incident_id, status, body, display_at from jsonb_to_recordset(${JSON.stringify(updates)}::text::jsonb)
      as t(id text, incident_id text, status text, body text, display_at timestamptz)`;
  await sql`insert into incident_components (incident_id, component_id, status)
    select incident_id, component_id, status from jsonb_to_recordset(${JSON.stringify(links)}::text::jsonb)
      as t(incident_id text, component_id text, status text)`;
}
