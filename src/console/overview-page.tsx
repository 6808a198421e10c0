// /admin: every monitor's status (per location where there are several) with its latest check's phases and error
// class, open incidents, active and upcoming maintenance, failing alert endpoints.
import type { Hono } from 'hono';
import { failingEndpoints, monitorsOverview, type MonitorOverview } from '../db/console-queries.js';
import { listIncidents } from '../db/incident-queries.js';
import { listMaintenances } from '../db/incident-queries.js';
import type { ConsoleDeps } from './index.js';
import { ConsoleLayout } from './layout.js';
import { Badge, ms, Scroll, When } from './parts.js';
import { page } from './render.js';

function MonitorRows(props: { m: MonitorOverview; tz: string }) {
  const { m } = props;
  const checks = m.checks.length ? m.checks : [null];
  return (
    <>
      {checks.map((k, i) => (
        <tr>
          {i === 0 && <th scope="row" rowspan={checks.length}>{m.name}<br /><small>{m.component}</small></th>}
          {i === 0 && <td rowspan={checks.length}><Badge value={m.status} /></td>}
          <td>{k ? k.location : '—'}</td>
          <td>{k ? <><Badge value={k.verdict} /> <When at={new Date(k.at)} tz={props.tz} /></> : 'no checks yet'}</td>
          <td>{k ? `${ms(k.dnsMs)} / ${ms(k.connectMs)} / ${ms(k.tlsMs)} / ${ms(k.firstByteMs)} / ${ms(k.latencyMs)}` : '—'}</td>
          <td>{k?.errorClass ? <><code>{k.errorClass}</code>{k.statusCode ? ` (HTTP ${k.statusCode})` : ''}</> : k?.statusCode ? `HTTP ${k.statusCode}` : '—'}</td>
        </tr>
      ))}
    </>
  );
}

export function registerOverview(app: Hono, deps: ConsoleDeps): void {
  app.get('/', async (c) => {
    const sql = deps.sql();
    const now = deps.clock();
    const tz = deps.page.timeZone;
    const [monitors, incidents, maintenances, failing] = await Promise.all([
      monitorsOverview(sql), listIncidents(sql, { limit: 50 }), listMaintenances(sql, now, { limit: 200 }), failingEndpoints(sql, now),
    ]);
    const open = incidents.filter((i) => i.resolvedAt === null);
    const coming = maintenances.filter((m) => m.status !== 'completed').sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
    return page(c, (
      <ConsoleLayout title="Overview" session={c.var.session} current="/admin">
        <h1>Overview</h1>
        <section aria-labelledby="h-monitors">
          <h2 id="h-monitors">Monitors</h2>
          <Scroll label="Monitors">
            <table>
              <thead><tr><th scope="col">Monitor</th><th scope="col">Status</th><th scope="col">Location</th><th scope="col">Last check</th><th scope="col">DNS / connect / TLS / first byte / total</th><th scope="col">Error</th></tr></thead>
              <tbody>{monitors.map((m) => <MonitorRows m={m} tz={tz} />)}</tbody>
            </table>
          </Scroll>
        </section>
        <section aria-labelledby="h-open">
          <h2 id="h-open">Open incidents</h2>
          {open.length === 0 ? <p>None.</p> : (
            <ul>{open.map((i) => <li><a href={`/admin/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a> <Badge value={i.status} /> since <When at={i.startedAt} tz={tz} /></li>)}</ul>
          )}
        </section>
        <section aria-labelledby="h-maint">
          <h2 id="h-maint">Active and upcoming maintenance</h2>
          {coming.length === 0 ? <p>None.</p> : (
            <ul>{coming.slice(0, 20).map((m) => <li><a href={`/admin/maintenance/${encodeURIComponent(m.id)}`}>{m.title}</a> <Badge value={m.status} /> <When at={m.scheduledFor} tz={tz} /> – <When at={m.scheduledUntil} tz={tz} /></li>)}</ul>
          )}
        </section>
        <section aria-labelledby="h-failing">
          <h2 id="h-failing">Failing alert endpoints</h2>
          {failing.length === 0 ? <p>None in the last day.</p> : (
            <ul>
              {failing.map((e) => (
                <li>
                  <a href={`/admin/alerts?endpoint=${encodeURIComponent(e.id)}`}>{e.name}</a>
                  {e.disabledAt ? <> — disabled: {e.disabledReason ?? 'by the receiver'}</> : <> — {e.failed} failed, {e.retrying} retrying{e.lastError ? `: ${e.lastError}` : ''}</>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </ConsoleLayout>
    ));
  });
}
