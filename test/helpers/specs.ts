import type { z } from 'zod';
import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';
import type { DnsMonitorSpec, HttpMonitorSpec, MonitorSpec, TcpMonitorSpec } from '../../src/core/monitor.js';
import type { MonitorConfig } from '../../src/config/schema.js';

type Input = z.input<typeof MonitorConfig>;
type Overrides<T extends Input['type']> = Partial<Omit<Extract<Input, { type?: T }>, 'type'>>;

function through(overrides: object): MonitorSpec {
  const cfg = parseConfig({ monitors: [{ id: 'm1', name: 'Test monitor', component: 'App (API)', retryDelay: 0, ...overrides }] }, 'test');
  return toMonitorSpec(cfg.monitors[0] as MonitorConfig);
}

/** An HTTP monitor spec through the real config validation, with test-friendly overrides. */
export function spec(overrides: Overrides<'http'> & { url: string }): HttpMonitorSpec {
  return through(overrides) as HttpMonitorSpec;
}

/** A TCP monitor spec through the real config validation. */
export function tcpSpec(overrides: Overrides<'tcp'> & { host: string; port: number }): TcpMonitorSpec {
  return through({ ...overrides, type: 'tcp' }) as TcpMonitorSpec;
}

/** A DNS monitor spec through the real config validation. */
export function dnsSpec(overrides: Overrides<'dns'> & { dns: Extract<Input, { type: 'dns' }>['dns'] }): DnsMonitorSpec {
  return through({ ...overrides, type: 'dns' }) as DnsMonitorSpec;
}
