// /history: incidents by month (page time zone), newest first, each with its timeline and sources.
import type { SnapshotIncident } from '../snapshot/types.js';
import { formatMonth } from './format-time.js';
import { Layout, StaleNote, type PageFrame } from './layout.js';
import { IncidentSignatures } from './locations.js';
import { Body, IncidentFacts, INCIDENT_STATUS_LABEL, Moment, Timeline } from './parts.js';
import { IncidentReports } from './reports.js';
import { categoriesFor } from '../core/reports.js';
import type { ReportCurve } from '../core/report-curve.js';
import type { ReportEvidence } from '../snapshot/reports.js';

/** Incidents (newest first) grouped by the month they started in, in the page's time zone. */
function groupByMonth(incidents: readonly SnapshotIncident[], timeZone: string): Array<{ month: string; incidents: SnapshotIncident[] }> {
  const out: Array<{ month: string; incidents: SnapshotIncident[] }> = [];
  for (const i of [...incidents].sort((a, b) => b.startedAt - a.startedAt)) {
    const month = formatMonth(i.startedAt, timeZone);
    const last = out[out.length - 1];
    if (last?.month === month) last.incidents.push(i);
    else out.push({ month, incidents: [i] });
  }
  return out;
}

function IncidentEntry(props: { incident: SnapshotIncident; frame: PageFrame; headingLevel: 'h3' | 'h1' }) {
  const i = props.incident;
  const tz = props.frame.page.timeZone;
  const H = props.headingLevel;
  return (
    <article class={`incident im-${i.impact}`} id={props.headingLevel === 'h3' ? `i-${i.id}` : undefined}>
      <H>{props.headingLevel === 'h3' ? <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a> : i.title}</H>
      <IncidentFacts incident={i} now={props.frame.now} />
      <p class="span">
        {INCIDENT_STATUS_LABEL[i.status]} · started <Moment at={i.startedAt} timeZone={tz} approximate={i.startedApprox} />
        {i.resolvedAt !== null && <>, resolved <Moment at={i.resolvedAt} timeZone={tz} approximate={i.resolvedApprox} /></>}
      </p>
      {i.summary && props.headingLevel === 'h1' && <div class="summary"><Body text={i.summary} /></div>}
      {i.updates.length > 0 && <Timeline updates={i.updates} timeZone={tz} />}
      {i.sources.length > 0 && (
        <p class="sources">
          Sources:{' '}
          {i.sources.map((s, n) => <>{n > 0 && ' · '}<a href={s.url} rel="nofollow noopener noreferrer">{s.title}</a></>)}
        </p>
      )}
    </article>
  );
}

export function HistoryPage(props: { incidents: readonly SnapshotIncident[]; frame: PageFrame; olderHref: string | null }) {
  const months = groupByMonth(props.incidents, props.frame.page.timeZone);
  return (
    <Layout frame={props.frame} title={`Incident history · ${props.frame.page.title}`}>
      <h1>Incident history</h1>
      <StaleNote frame={props.frame} />
      {months.length === 0 && <p>No incidents recorded.</p>}
      {months.map((m) => (
        <section>
          <h2>{m.month}</h2>
          {m.incidents.map((i) => <IncidentEntry incident={i} frame={props.frame} headingLevel="h3" />)}
        </section>
      ))}
      {props.olderHref && <p><a href={props.olderHref}>Older incidents</a></p>}
    </Layout>
  );
}

export function IncidentPage(props: { incident: SnapshotIncident; frame: PageFrame; reports?: { evidence?: readonly ReportEvidence[]; curve?: ReportCurve } }) {
  const configured = props.frame.reports?.categories ?? {};
  const label = (component: { id: string; name: string }, category: string) => categoriesFor(configured, component).find((c) => c.id === category)?.label ?? category;
  return (
    <Layout frame={props.frame} title={`${props.incident.title} · ${props.frame.page.title}`}>
      <p><a href="/history">← Incident history</a></p>
      <StaleNote frame={props.frame} />
      <IncidentEntry incident={props.incident} frame={props.frame} headingLevel="h1" />
      <IncidentReports evidence={props.reports?.evidence} curve={props.reports?.curve} labels={label} timeZone={props.frame.page.timeZone} />
      <IncidentSignatures incident={props.incident} />
    </Layout>
  );
}

export function MessagePage(props: { frame: PageFrame; title: string; message: string }) {
  return (
    <Layout frame={props.frame} title={`${props.title} · ${props.frame.page.title}`}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p><a href="/">Back to the status page</a></p>
    </Layout>
  );
}
