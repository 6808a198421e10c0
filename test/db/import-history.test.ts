// X's history is data: imported from the files the config names, at config sync, once.
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile, loadHistoryFiles } from '../../src/config/load-file.js';
import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';
import { importHistory } from '../../src/db/import-history.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';

const NOW = new Date('2026-03-10T15:00:00Z');

/** Everything an incident is made of, as the page and the APIs read it. */
async function dumpIncidents(sql: postgres.Sql) {
  return {
    incidents: await sql`select * from incidents order by id`,
    updates: await sql`select * from incident_updates order by id`,
    components: await sql`select * from incident_components order by incident_id, component_id`,
  };
}

/** The Node start-up path: config file, its history files, one sync. */
async function syncConfigFile(sql: postgres.Sql, path: string) {
  const config = await loadConfigFile(path);
  return syncMonitors(sql, config.monitors.map(toMonitorSpec), NOW, await loadHistoryFiles(config, path));
}

describe.each(dbTargets())('history import ($name)', ({ url }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('a fresh database and the default config: both X incidents, exactly as migration 0001 seeded them', async () => {
    db = await createTestDb(url, { history: false });
    expect(await db.sql`select count(*)::int as n from incidents`).toEqual([{ n: 0 }]);
    const summary = await syncConfigFile(db.sql, 'lookout.config.json');
    expect(summary).toMatchObject({ added: ['x-app-api', 'x-website'], imported: 2 });
    const imported = await dumpIncidents(db.sql);
    expect(imported.incidents.map((i) => [i.id, i.origin, i.status, i.impact])).toEqual([
      ['x-2023-03-06', 'imported', 'resolved', 'major'], ['x-2025-03-10', 'imported', 'resolved', 'critical'],
    ]);

    const seeded = await createTestDb(url, { history: false });
    try {
      await seeded.sql.unsafe(await readFile('test/fixtures/drizzle-stop-11/0001_seed_x_history.sql', 'utf8'));
      expect(imported).toEqual(await dumpIncidents(seeded.sql));
      // A database that already holds them (seeded by the old 0001) keeps them: the sync imports nothing, changes nothing.
      expect(await syncConfigFile(seeded.sql, 'lookout.config.json')).toMatchObject({ imported: 0 });
      expect(await dumpIncidents(seeded.sql)).toEqual(imported);
    } finally {
      await seeded.drop();
    }
  });

  it('a config without history imports no X incidents', async () => {
    db = await createTestDb(url, { history: false });
    const config = parseConfig({ monitors: [{ id: 'mine', name: 'Mine', component: 'My API', url: 'https://example.com/health' }] }, 'mine.json');
    expect(config.history).toEqual([]);
    expect(await syncMonitors(db.sql, config.monitors.map(toMonitorSpec), NOW, await loadHistoryFiles(config, 'mine.json'))).toMatchObject({ added: ['mine'], imported: 0 });
    expect(await db.sql`select count(*)::int as n from incidents`).toEqual([{ n: 0 }]);
    expect(await db.sql`select id from components order by id`).toEqual([{ id: 'my-api' }]);
  });

  it('importing twice changes nothing, and an incident already there is left as it is', async () => {
    db = await createTestDb(url, { history: false });
    expect(await syncConfigFile(db.sql, 'lookout.config.json')).toMatchObject({ imported: 2 });
    await db.sql`update incidents set title = 'Edited by an operator' where id = 'x-2023-03-06'`;
    const before = await dumpIncidents(db.sql);
    expect(await syncConfigFile(db.sql, 'lookout.config.json')).toMatchObject({ imported: 0 });
    const config = await loadConfigFile('lookout.config.json');
    expect(await importHistory(db.sql, await loadHistoryFiles(config, 'lookout.config.json'), new Date(NOW.getTime() + 3600_000))).toBe(0);
    expect(await dumpIncidents(db.sql)).toEqual(before);
  });

  it('an invalid history file: an error naming the file and the field, nothing written', async () => {
    db = await createTestDb(url, { history: false });
    const dir = await mkdtemp(join(tmpdir(), 'lookout-history-'));
    const x = JSON.parse(await readFile('history/x.json', 'utf8'));
    x.incidents[1].updates[2].status = 'fixed';
    delete x.incidents[0].resolvedAt;
    await writeFile(join(dir, 'broken.json'), JSON.stringify(x));
    await writeFile(join(dir, 'lookout.json'), JSON.stringify({ monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'https://example.com/' }], history: ['broken.json'] }));
    const err = await syncConfigFile(db.sql, join(dir, 'lookout.json')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain(`Invalid history ${join(dir, 'broken.json')}`);
    expect(msg).toContain('incident "x-2025-03-10" field "updates.2.status"');
    expect(msg).toContain('incident "x-2023-03-06" field "resolvedAt": a resolved incident needs resolvedAt');
    await expect(loadHistoryFiles({ history: ['missing.json'] }, join(dir, 'lookout.json'))).rejects.toThrow(/missing\.json[\s\S]*ENOENT/);
    expect(await db.sql`select count(*)::int as n from incidents`).toEqual([{ n: 0 }]);
    expect(await db.sql`select count(*)::int as n from monitors`).toEqual([{ n: 0 }]);

    // The same incident in two files is refused before anything is written, monitors included.
    const history = await loadHistoryFiles({ history: ['history/x.json', 'history/x.json'] }, 'lookout.config.json');
    await expect(syncMonitors(db.sql, [], NOW, history)).rejects.toThrow(/incident "x-2023-03-06" is in two history files/);
    expect(await db.sql`select count(*)::int as n from components`).toEqual([{ n: 0 }]);
  });
});
