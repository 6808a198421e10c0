// Which components accept reports, and with which categories: from the config, so the report route validates a
// post without reading anything.
import { componentId } from '../core/ids.js';
import { categoriesFor } from '../core/reports.js';
import type { ReportsConfig } from '../config/reports-schema.js';

/** Component id → the ids of its categories, for every component the config's monitors report into. */
export function reportableComponents(reports: ReportsConfig, componentNames: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!reports.enabled) return out;
  for (const name of componentNames) {
    const id = componentId(name);
    out.set(id, new Set(categoriesFor(reports.categories, { id, name }).map((c) => c.id)));
  }
  return out;
}
