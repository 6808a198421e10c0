// The front page: overall banner, what is wrong now, every component with uptime, 90-day bar and response time.
import { raw } from 'hono/html';
import { COMPONENT_STATUS_LABEL, INDICATOR_DESCRIPTION } from '../core/service-status.js';
import { WINDOW_NAMES } from '../core/time.js';
import { formatUptime } from '../core/uptime.js';
import { isOpenIncident } from '../snapshot/assemble.js';
import type { SnapshotComponent, SnapshotIncident, SnapshotMaintenance, StatusSnapshot } from '../snapshot/types.js';
import { ByteWriter, written } from './byte-writer.js';
import { DayTips, writeDayBar } from './day-bar.js';
import { formatAgo, formatClock } from './format-time.js';
import { writeLatencyChart } from './latency-chart.js';
import { Layout, StaleNote, type PageFrame } from './layout.js';
import { Body, IncidentFacts, INCIDENT_STATUS_LABEL, Moment } from './parts.js';

/** Components in the order the config's `page.components` asks for (names or ids), or all of them. */
export function visibleComponents(all: readonly SnapshotComponent[], filter: readonly string[] | undefined): SnapshotComponent[] {
  if (!filter) return [...all];
  return filter.map((f) => all.find((c) => c.name === f || c.id === f)).filter((c): c is SnapshotComponent => c !== undefined);
}

function groupComponents(list: readonly SnapshotComponent[]): Array<{ name: string | null; items: SnapshotComponent[] }> {
  const groups: Array<{ name: string | null; items: SnapshotComponent[] }> = [];
  for (const c of list) {
    const g = groups.find((x) => x.name === c.groupName);
    if (g) g.items.push(c);
    else groups.push({ name: c.groupName, items: [c] });
  }
  return groups;
}

function ActiveIncident(props: { incident: SnapshotIncident; frame: PageFrame }) {
  const i = props.incident;
  const latest = i.updates[0];
  return (
    <article class={`notice im-${i.impact}`}>
      <h2><a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a></h2>
      <IncidentFacts incident={i} now={props.frame.now} />
      {latest && (
        <div class="latest">
          <p class="when"><strong>{INCIDENT_STATUS_LABEL[latest.status]}</strong> · <Moment at={latest.at} timeZone={props.frame.page.timeZone} approximate={latest.approximate} /></p>
          <Body text={latest.body} />
        </div>
      )}
    </article>
  );
}

function Maintenance(props: { m: SnapshotMaintenance; frame: PageFrame; names: ReadonlyMap<string, string> }) {
  const { m, frame } = props;
  return (
    <article class="notice maint">
      <h2>{m.status === 'in_progress' ? 'Maintenance in progress: ' : 'Scheduled maintenance: '}{m.title}</h2>
      <p class="facts">
        <Moment at={m.scheduledFor} timeZone={frame.page.timeZone} /> – <Moment at={m.scheduledUntil} timeZone={frame.page.timeZone} />
        {m.componentIds.length > 0 && <> · {m.componentIds.map((id) => props.names.get(id) ?? id).join(', ')}</>}
      </p>
      {m.body && <Body text={m.body} />}
    </article>
  );
}

/** Writes a group's component rows into the page's bytes. */
export type RowWriter = (w: ByteWriter) => void;

function groupRows(items: readonly SnapshotComponent[], grouped: boolean, tips: DayTips, collector: RowWriter[] | undefined) {
  const write: RowWriter = (w) => {
    for (const c of items) writeComponentRow(w, c, tips, grouped);
  };
  if (!collector) return raw(written(write));
  collector.push(write);
  return raw(ROWS_MARK);
}

const WINDOW_LABELS = WINDOW_NAMES.map((w) => [w, w.replace('h', ' h').replace('d', ' days')] as const);

/**
 * One component, written straight into the page's bytes (see ByteWriter): a page with a hundred components spent
 * most of its render time building these rows as JSX, then as strings. Names and labels are escaped.
 */
function writeComponentRow(w: ByteWriter, c: SnapshotComponent, tips: DayTips, grouped: boolean): void {
  const heading = grouped ? 'h4' : 'h3';
  w.str('<li class="comp"><div class="row"><').str(heading).str('>').text(c.name).str('</').str(heading).str('>');
  if (c.hasData === false) w.str('<span class="st s-nodata">No data yet</span>');
  else w.str('<span class="st s-').str(c.status).str('">').text(COMPONENT_STATUS_LABEL[c.status]).str('</span>');
  w.str('</div><dl class="uptime">');
  for (const [win, text] of WINDOW_LABELS) w.str('<div><dt>').str(text).str('</dt><dd>').text(formatUptime(c.uptime[win])).str('</dd></div>');
  w.str('</dl>');
  writeDayBar(w, c.days, tips);
  w.str('<div class="charts">');
  writeLatencyChart(w, c.latency24h, 'last 24 hours');
  writeLatencyChart(w, c.latency7d, 'last 7 days');
  w.str('</div></li>');
}

/** Stands for a group's component rows in the page's JSX output (user text is escaped, so it cannot occur there). */
export const ROWS_MARK = '<!--lookout:rows-->';

/**
 * The front page. With `rows`, each group's component rows are left out of the markup: ROWS_MARK stands in their
 * place and a writer of the rows is pushed to `rows` in order (see renderStatusPage), which writes them straight
 * into the page's bytes: a hundred components make half a megabyte, too much to build as strings.
 */
export function StatusPage(props: { snapshot: StatusSnapshot; frame: PageFrame; rows?: RowWriter[] }) {
  const { snapshot: s, frame } = props;
  const open = s.incidents.filter(isOpenIncident);
  const maint = s.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'scheduled');
  const titles = s.incidentTitles;
  const tips = new DayTips((id) => (Object.hasOwn(titles, id) ? titles[id] : undefined));
  const names = new Map(s.components.map((c) => [c.id, c.name]));
  const recent = s.incidents.filter((i) => !isOpenIncident(i)).slice(0, 3);
  return (
    <Layout frame={frame} title={frame.page.title}>
      <h1>{frame.page.title}</h1>
      {frame.page.description && <p class="lede">{frame.page.description}</p>}
      <section class={`banner i-${s.indicator}`} aria-labelledby="overall">
        <h2 id="overall">{INDICATOR_DESCRIPTION[s.indicator]}</h2>
        <p>
          as of <time datetime={new Date(s.generatedAt).toISOString()}>{formatClock(s.generatedAt, 'UTC')}</time>,{' '}
          <span data-ago={String(s.generatedAt)}>{formatAgo(s.generatedAt, frame.now)}</span>
        </p>
        <StaleNote frame={frame} />
      </section>
      {open.map((i) => <ActiveIncident incident={i} frame={frame} />)}
      {maint.map((m) => <Maintenance m={m} frame={frame} names={names} />)}
      <section aria-labelledby="components">
        <h2 id="components">Components</h2>
        {groupComponents(visibleComponents(s.components, frame.page.components)).map((g) => (
          <>
            {g.name && <h3 class="group">{g.name}</h3>}
            <ul class="comps">{groupRows(g.items, g.name !== null, tips, props.rows)}</ul>
          </>
        ))}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">Past incidents</h2>
        {recent.length === 0 && <p>No incidents recorded.</p>}
        <ul class="past">
          {recent.map((i) => (
            <li>
              <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a> <Moment at={i.startedAt} timeZone={frame.page.timeZone} approximate={i.startedApprox} />
            </li>
          ))}
        </ul>
        <p><a href="/history">Full incident history</a></p>
      </section>
    </Layout>
  );
}
