// Small pieces shared by the page, the history and the incident pages.
import type { Child } from 'hono/jsx';
import { COMPONENT_STATUS_LABEL, type ComponentStatus, type Impact } from '../core/service-status.js';
import type { IncidentStatus } from '../db/incident-queries.js';
import type { IncidentUpdateData, SnapshotIncident } from '../snapshot/types.js';
import { formatClock, formatDuration, formatMoment } from './format-time.js';
import { parseBody } from './markdown.js';

export const INCIDENT_STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved', postmortem: 'Postmortem',
};
const IMPACT_LABEL: Record<Impact, string> = {
  none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact', maintenance: 'Maintenance',
};

/** A status as text with an icon beside it (the icon is decoration: colour and shape never carry it alone). */
export function StatusLabel(props: { status: ComponentStatus; hasData?: boolean; lastSeen?: number | null }) {
  // Checks stopped arriving (the monitors are overdue): say since when, not just "no data".
  if (props.hasData === false && props.lastSeen) return <span class="st s-nodata">No data since {formatClock(props.lastSeen, 'UTC')}</span>;
  if (props.hasData === false) return <span class="st s-nodata">No data yet</span>;
  return <span class={`st s-${props.status}`}>{COMPONENT_STATUS_LABEL[props.status]}</span>;
}

/** An incident body in the safe Markdown subset: every piece goes through JSX escaping. */
export function Body(props: { text: string }) {
  return (
    <>
      {parseBody(props.text).map((para) => (
        <p>
          {para.map((i): Child => (i.kind === 'bold' ? <strong>{i.text}</strong> : i.kind === 'link' ? <a href={i.href} rel="nofollow noopener noreferrer ugc">{i.text}</a> : i.text))}
        </p>
      ))}
    </>
  );
}

export function Moment(props: { at: number; timeZone: string; approximate?: boolean }) {
  return <time datetime={new Date(props.at).toISOString()}>{formatMoment(props.at, props.timeZone, props.approximate)}</time>;
}

export function Timeline(props: { updates: readonly IncidentUpdateData[]; timeZone: string }) {
  return (
    <ol class="timeline">
      {props.updates.map((u) => (
        <li>
          <p class="when"><strong>{INCIDENT_STATUS_LABEL[u.status]}</strong> · <Moment at={u.displayAt} timeZone={props.timeZone} approximate={u.approximate} /></p>
          <Body text={u.body} />
        </li>
      ))}
    </ol>
  );
}

/** "Major impact · App (API), Website · lasted about 1 h 20 min" */
export function IncidentFacts(props: { incident: SnapshotIncident; now: number }) {
  const i = props.incident;
  const end = i.resolvedAt ?? props.now;
  const duration = formatDuration(end - i.startedAt, i.startedApprox || (i.resolvedAt !== null && i.resolvedApprox));
  return (
    <p class="facts">
      <span class={`impact im-${i.impact}`}>{IMPACT_LABEL[i.impact]}</span>
      {i.components.length > 0 && <> · {i.components.map((c) => c.name).join(', ')}</>}
      {' · '}{i.resolvedAt === null ? `ongoing for ${duration}` : `lasted ${duration}`}
    </p>
  );
}
