import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';
import type { MonitorSpec } from '../../src/core/monitor.js';
import type { MonitorConfig } from '../../src/config/schema.js';
import type { z } from 'zod';

/** A monitor spec through the real config validation, with test-friendly overrides. */
export function spec(overrides: Partial<z.input<typeof import('../../src/config/schema.js').MonitorConfig>> & { url: string }): MonitorSpec {
  const cfg = parseConfig({ monitors: [{ id: 'm1', name: 'Test monitor', component: 'App (API)', retryDelay: 0, ...overrides }] }, 'test');
  return toMonitorSpec(cfg.monitors[0] as MonitorConfig);
}
