// The front page: overall banner, what is wrong now, every component with uptime, 90-day bar and response time.
// With many components, groups fold into one row each (their components one click away) so the page stays small.
import { groupBy } from '../core/group-by.js';
import { INDICATOR_DESCRIPTION } from '../core/service-status.js';
import { WINDOW_NAMES } from '../core/time.js';
import { formatUptime } from '../core/uptime.js';
import { isOpenIncident } from '../snapshot/assemble.js';
import type { SnapshotComponent, SnapshotIncident, SnapshotMaintenance, SnapshotMonitor, StatusSnapshot } from '../snapshot/types.js';
import { DayBar } from './day-bar.js';
import { formatAgo, formatClock } from './format-time.js';
import { LatencyChart } from './latency-chart.js';
import { locationFact, LocationsSection } from './locations.js';
import { Layout, StaleNote, type PageFrame } from './layout.js';
import { Body, IncidentFacts, INCIDENT_STATUS_LABEL, Moment, StatusLabel } from './parts.js';
import { ReportForm, ReportNotices, ReportsSection } from './reports.js';
import { categoriesFor, type ReportCategory } from '../core/reports.js';

/** Above this many components, groups fold into one row each. */
const FOLD_GROUPS_ABOVE = 30;

/** Components in the order the config's `page.components` asks for (names or ids), or all of them; groups aside. */
function visibleComponents(all: readonly SnapshotComponent[], filter: readonly string[] | undefined): SnapshotComponent[] {
  const parts = all.filter((c) => !c.isGroup);
  if (!filter) return parts;
  return filter.map((f) => parts.find((c) => c.name === f || c.id === f)).filter((c): c is SnapshotComponent => c !== undefined);
}

/** Consecutive components of the same group, in order. */
function groupComponents(list: readonly SnapshotComponent[]): Array<{ groupId: string | null; name: string | null; items: SnapshotComponent[] }> {
  const groups: Array<{ groupId: string | null; name: string | null; items: SnapshotComponent[] }> = [];
  for (const c of list) {
    const g = groups.find((x) => x.groupId === c.groupId);
    if (g) g.items.push(c);
    else groups.push({ groupId: c.groupId, name: c.groupName, items: [c] });
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
          <p class="when"><strong>{INCIDENT_STATUS_LABEL[latest.status]}</strong> · <Moment at={latest.displayAt} timeZone={props.frame.page.timeZone} approximate={latest.approximate} /></p>
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

const WINDOW_LABELS = WINDOW_NAMES.map((w) => [w, w.replace('h', ' h').replace('d', ' days')] as const);

function Uptimes(props: { c: SnapshotComponent }) {
  return (
    <dl class="uptime">
      {WINDOW_LABELS.map(([w, label]) => <div><dt>{label}</dt><dd>{formatUptime(props.c.windows[w].uptime)}</dd></div>)}
    </dl>
  );
}

/** A certificate this close to expiry is mentioned on the page. */
const CERTIFICATE_NOTICE_DAYS = 30;

/** What a visitor should know of a component's monitors beyond their status: a certificate about to expire, a job's last check-in. */
function MonitorFacts(props: { monitors: readonly SnapshotMonitor[]; now: number }) {
  const facts = props.monitors.flatMap((m) => {
    const out: string[] = [];
    if (m.certExpiresAt !== null && m.certExpiresAt - props.now < CERTIFICATE_NOTICE_DAYS * 86400_000) {
      const days = Math.max(0, Math.floor((m.certExpiresAt - props.now) / 86400_000));
      out.push(`${m.name}: certificate expires on ${new Date(m.certExpiresAt).toISOString().slice(0, 10)} (in ${days} day${days === 1 ? '' : 's'})`);
    }
    if (m.type === 'heartbeat') out.push(m.lastBeatAt === null ? `${m.name}: no check-in yet` : `${m.name}: last check-in ${formatClock(m.lastBeatAt, 'UTC')}, ${formatAgo(m.lastBeatAt, props.now)}`);
    const where = locationFact(m);
    if (where) out.push(where);
    return out;
  });
  return facts.length ? <ul class="facts">{facts.map((f) => <li>{f}</li>)}</ul> : null;
}

/** One component: status, uptime per window, the 90-day bar and two response-time charts. */
function ComponentRow(props: { c: SnapshotComponent; grouped: boolean; titles: Readonly<Record<string, string>>; monitors: readonly SnapshotMonitor[]; now: number; report?: readonly ReportCategory[] }) {
  const { c } = props;
  const H = props.grouped ? 'h4' : 'h3';
  return (
    <li class="comp">
      <div class="row"><H>{c.name}</H><StatusLabel status={c.status} hasData={c.hasData} lastSeen={c.lastCheckAt} /></div>
      <MonitorFacts monitors={props.monitors} now={props.now} />
      <Uptimes c={c} />
      <DayBar cells={c.days} titles={props.titles} />
      <div class="charts">
        <LatencyChart series={c.latency24h} span="last 24 hours" />
        <LatencyChart series={c.latency7d} span="last 7 days" />
      </div>
      {props.report && <ReportForm componentId={c.id} componentName={c.name} categories={props.report} />}
    </li>
  );
}

/** A folded group: one row with its status, and its components (name, status, uptime) one click away. */
function FoldedGroup(props: { group: SnapshotComponent | undefined; name: string; items: readonly SnapshotComponent[] }) {
  const { group, items } = props;
  const troubled = items.filter((c) => c.status !== 'operational').length;
  return (
    <details class="fold">
      <summary>
        <h3 class="group">{props.name}</h3>
        {group && <StatusLabel status={group.status} hasData={group.hasData} lastSeen={group.lastCheckAt} />}
        <span class="count">{items.length} components{troubled > 0 ? `, ${troubled} not operational` : ''}</span>
      </summary>
      <ul class="comps compact">
        {items.map((c) => (
          <li class="comp"><div class="row"><h4>{c.name}</h4><StatusLabel status={c.status} hasData={c.hasData} lastSeen={c.lastCheckAt} /></div><Uptimes c={c} /></li>
        ))}
      </ul>
      {group && <p><a href={`/groups/${encodeURIComponent(group.id)}`}>{props.name}: 90-day bars and response times</a></p>}
    </details>
  );
}

/** The components of the page, grouped; folded when there are many. */
function Components(props: { snapshot: StatusSnapshot; frame: PageFrame; only?: string }) {
  const s = props.snapshot;
  const groups = groupComponents(visibleComponents(s.components, props.frame.page.components)).filter((g) => !props.only || g.groupId === props.only);
  const fold = !props.only && groups.reduce((n, g) => n + g.items.length, 0) > FOLD_GROUPS_ABOVE;
  const monitorsOf = groupBy(s.monitors, (m) => m.componentId);
  const reports = props.frame.reports;
  const reportable = new Set(s.monitors.map((m) => m.componentId));
  const reportOf = (c: SnapshotComponent) => (reports?.enabled && reportable.has(c.id) ? categoriesFor(reports.categories, c) : undefined);
  return (
    <>
      {groups.map((g) =>
        fold && g.name !== null ? (
          <FoldedGroup group={s.components.find((c) => c.id === g.groupId)} name={g.name} items={g.items} />
        ) : (
          <>
            {g.name && <h3 class="group">{g.name}</h3>}
            <ul class="comps">{g.items.map((c) => <ComponentRow c={c} grouped={g.name !== null} titles={s.incidentTitles} monitors={monitorsOf.get(c.id) ?? []} now={props.frame.now} report={reportOf(c)} />)}</ul>
          </>
        ),
      )}
    </>
  );
}

/** "as of 15:00 UTC, 20 s ago": the time of the newest check (the data's freshness, not the page's). */
function AsOf(props: { snapshot: StatusSnapshot; frame: PageFrame }) {
  const at = props.snapshot.dataAt;
  if (at === null) return <p>No checks recorded yet.</p>;
  return (
    <p>
      as of <time datetime={new Date(at).toISOString()}>{formatClock(at, 'UTC')}</time>, <span data-ago={String(at)}>{formatAgo(at, props.frame.now)}</span>
    </p>
  );
}

/** The front page. */
export function StatusPage(props: { snapshot: StatusSnapshot; frame: PageFrame }) {
  const { snapshot: s, frame } = props;
  const open = s.incidents.filter(isOpenIncident);
  const maint = s.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'scheduled').sort((a, b) => a.scheduledFor - b.scheduledFor);
  const names = new Map(s.components.map((c) => [c.id, c.name]));
  const recent = s.incidents.filter((i) => !isOpenIncident(i)).slice(0, 3);
  // Nothing has reported lately and nothing is known to be wrong: "All Systems Operational" would be a guess.
  const parts = s.components.filter((c) => !c.isGroup);
  const blind = s.indicator === 'none' && parts.length > 0 && parts.every((c) => !c.hasData);
  return (
    <Layout frame={frame} title={frame.page.title}>
      <h1>{frame.page.title}</h1>
      {frame.page.description && <p class="lede">{frame.page.description}</p>}
      <section class={`banner i-${blind ? 'nodata' : s.indicator}`} aria-labelledby="overall">
        <h2 id="overall">{blind ? 'No recent checks: current status unknown' : INDICATOR_DESCRIPTION[s.indicator]}</h2>
        <AsOf snapshot={s} frame={frame} />
        <StaleNote frame={frame} />
      </section>
      {frame.reports?.enabled && <ReportNotices notices={s.reports.notices} timeZone={frame.page.timeZone} />}
      {open.map((i) => <ActiveIncident incident={i} frame={frame} />)}
      {maint.map((m) => <Maintenance m={m} frame={frame} names={names} />)}
      <section aria-labelledby="components">
        <h2 id="components">Components</h2>
        <Components snapshot={s} frame={frame} />
      </section>
      {frame.reports?.enabled && <ReportsSection services={s.reports.services} from={s.reports.from} />}
      <LocationsSection locations={s.locations} now={frame.now} />
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

/** One group's components in full (the page a folded group links to). */
export function GroupPage(props: { snapshot: StatusSnapshot; frame: PageFrame; group: SnapshotComponent }) {
  const { group, frame } = props;
  return (
    <Layout frame={frame} title={`${group.name} · ${frame.page.title}`}>
      <p><a href="/">← {frame.page.title}</a></p>
      <h1>{group.name}</h1>
      <p><StatusLabel status={group.status} hasData={group.hasData} lastSeen={group.lastCheckAt} /></p>
      <StaleNote frame={frame} />
      <section aria-label="Components"><Components snapshot={props.snapshot} frame={frame} only={group.id} /></section>
    </Layout>
  );
}
