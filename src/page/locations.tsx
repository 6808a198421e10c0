// The page's view of locations: where a component fails ("down in 2 of 3 locations") and each location's health.
import { locationSummary } from '../snapshot/locations.js';
import type { SnapshotIncident, SnapshotLocation, SnapshotMonitor } from '../snapshot/types.js';
import { formatAgo } from './format-time.js';

/** A monitor probed from several places, when some fail: "API: down in 2 of 3 locations (US East, US West)". */
export function locationFact(m: SnapshotMonitor): string | null {
  const summary = locationSummary(m.locations);
  return summary && `${m.name}: ${summary}`;
}

const HEALTH_LABEL: Record<SnapshotLocation['health'], string> = { online: 'Online', offline: 'Offline (not reporting)', impaired: 'Impaired (its own network fails)' };

/** Each probing location and its health; nothing without locations. */
export function LocationsSection(props: { locations: readonly SnapshotLocation[]; now: number }) {
  if (!props.locations.length) return null;
  return (
    <section aria-labelledby="locations">
      <h2 id="locations">Probing locations</h2>
      <ul class="facts">
        {props.locations.map((l) => (
          <li>
            {l.name}: {HEALTH_LABEL[l.health]}{l.lastSeenAt !== null && `, last report ${formatAgo(l.lastSeenAt, props.now)}`}
          </li>
        ))}
      </ul>
      <p>A location that is offline or impaired does not vote: a monitor is down only when enough of the others agree.</p>
    </section>
  );
}

const PHASE_LABEL: Record<string, string> = { dns: 'DNS', connect: 'connect', tls: 'TLS', first_byte: 'first byte', http_status: 'HTTP status', assertion: 'assertion' };

/** An incident's failure signatures: where each monitor failed, in which phase, since when. */
export function IncidentSignatures(props: { incident: SnapshotIncident }) {
  const list = props.incident.signatures ?? [];
  if (!list.length) return null;
  return (
    <section aria-label="Where it failed">
      <h2>Where it failed</h2>
      <ul class="facts">
        {list.map(({ monitorId, signature: s }) => (
          <li>
            {monitorId}: down from {s.failing.map((f) => `${f.name} (${[f.phase && PHASE_LABEL[f.phase], f.statusCode && `HTTP ${f.statusCode}`, f.since && `since ${f.since.slice(11, 16)} UTC`].filter(Boolean).join(', ')})`).join(', ')}
            {s.passing.length > 0 && `; up from ${s.passing.map((p) => p.name).join(', ')}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
