import type { AlertsConfig } from '../config/schema.js';
import { componentId } from '../core/ids.js';
import type { IncidentPolicy } from '../core/incident.js';

/** The incident policy from the config's `alerts` section, resolved once at start (component names → ids). */
export function incidentPolicyOf(cfg: AlertsConfig): IncidentPolicy {
  return {
    impactByComponent: Object.fromEntries(Object.entries(cfg.impact).map(([name, impact]) => [componentId(name), impact])),
    defaultImpact: cfg.defaultImpact,
    recoverAfterMs: cfg.resolveAfter * 1000,
    reminderIntervalMs: cfg.reminderInterval === undefined ? null : cfg.reminderInterval * 1000,
  };
}
