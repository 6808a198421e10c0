// Every status, impact and state Lookout knows, declared once. Types and zod enums (config, admin API, native
// API) derive from these arrays; Statuspage v2's enums are copied verbatim because that is the format status
// tools already read.

/** What one probe concluded about an endpoint, before confirmation (also what alerts announce for a monitor). */
export const VERDICTS = ['up', 'degraded', 'down'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The status a monitor can be in, from best to worst (maintenance and unknown aside). */
export const MONITOR_STATUSES = [...VERDICTS, 'unknown', 'maintenance'] as const;
export type Status = (typeof MONITOR_STATUSES)[number];

/** A monitor's confirmed status (core/confirm.ts): a verdict, or unknown before the first decision. */
export type ConfirmedStatus = Exclude<Status, 'maintenance'>;

/** Component statuses, in Statuspage v2's enum. */
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Impacts an incident can be given (config, admin API); Statuspage adds "maintenance" for maintenances. */
export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const IMPACTS = [...INCIDENT_IMPACTS, 'maintenance'] as const;
export type Impact = (typeof IMPACTS)[number];

/** The page's overall indicator: Statuspage v2 uses the impact enum for it. */
const INDICATORS = IMPACTS;
export type Indicator = (typeof INDICATORS)[number];

/** Incident statuses, in Statuspage v2's enum; the first three are "open". */
export const OPEN_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
export const INCIDENT_STATUSES = [...OPEN_INCIDENT_STATUSES, 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** A new incident may start in any open status, or resolved (backfill of a past outage). */
export const INCIDENT_START_STATUSES = [...OPEN_INCIDENT_STATUSES, 'resolved'] as const;

/** Maintenance statuses, in Statuspage v2's enum (Lookout derives them from the window: never "verifying"). */
const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
