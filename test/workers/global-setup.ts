// Runs in Node before the tests that run inside workerd (which cannot migrate: no filesystem, no drizzle
// migrator there): a fresh migrated database on the real Postgres, and a local HTTP target for the probes.
import type { TestProject } from 'vitest/node';
import { createTestDb, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';

let db: TestDb | undefined;
let target: LocalServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  db = await createTestDb(process.env.LOOKOUT_TEST_REAL_PG ?? 'postgres://postgres@127.0.0.1:5432/test');
  target = await startServer((req, res) => {
    if (req.url === '/ok') return res.end('all good');
    if (req.url === '/fail') return (res.statusCode = 500), res.end('broken');
    if (req.url === '/auth') return (res.statusCode = req.headers.authorization === 'Bearer probe-secret' ? 200 : 401), res.end();
    if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }), res.end();
    if (req.url === '/big') return res.end('x'.repeat(200_000));
    if (req.url === '/hang') return; // headers never come: the probe must give up on its own
    res.statusCode = 404;
    res.end();
  });
  project.provide('workersDbUrl', db.url);
  project.provide('workersTargetPort', target.port);
}

export async function teardown(): Promise<void> {
  await target?.close();
  await db?.drop();
}
