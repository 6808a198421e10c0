import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { ImportedHistory } from '../../src/config/history.js';
import { loadConfigFile, loadHistoryFiles } from '../../src/config/load-file.js';
import { connectDb, type DbHandle } from '../../src/db/client.js';
import { importHistory } from '../../src/db/import-history.js';
import { applyMigrations } from '../../src/db/migrate.js';

export interface DbTarget {
  name: 'embedded' | 'real';
  url: string;
}

/** The servers every storage contract test runs against. */
export function dbTargets(): DbTarget[] {
  return [
    { name: 'embedded', url: inject('embeddedPgUrl') },
    { name: 'real', url: inject('realPgUrl') },
  ];
}

export interface TestDb extends DbHandle {
  url: string;
  drop(): Promise<void>;
}

const DEFAULT_CONFIG = 'lookout.config.json';
let defaultHistory: Promise<ImportedHistory[]> | undefined;

/** The history files the default config names, read and validated as Node's start-up reads them (once per file). */
function defaultConfigHistory(): Promise<ImportedHistory[]> {
  return (defaultHistory ??= loadConfigFile(DEFAULT_CONFIG).then((config) => loadHistoryFiles(config, DEFAULT_CONFIG)));
}

/**
 * A fresh, migrated database on `serverUrl`, dropped by `drop()`: no test sees another's data. By default it holds
 * the default config's history (X's two outages), imported by the function the config sync runs — as every
 * database did when a migration seeded it, and as the page, API and browser tests expect; `{ history: false }`
 * for a database with no incidents at all.
 */
export async function createTestDb(serverUrl: string, opts: { history?: boolean } = {}): Promise<TestDb> {
  const name = `lookout_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await applyMigrations(url);
  const handle = connectDb(url, { max: 8 });
  if (opts.history !== false) await importHistory(handle.sql, await defaultConfigHistory(), new Date());
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const a = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
