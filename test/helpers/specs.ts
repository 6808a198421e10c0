import type { z } from 'zod';
import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';
import { resolveHeartbeatTokens } from '../../src/config/heartbeat-token.js';
import type { DnsMonitorSpec, HeartbeatMonitorSpec, HttpMonitorSpec, MonitorSpec, TcpMonitorSpec } from '../../src/core/monitor.js';
import type { MonitorConfig } from '../../src/config/schema.js';

type Input = z.input<typeof MonitorConfig>;
type Overrides<T extends Input['type']> = Partial<Omit<Extract<Input, { type?: T }>, 'type'>>;

function through(overrides: object & { type?: string }): MonitorSpec {
  const probed = overrides.type === 'heartbeat' ? {} : { retryDelay: 0 };
  const cfg = parseConfig({ monitors: [{ id: 'm1', name: 'Test monitor', component: 'App (API)', ...probed, ...overrides }] }, 'test');
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

/** A heartbeat monitor spec through the real config validation, its token resolved from `tokens`. */
export function heartbeatSpec(overrides: Overrides<'heartbeat'> & { period: number }, tokens: Record<string, string>): HeartbeatMonitorSpec {
  const s = through({ token: { env: 'BEAT_TOKEN' }, ...overrides, type: 'heartbeat' });
  return resolveHeartbeatTokens([s], (n) => tokens[n], 'test')[0] as HeartbeatMonitorSpec;
}
