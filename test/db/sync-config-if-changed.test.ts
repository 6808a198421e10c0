import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitorsIfChanged } from '../../src/db/sync-config-if-changed.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
});
afterAll(async () => {
  await db.drop();
});

describe('syncMonitorsIfChanged (Workers: no start-up to sync at)', () => {
  it('syncs a new config, skips an unchanged one, and syncs again when it changes', async () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const a = spec({ id: 'a', url: 'http://127.0.0.1:9/a' });
    const b = spec({ id: 'b', url: 'http://127.0.0.1:9/b' });
    expect(await syncMonitorsIfChanged(db.sql, [a], now)).toMatchObject({ added: ['a'] });
    expect(await syncMonitorsIfChanged(db.sql, [a], now)).toBeNull();
    expect(await syncMonitorsIfChanged(db.sql, [a, b], now)).toMatchObject({ added: ['b'], unchanged: 1 });
    expect(await syncMonitorsIfChanged(db.sql, [{ ...a, timeoutMs: 1234 }, b], now)).toMatchObject({ changed: ['a'], unchanged: 1 });
    expect(await db.sql`select id from monitors where removed_at is null order by id`).toEqual([{ id: 'a' }, { id: 'b' }]);
    const [meta] = await db.sql<{ value: string }[]>`select value from meta where key = 'config_fingerprint'`;
    expect(meta?.value).toMatch(/^[0-9a-f]{64}$/);
  });
});
