// A central Lookout and probe agents as child processes on 127.0.0.1 (real HTTP between them), a target that fails
// only for the probes of chosen locations (each probe names its location in x-lookout-location), a canary per
// location that can be made to fail, and webhook receivers. Used by the agents' end-to-end test and bench:locations.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret } from '../../src/alerts/sign.js';
import { freePort } from '../../src/free-port.js';
import { startReceiver, type Receiver } from './receivers.js';
import { startServer, type LocalServer } from './servers.js';
import { nodeArgsOf, scriptEnvOf } from './start-command.js';

const LOCATIONS = [
  { id: 'us-east', name: 'US East' },
  { id: 'us-west', name: 'US West' },
  { id: 'eu-west', name: 'EU West' },
] as const;

/** How the target treats one location's probes: answers 503, or drops the connection (a network-class failure). */
type Failure = 'http' | 'reset';

export interface Cluster {
  centralUrl: string;
  adminToken: string;
  tokens: Record<string, string>;
  receivers: Receiver[];
  /** The receivers' signing secrets (whsec_…), in order. */
  hookSecrets: string[];
  /** Locations whose probes the target fails, and how. */
  failing: Map<string, Failure>;
  /** Locations whose canary fails (drops the connection). */
  canaryFailing: Set<string>;
  target: LocalServer;
  agents: Map<string, ChildProcess>;
  central: ChildProcess;
  output: () => string;
  startAgent(location: string): ChildProcess;
  close(): Promise<void>;
}

export interface ClusterOptions {
  databaseUrl: string;
  interval?: number;
  /** Failures in a row before one location calls the target down (its confirmation). */
  failuresBeforeDown?: number;
  retryDelay?: number;
  resolveAfter?: number;
  receivers?: number;
  pollSeconds?: number;
  /** false: one process and no locations in the config (today's install), the baseline of bench:locations. */
  locations?: boolean;
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const failing = new Map<string, Failure>();
  const canaryFailing = new Set<string>();
  let output = '';
  const dir = await mkdtemp(join(tmpdir(), 'lookout-locations-'));
  const target = await startServer((req, res) => {
    const failure = failing.get(String(req.headers['x-lookout-location'] ?? ''));
    if (failure === 'reset') return void req.socket.destroy();
    res.writeHead(failure === 'http' ? 503 : 200).end(failure === 'http' ? 'unavailable' : 'ok');
  });
  const canary = await startServer((req, res) => {
    if (canaryFailing.has(req.url!.slice(1))) return void req.socket.destroy();
    res.end('ok');
  });
  const receivers = await Promise.all(Array.from({ length: o.receivers ?? 2 }, () => startReceiver()));
  const tokens = Object.fromEntries(LOCATIONS.map((l) => [l.id, randomBytes(18).toString('hex')]));
  const hookSecrets = receivers.map(() => generateWebhookSecret());
  const located = o.locations !== false;
  const config = {
    locations: LOCATIONS.map((l) => ({ ...l, token: { env: `TOKEN_${l.id.replace('-', '_').toUpperCase()}` }, canary: `${canary.url}/${l.id}` })),
    monitors: [{ id: 'api', name: 'API', component: 'App (API)', group: 'Shop', url: `${target.url}/health`, interval: o.interval ?? 10,
      failuresBeforeDown: o.failuresBeforeDown ?? 2, retryDelay: o.retryDelay ?? 1, timeoutMs: 2000 }],
    alerts: { resolveAfter: o.resolveAfter ?? 5, endpoints: receivers.map((r, i) => ({ id: `hook-${i}`, kind: 'webhook', url: r.url, secret: { env: `HOOK_${i}` } })) },
  };
  await writeFile(join(dir, 'config.json'), JSON.stringify(located ? config : { ...config, locations: undefined }));
  const port = await freePort();
  const centralUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(16).toString('hex');
  const log = (who: string) => (d: Buffer) => (output += d.toString().split('\n').filter(Boolean).map((l) => `[${who}] ${l}\n`).join(''));
  const central = spawn(process.execPath, nodeArgsOf('start'), {
    env: {
      ...process.env, ...scriptEnvOf('start'), PORT: String(port), DATABASE_URL: o.databaseUrl, LOOKOUT_CONFIG: join(dir, 'config.json'), LOOKOUT_CRON: '*/1 * * * * *',
      ...(located ? { LOOKOUT_LOCATION: 'central' } : {}), LOOKOUT_ADMIN_TOKEN: adminToken, LOOKOUT_REFRESH_SECONDS: '0',
      ...Object.fromEntries(config.locations.map((l) => [l.token.env, tokens[l.id]!])),
      ...Object.fromEntries(hookSecrets.map((s, i) => [`HOOK_${i}`, s])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  central.stdout!.on('data', log('central'));
  central.stderr!.on('data', log('central'));
  await waitFor(async () => (await fetch(`${centralUrl}/healthz`).catch(() => null))?.ok === true, 60_000, () => `central did not start:\n${output}`);
  const agents = new Map<string, ChildProcess>();
  const startAgent = (location: string) => {
    const child = spawn(process.execPath, nodeArgsOf('agent'), {
      env: { ...process.env, ...scriptEnvOf('agent'), LOOKOUT_CENTRAL_URL: centralUrl, LOOKOUT_LOCATION: location, LOOKOUT_AGENT_TOKEN: tokens[location]!, LOOKOUT_AGENT_POLL_SECONDS: String(o.pollSeconds ?? 1) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', log(location));
    child.stderr!.on('data', log(location));
    agents.set(location, child);
    return child;
  };
  if (located) for (const l of LOCATIONS) startAgent(l.id);
  return {
    centralUrl, adminToken, tokens, receivers, hookSecrets, failing, canaryFailing, target, agents, central, startAgent, output: () => output,
    close: async () => {
      const children = [central, ...agents.values()].filter((c) => c.exitCode === null && c.signalCode === null);
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => { c.once('exit', r); setTimeout(() => { c.kill('SIGKILL'); r(null); }, 12_000).unref(); })));
      await Promise.all([target.close(), canary.close(), ...receivers.map((r) => r.close())]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Poll `check` until it holds; the message says what was awaited and what the processes said. */
export async function waitFor(check: () => Promise<boolean> | boolean, withinMs: number, message: () => string): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(message());
}
