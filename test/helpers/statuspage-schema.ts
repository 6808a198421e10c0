// JSON Schemas for the Statuspage v2 public API, written from /work/shared/reference/standards.md: every key
// required, enums closed, lists arrays, timestamps ISO 8601 (date-time), start_date a date or null.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { anyOf: [dateTime, { type: 'null' }] };
const nullableString = { type: ['string', 'null'] };
const impact = { enum: ['none', 'minor', 'major', 'critical', 'maintenance'] };
const componentStatus = { enum: ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] };
const strict = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra,
});

const page = strict({ id: { type: 'string', minLength: 1 }, name: { type: 'string' }, url: { type: 'string', format: 'uri' }, time_zone: { type: 'string' }, updated_at: dateTime });
const componentProps = {
  id: { type: 'string', minLength: 1 }, name: { type: 'string' }, status: componentStatus, created_at: dateTime, updated_at: dateTime,
  position: { type: 'integer' }, description: nullableString, showcase: { type: 'boolean' },
  start_date: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] }, group_id: nullableString, page_id: { type: 'string' },
  group: { type: 'boolean' }, only_show_if_degraded: { type: 'boolean' },
};
const component = {
  type: 'object',
  properties: { ...componentProps, components: { type: 'array', items: { type: 'string' } } },
  required: Object.keys(componentProps),
  additionalProperties: false,
  // A group lists its children; a plain component does not.
  if: { properties: { group: { const: true } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keywords
  then: { required: ['components'], properties: { group_id: { type: 'null' } } },
  else: { not: { required: ['components'] } },
};
const affected = { anyOf: [{ type: 'null' }, { type: 'array', items: strict({ code: { type: 'string' }, name: { type: 'string' }, old_status: componentStatus, new_status: componentStatus }) }] };
const update = (statusEnum: string[]) => strict({
  id: { type: 'string', minLength: 1 }, status: { enum: statusEnum }, body: { type: 'string' }, incident_id: { type: 'string' },
  created_at: dateTime, updated_at: dateTime, display_at: dateTime, affected_components: affected,
  deliver_notifications: { type: 'boolean' }, custom_tweet: nullableString, tweet_id: nullableString,
});
const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'];
const incidentProps = (statusEnum: string[]) => ({
  id: { type: 'string', minLength: 1 }, name: { type: 'string' }, status: { enum: statusEnum }, created_at: dateTime, updated_at: dateTime,
  monitoring_at: nullableDateTime, resolved_at: nullableDateTime, impact, shortlink: { type: 'string' }, started_at: dateTime,
  page_id: { type: 'string' }, incident_updates: { type: 'array', items: update(statusEnum) }, components: { type: 'array', items: component },
  reminder_intervals: { type: ['string', 'null'] },
});
const incident = strict(incidentProps(incidentStatuses));
const maintenance = strict({ ...incidentProps(maintenanceStatuses), scheduled_for: dateTime, scheduled_until: dateTime });
const status = strict({ indicator: { enum: ['none', 'minor', 'major', 'critical', 'maintenance'] }, description: { type: 'string' } });
const list = (item: unknown) => ({ type: 'array', items: item });

const V2_SCHEMAS = {
  'summary.json': strict({ page, components: list(component), incidents: list(incident), scheduled_maintenances: list(maintenance), status }),
  'status.json': strict({ page, status }),
  'components.json': strict({ page, components: list(component) }),
  'incidents.json': strict({ page, incidents: list(incident) }),
  'incidents/unresolved.json': strict({ page, incidents: list(incident) }),
  'scheduled-maintenances.json': strict({ page, scheduled_maintenances: list(maintenance) }),
  'scheduled-maintenances/upcoming.json': strict({ page, scheduled_maintenances: list(maintenance) }),
  'scheduled-maintenances/active.json': strict({ page, scheduled_maintenances: list(maintenance) }),
} as const;
export type V2Endpoint = keyof typeof V2_SCHEMAS;

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validators = Object.fromEntries(Object.entries(V2_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));

/** Validation errors of a v2 response body against the schema of its endpoint (empty when valid). */
export function v2Errors(endpoint: V2Endpoint, body: unknown): string[] {
  const validate = validators[endpoint]!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
