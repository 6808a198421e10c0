import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connectDb, type DbHandle } from '../../src/db/client.js';
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

/** A fresh, migrated database on `serverUrl`, dropped by `drop()`: no test sees another's data. */
export async function createTestDb(serverUrl: string): Promise<TestDb> {
  const name = `lookout_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await applyMigrations(url);
  const handle = connectDb(url, { max: 8 });
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
