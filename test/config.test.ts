import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHistory } from '../src/config/history.js';
import { loadConfigFile, loadHistoryFiles } from '../src/config/load-file.js';
import { ConfigError, parseConfig } from '../src/config/parse.js';
import { parseNodeEnv } from '../src/env.js';

const good = { id: 'api', name: 'API', component: 'App (API)', url: 'https://example.com/health' };

describe('config validation', () => {
  it('applies defaults', () => {
    const cfg = parseConfig({ monitors: [good] }, 'x.json');
    expect(cfg.monitors[0]).toMatchObject({ method: 'GET', interval: 60, failuresBeforeDown: 2, retryDelay: 5, timeoutMs: 10000 });
  });
  it('names the source, the monitor and the field of every problem at once', () => {
    let err: unknown;
    try {
      parseConfig({ monitors: [good, { ...good, id: 'web', url: 'ftp://nope', timeoutMs: -1 }] }, '/etc/lookout.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('/etc/lookout.json');
    expect(msg).toContain('monitor "web" field "url"');
    expect(msg).toContain('monitor "web" field "timeoutMs"');
  });
  it('rejects unknown keys, duplicate ids and bad header references', () => {
    expect(() => parseConfig({ monitors: [{ ...good, colour: 'red' }] }, 'c')).toThrow(/colour/);
    expect(() => parseConfig({ monitors: [good, good] }, 'c')).toThrow(/duplicate monitor id "api"/);
    expect(() => parseConfig({ monitors: [{ ...good, headers: { Authorization: { env: 'not a name' } } }] }, 'c')).toThrow(/headers.Authorization.env/);
  });
  it('reports a missing file and bad JSON with the file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lookout-cfg-'));
    await expect(loadConfigFile(join(dir, 'none.json'))).rejects.toThrow(/none\.json.*ENOENT/s);
    await writeFile(join(dir, 'bad.json'), '{ "monitors": [ }');
    await expect(loadConfigFile(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json[\s\S]*not valid JSON/);
  });
  it('the shipped default config is valid and monitors X', async () => {
    const cfg = await loadConfigFile('lookout.config.json');
    expect(cfg.monitors.map((m) => (m.type === 'http' ? m.url : null))).toEqual(['https://api.x.com', 'https://x.com']);
  });
  it('the default config names X\'s history, valid and bundled for Workers', async () => {
    const cfg = await loadConfigFile('lookout.config.json');
    expect(cfg.history).toEqual(['history/x.json']);
    const history = await loadHistoryFiles(cfg, 'lookout.config.json');
    expect(history.map((h) => h.incidents.map((i) => i.id))).toEqual([['x-2023-03-06', 'x-2025-03-10']]);
    const { BUNDLED_HISTORY } = await import('../src/worker-history.js');
    for (const name of cfg.history) expect(Object.keys(BUNDLED_HISTORY)).toContain(name);
    expect(parseHistory(BUNDLED_HISTORY['history/x.json'], 'bundled')).toEqual({ ...history[0], source: 'bundled' });
  });
  it('a config without history names none', () => {
    expect(parseConfig({ monitors: [good] }, 'c').history).toEqual([]);
    expect(() => parseConfig({ monitors: [good], history: ['notes.txt'] }, 'c')).toThrow(/history\.0: must be the path of a \.json file/);
  });
});

describe('environment validation', () => {
  it('names the bad variable', () => {
    expect(() => parseNodeEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseNodeEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseNodeEnv({ LOOKOUT_ADMIN_TOKEN: 'short' })).toThrow(/LOOKOUT_ADMIN_TOKEN/);
  });
  it('treats empty variables as unset', () => {
    const env = parseNodeEnv({ PORT: '', DATABASE_URL: '' });
    expect(env.PORT).toBe(8787);
    expect(env.DATABASE_URL).toBeUndefined();
  });
});

describe('published JSON Schema', () => {
  it('lookout.config.schema.json matches the zod schema (run `npm run config:schema` after changing it)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { configJsonSchema } = await import('../src/config/write-json-schema.js');
    const published = JSON.parse(await readFile('lookout.config.schema.json', 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });
});

describe('monitor types', () => {
  const tcp = { id: 'db', name: 'Database', component: 'Data', type: 'tcp', host: 'db.internal', port: 5432 };
  const dns = { id: 'mx', name: 'Mail DNS', component: 'Mail', type: 'dns', dns: { name: 'example.com', recordType: 'MX', expect: { contains: '10 mail.example.com' } } };
  it('an entry without a type is http, exactly as before', () => {
    expect(parseConfig({ monitors: [good] }, 'c').monitors[0]).toMatchObject({ type: 'http', url: good.url });
  });
  it('a config mixing types validates, with each type\'s defaults', () => {
    const cfg = parseConfig({ monitors: [good, tcp, dns] }, 'c');
    expect(cfg.monitors.map((m) => m.type)).toEqual(['http', 'tcp', 'dns']);
    expect(cfg.monitors[1]).toMatchObject({ tls: false, timeoutMs: 10000 });
  });
  it('names the monitor and the field of every bad one', () => {
    let msg = '';
    try {
      parseConfig({
        monitors: [
          { ...tcp, port: 70000, send: '' },
          { ...dns, id: 'bad-dns', dns: { name: 'example.com', recordType: 'SRV', resolver: 'not a server', expect: {} } },
          { ...good, id: 'ftp', type: 'ftp' },
          { ...tcp, id: 'tcp-cert', certificateExpiry: { warnDays: 3, downDays: 5 } },
          { ...tcp, id: 'tcp-url', url: 'https://x' },
        ],
      }, 'c');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('monitor "db" field "port"');
    expect(msg).toContain('monitor "db" field "send"');
    expect(msg).toContain('monitor "bad-dns" field "dns.recordType"');
    expect(msg).toContain('monitor "bad-dns" field "dns.resolver": must be a DNS server IP address');
    expect(msg).toContain('monitor "bad-dns" field "dns.expect": must have exactly one of "contains" and "equals"');
    expect(msg).toMatch(/monitor "ftp" field "type": must be one of "http", "tcp", "dns"/);
    expect(msg).toContain('monitor "tcp-cert" field "certificateExpiry.downDays": downDays must be less than warnDays');
    expect(msg).toMatch(/monitor "tcp-url" field "\(the monitor itself\)".*url/);
  });
  it('certificate expiry defaults to 14/3 days on https and tls monitors, and false turns it off', async () => {
    const { toMonitorSpec } = await import('../src/config/parse.js');
    const specs = parseConfig({ monitors: [good, { ...good, id: 'plain', url: 'http://example.com' }, { ...tcp, tls: true }, { ...good, id: 'off', certificateExpiry: false }] }, 'c').monitors.map(toMonitorSpec);
    expect(specs.map((s) => ('certificateExpiry' in s ? s.certificateExpiry : undefined))).toEqual([{ warnDays: 14, downDays: 3 }, null, { warnDays: 14, downDays: 3 }, null]);
  });
});
