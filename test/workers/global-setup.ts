// Runs in Node before the tests that run inside workerd, which cannot migrate (no filesystem, no drizzle migrator
// there): a migrated template database that each test file copies into its own, one more behind the Hyperdrive
// binding, and a local HTTP target for the probes.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate.js';
import { withDatabase } from '../helpers/databases.js';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { handleDoh } from '../helpers/dns-server.js';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';

const adminUrl = process.env.LOOKOUT_TEST_REAL_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const prefix = `lookout_w_${randomBytes(4).toString('hex')}_`;
let target: LocalServer | undefined;
// A TCP server with a banner that answers PING, for the Workers TCP prober.
let tcp: Server | undefined;
// Webhook requests the Worker delivered (POST /hook), read back by the tests (GET /hook-log).
const hooks: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
// Counted probes (GET /count/<key>/<monitor>[?ms=N]): hits per path, and the most requests open at once per key.
const counted = new Map<string, { hits: Map<string, number>; open: number; maxOpen: number }>();

export async function setup(project: TestProject): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    for (const name of [`${prefix}template`, `${prefix}hyperdrive`, `${prefix}queue`]) {
      await admin.unsafe(`create database ${name}`);
      await applyMigrations(withDatabase(adminUrl, name));
    }
  } finally {
    await admin.end();
  }
  target = await startServer((req, res) => {
    if (handleDoh(req, res)) return; // GET /dns-query?dns=…: the local DoH endpoint for the Workers DNS prober
    if (req.url === '/ok') return res.end('all good');
    // Fails only for the probes of the locations listed (each probe names its location in x-lookout-location).
    const byLocation = /^\/by-location\?fail=([a-z0-9,-]*)$/.exec(req.url ?? '');
    if (byLocation) return (res.statusCode = byLocation[1]!.split(',').includes(String(req.headers['x-lookout-location'])) ? 503 : 200), res.end();
    if (req.url === '/fail') return (res.statusCode = 500), res.end('broken');
    if (req.url === '/auth') return (res.statusCode = req.headers.authorization === 'Bearer probe-secret' ? 200 : 401), res.end();
    if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }), res.end();
    if (req.url === '/big') return res.end('x'.repeat(200_000));
    if (req.url === '/hang') return; // headers never come: the probe must give up on its own
    const countedPath = /^\/count\/([^/]+)\/([^?]+)(?:\?ms=(\d+))?$/.exec(req.url ?? '');
    if (countedPath) {
      const [, key, monitor, ms] = countedPath as unknown as [string, string, string, string | undefined];
      const c = counted.get(key) ?? { hits: new Map(), open: 0, maxOpen: 0 };
      counted.set(key, c);
      c.hits.set(monitor, (c.hits.get(monitor) ?? 0) + 1);
      c.maxOpen = Math.max(c.maxOpen, ++c.open);
      setTimeout(() => (c.open--, res.end('counted')), Number(ms ?? 0));
      return;
    }
    const stats = /^\/count-stats\/([^/]+)$/.exec(req.url ?? '');
    if (stats) {
      const c = counted.get(stats[1]!);
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ hits: Object.fromEntries(c?.hits ?? []), maxOpen: c?.maxOpen ?? 0 }));
    }
    if (req.url === '/hook-log') return res.setHeader('content-type', 'application/json'), res.end(JSON.stringify(hooks));
    if (req.url === '/hook' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => (hooks.push({ headers: req.headers, body }), res.writeHead(204).end()));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  project.provide('workersPgAdminUrl', adminUrl);
  project.provide('workersTemplateDb', `${prefix}template`);
  project.provide('workersDbPrefix', prefix);
  project.provide('workersHyperdriveDbUrl', withDatabase(adminUrl, `${prefix}hyperdrive`));
  project.provide('workersQueueDbUrl', withDatabase(adminUrl, `${prefix}queue`));
  project.provide('workersTargetPort', target.port);
  tcp = createTcpServer((socket) => {
    socket.write('220 ready\r\n');
    socket.on('data', (d) => (d.toString().startsWith('PING') ? socket.write('+PONG\r\n') : undefined));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => tcp!.listen(0, '127.0.0.1', r));
  project.provide('workersTcpPort', (tcp.address() as AddressInfo).port);
  project.provide('workersClosedPort', await closedPort());
}

export async function teardown(): Promise<void> {
  await target?.close();
  tcp?.close();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const left = await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix})`;
    for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}
