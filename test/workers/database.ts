// Inside workerd: each test file gets its own database, copied from the migrated template globalSetup made.
import { inject } from 'vitest';
import { connectDb, type DbHandle } from '../../src/db/client.js';

export interface WorkersTestDb extends DbHandle {
  url: string;
  drop(): Promise<void>;
}

export async function createWorkersTestDb(): Promise<WorkersTestDb> {
  const name = `${inject('workersDbPrefix')}${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = connectDb(inject('workersPgAdminUrl'), { workers: true, max: 1 });
  try {
    await admin.sql.unsafe(`create database ${name} template ${inject('workersTemplateDb')}`);
  } finally {
    await admin.close();
  }
  const url = new URL(inject('workersPgAdminUrl'));
  url.pathname = `/${name}`;
  const handle = connectDb(url.toString(), { workers: true, max: 1 });
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const a = connectDb(inject('workersPgAdminUrl'), { workers: true, max: 1 });
      try {
        await a.sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.close();
      }
    },
  };
}
