import type postgres from 'postgres';

export const XSS_TITLE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
export const XSS_BODY = 'Body <script>alert(1)</script> and "><img src=x onerror=alert(1)> and [link](javascript:alert(1)) and **bold <b>**';

/** An open incident whose title and body try to inject markup: the page must show them as text. */
export async function insertXssIncident(sql: postgres.Sql, startedAt: Date): Promise<void> {
  await sql`insert into incidents (id, title, status, impact, origin, started_at)
    values ('xss-1', ${XSS_TITLE}, 'investigating', 'minor', 'manual', ${startedAt.toISOString()}::timestamptz)`;
  await sql`insert into incident_updates (id, incident_id, status, body, display_at)
    values ('xss-1-a', 'xss-1', 'investigating', ${XSS_BODY}, ${startedAt.toISOString()}::timestamptz)`;
  await sql`insert into incident_components (incident_id, component_id, status) values ('xss-1', 'website', 'degraded_performance')`;
}
