// Request bodies of the admin API. Every string has a bound; unknown keys are refused (a typo is an error).
import { z } from 'zod';
import { ALERT_EVENT_TYPES } from '../../core/alert-events.js';
import { DELIVERY_STATES } from '../../core/delivery-policy.js';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_START_STATUSES, INCIDENT_STATUSES } from '../../core/statuses.js';
import { TOKEN_SCOPES } from '../../core/scopes.js';
import { ALERT_CHANNEL_KINDS } from '../../config/schema.js';
import { secretKeyBytes } from '../../alerts/sign.js';
import { hasNoNul, Id, noNul, Timestamp } from '../validators.js';

const Title = noNul(z.string().trim().min(1).max(200));
const Text = noNul(z.string().trim().min(1).max(10_000));
const OptionalText = noNul(z.string().trim().max(10_000));
const Impact = z.enum(INCIDENT_IMPACTS);
const ComponentStatus = z.enum(COMPONENT_STATUSES);
const ComponentRef = noNul(z.string().min(1).max(100));
const ComponentChanges = z.array(z.object({ id: ComponentRef, status: ComponentStatus }).strict()).max(50);
const atLeastOne = (o: object) => Object.keys(o).length > 0;

export const CreateIncident = z
  .object({
    title: Title,
    status: z.enum(INCIDENT_START_STATUSES).default('investigating'),
    impact: Impact.default('minor'),
    body: Text,
    startedAt: Timestamp.optional().describe('In the past to backfill an outage'),
    resolvedAt: Timestamp.optional(),
    components: ComponentChanges.default([]),
    notify: z.boolean().default(true),
  })
  .strict();

export const PostIncidentUpdate = z
  .object({ status: z.enum(INCIDENT_STATUSES), body: Text, displayAt: Timestamp.optional(), components: ComponentChanges.optional(), notify: z.boolean().default(true) })
  .strict();

export const EditIncident = z
  .object({ title: Title.optional(), impact: Impact.optional(), summary: OptionalText.nullable().optional() })
  .strict()
  .refine(atLeastOne, 'name at least one of title, impact, summary');

export const EditIncidentUpdate = z.object({ body: Text }).strict();

const MaintenanceShape = {
  title: Title,
  body: OptionalText.default(''),
  scheduledFor: Timestamp,
  scheduledUntil: Timestamp,
  componentIds: z.array(ComponentRef).max(50).default([]),
};
export const CreateMaintenance = z.object(MaintenanceShape).strict();
export const EditMaintenance = z
  .object({
    title: Title.optional(), body: OptionalText.optional(), scheduledFor: Timestamp.optional(),
    scheduledUntil: Timestamp.optional(), componentIds: z.array(ComponentRef).max(50).optional(),
  })
  .strict()
  .refine(atLeastOne, 'name at least one field to change');

export const CreateEndpoint = z
  .object({
    name: noNul(z.string().trim().min(1).max(120)),
    kind: z.enum(ALERT_CHANNEL_KINDS),
    url: z.url({ protocol: /^https?$/ }).max(2048).refine(hasNoNul, 'must not contain NUL bytes'),
    secret: noNul(z.string().min(1).max(200)).optional().describe('webhook: whsec_ + base64 of ≥ 24 bytes; pagerduty: the routing key'),
    events: z.array(z.enum(ALERT_EVENT_TYPES)).max(ALERT_EVENT_TYPES.length).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'webhook' && !validWebhookSecret(e.secret)) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a webhook needs a secret "whsec_" + base64 of at least 24 bytes' });
    if (e.kind === 'pagerduty' && !e.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a pagerduty endpoint needs its routing key as secret' });
  });

export const DeliveryQuery = z
  .object({
    state: z.enum(DELIVERY_STATES).optional(),
    endpoint: Id.optional(),
    event: Id.optional(),
    type: z.enum(ALERT_EVENT_TYPES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

function validWebhookSecret(secret: string | undefined): boolean {
  if (!secret || !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return false;
  try {
    return secretKeyBytes(secret).length >= 24;
  } catch {
    return false;
  }
}

export const CreateToken = z
  .object({
    name: noNul(z.string().trim().min(1).max(80).regex(/^[\w .@-]+$/, 'letters, digits, spaces and . _ @ - only')),
    scope: z.enum(TOKEN_SCOPES),
  })
  .strict();

export const AuditQuery = z
  .object({ token: noNul(z.string().min(1).max(80)).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) })
  .strict();
