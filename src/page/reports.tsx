// Visitor reports on the pages: the "Report a problem" form (a plain form that posts and comes back; the page's
// script only makes it quieter), the notice while users report problems the probes do not see, the reports-per-
// hour chart per service, and the reports attached to an incident. Inline SVG, no inline script or style (CSP).
import { describeSplit, type ReportCurve } from '../core/report-curve.js';
import type { ReportCategory } from '../core/reports.js';
import type { ReportEvidence, ReportNotice, ReportService } from '../snapshot/reports.js';
import { formatClock, formatMoment } from './format-time.js';

const W = 240;
const H = 48;
const HOUR = 3600_000;

const count = (n: number) => n.toLocaleString('en-US');

/** A per-component form: radio buttons for the categories, no JavaScript needed. */
export function ReportForm(props: { componentId: string; componentName: string; categories: readonly ReportCategory[] }) {
  const { componentId, componentName } = props;
  const name = `report-${componentId}`;
  return (
    <>
      <details class="report">
        <summary>Report a problem with {componentName}</summary>
        <form method="post" action="/reports" data-report={componentId}>
          <input type="hidden" name="component" value={componentId} />
          <fieldset>
            <legend>What is not working?</legend>
            {props.categories.map((c, i) => (
              <label>
                <input type="radio" name="category" value={c.id} required checked={i === 0} id={i === 0 ? `${name}-first` : undefined} /> {c.label}
              </label>
            ))}
          </fieldset>
          <button type="submit">Send report</button>
          <p class="hint">Counted anonymously: your address is not stored.</p>
        </form>
      </details>
      <p class="thanks" id={`reported-${componentId}`} role="status">Thank you: your report about {componentName} was received.</p>
    </>
  );
}

/** Users are reporting problems while the checks say up: clearly labelled as reports. */
export function ReportNotices(props: { notices: readonly ReportNotice[]; timeZone: string }) {
  if (!props.notices.length) return null;
  return (
    <>
      {props.notices.map((n) => (
        <section class="notice reports" role="status" aria-labelledby={`notice-${n.componentId}`}>
          <h2 id={`notice-${n.componentId}`}>Users are reporting problems with {n.componentName}</h2>
          <p>
            Reports from visitors of this page, not a confirmed outage: our checks of {n.componentName} pass. {count(n.reports)} report{n.reports === 1 ? '' : 's'} from{' '}
            {count(n.peakSources)} networks since {formatMoment(n.startedAt, props.timeZone)}.
          </p>
        </section>
      ))}
    </>
  );
}

/** The chart's text alternative. */
function describeReportHours(s: ReportService, from: number): string {
  if (!s.total) return `Reports about ${s.name}, last 24 hours: none`;
  const peak = Math.max(...s.hourly);
  const at = from + s.hourly.indexOf(peak) * HOUR;
  const split = describeSplit(s.split);
  return `Reports about ${s.name}, last 24 hours: ${count(s.total)}; most in one hour ${count(peak)} (from ${formatClock(at, 'UTC')})${split ? `; ${split}` : ''}`;
}

/** Reports per hour as bars (24), scaled to the busiest hour. */
function HourBars(props: { values: readonly number[]; label: string }) {
  const max = Math.max(1, ...props.values);
  const step = W / props.values.length;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label} preserveAspectRatio="none" class="rbars">
      {props.values.map((v, i) => {
        const h = v ? Math.max(1, Math.round((v / max) * H)) : 0;
        return <rect x={String(Math.round(i * step))} y={String(H - h)} width={String(Math.max(1, Math.round(step) - 1))} height={String(h)}></rect>;
      })}
    </svg>
  );
}

function ReportsChart(props: { service: ReportService; from: number }) {
  const s = props.service;
  return (
    <figure class="reports-chart">
      <HourBars values={s.hourly} label={describeReportHours(s, props.from)} />
      <figcaption>
        {s.name}: {count(s.total)} report{s.total === 1 ? '' : 's'} in the last 24 hours{s.split.length > 0 && <> · {describeSplit(s.split)}</>}
      </figcaption>
    </figure>
  );
}

/** The front page's reports section: one chart per service. */
export function ReportsSection(props: { services: readonly ReportService[]; from: number }) {
  if (!props.services.length) return null;
  return (
    <section aria-labelledby="reports">
      <h2 id="reports">Problem reports from visitors</h2>
      <p class="facts">Reports per hour, last 24 hours. Visitors' reports, not checks: one per visitor and component every 15 minutes.</p>
      <div class="charts">{props.services.map((s) => <ReportsChart service={s} from={props.from} />)}</div>
    </section>
  );
}

/** Reports attached to an incident (live evidence), and an imported incident's curve as its sources give it. */
export function IncidentReports(props: { evidence?: readonly ReportEvidence[]; curve?: ReportCurve; labels: (component: { id: string; name: string }, category: string) => string; timeZone: string }) {
  const { evidence, curve } = props;
  if (!evidence?.length && !curve) return null;
  return (
    <section class="incident-reports" aria-labelledby="incident-reports">
      <h2 id="incident-reports">Problem reports</h2>
      {evidence?.map((e) => {
        const cats = Object.entries(e.categories).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
        return (
          <p>
            {e.componentName}: {count(e.reports)} report{e.reports === 1 ? '' : 's'} from visitors (up to {count(e.peakSources)} networks in 15 minutes), from{' '}
            {formatMoment(e.startedAt, props.timeZone)}{e.endedAt !== null && <> to {formatMoment(e.endedAt, props.timeZone)}</>}
            {cats.length > 0 && <>: {cats.map(([c, n]) => `${props.labels({ id: e.componentId, name: e.componentName }, c)} ${count(n)}`).join(', ')}</>}.
          </p>
        );
      })}
      {curve && <CurveChart curve={curve} timeZone={props.timeZone} />}
    </section>
  );
}

/** An imported curve: a line through the sources' figures, each labelled, marked approximate. */
function CurveChart(props: { curve: ReportCurve; timeZone: string }) {
  const { points, split } = props.curve;
  if (!points.length) return null;
  const t0 = points[0]!.at;
  const span = Math.max(1, points[points.length - 1]!.at - t0);
  const max = Math.max(...points.map((p) => p.reports));
  const xy = points.map((p) => [Math.round(((p.at - t0) / span) * W), Math.round(H - (p.reports / max) * (H - 4))] as const);
  const about = props.curve.approximate ? 'about ' : '';
  // Largest share first (jsonb keeps keys in its own order).
  const splitText = Object.entries(split).sort((a, b) => b[1] - a[1]).map(([name, percent]) => `${percent} % ${name}`).join(', ');
  const label = `Reports to ${props.curve.counter}${props.curve.approximate ? ' (approximate)' : ''}: ${points.map((p) => `${p.label ?? `${about}${count(p.reports)}`} at ${formatClock(p.at, 'UTC')}`).join('; ')}${splitText ? `; ${splitText}` : ''}`;
  return (
    <figure class="curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        <path class="p50" d={xy.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join('')}></path>
      </svg>
      <figcaption>
        Reports to {props.curve.counter}{props.curve.approximate && <>, <strong>approximate</strong> (as the press reported them)</>}
        {splitText && <> · {splitText}</>}
      </figcaption>
      <ul class="curve-points">
        {points.map((p) => <li>{formatMoment(p.at, props.timeZone, props.curve.approximate)}: {p.label ?? `${about}${count(p.reports)}`}</li>)}
      </ul>
      {props.curve.note && <p class="facts">{props.curve.note}</p>}
      {props.curve.sources.length > 0 && (
        <p class="sources">
          Figures from:{' '}
          {props.curve.sources.map((s, n) => <>{n > 0 && ' · '}<a href={s.url} rel="nofollow noopener noreferrer">{s.title}</a></>)}
        </p>
      )}
    </figure>
  );
}
