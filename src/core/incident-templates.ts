// Starting points for a new incident in the console: the operator picks one and edits every field before posting.
// The config's `incidentTemplates` replaces these defaults with a team's own wording.
import type { Impact, IncidentStatus } from './statuses.js';

export interface IncidentTemplate {
  id: string;
  label: string;
  title: string;
  status: Extract<IncidentStatus, 'investigating' | 'identified' | 'monitoring'>;
  impact: Exclude<Impact, 'maintenance'>;
  body: string;
}

/** The default templates, in the order the console offers them; the first is the default. */
export const INCIDENT_TEMPLATES: readonly IncidentTemplate[] = [
  {
    id: 'outage', label: 'Outage', title: 'Service unavailable', status: 'investigating', impact: 'major',
    body: 'We are investigating reports that the service is unavailable. We will post an update within 30 minutes.',
  },
  {
    id: 'degraded', label: 'Degraded performance', title: 'Slow responses', status: 'investigating', impact: 'minor',
    body: 'Some requests are slower than usual. We are looking into the cause.',
  },
  {
    id: 'identified', label: 'Cause identified', title: 'Errors for some requests', status: 'identified', impact: 'minor',
    body: 'We have identified the cause and are working on a fix.',
  },
  {
    id: 'third-party', label: 'Third-party provider', title: 'Issue at an upstream provider', status: 'identified', impact: 'minor',
    body: 'An upstream provider is having problems that affect us. We are following their updates.',
  },
];

/** The template with this id among `templates` (never empty), or the first one. */
export function incidentTemplate(templates: readonly IncidentTemplate[], id: string | undefined): IncidentTemplate {
  return templates.find((t) => t.id === id) ?? templates[0]!;
}
