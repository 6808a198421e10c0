// What the console pages show: the overview per location with phase timings and error classes, the failing
// endpoints, the config's own incident templates, masked endpoint secrets, and config errors naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfigTokens } from '../../src/config/api-tokens.js';
import { ConfigError, parseConfig } from '../../src/config/parse.js';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { signIn, type ConsoleClient } from '../helpers/console-client.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const TOKEN = 'console-pages-token-0123';
let db: TestDb;
let client: ConsoleClient;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url, { history: false });
  await syncMonitors(db.sql, [spec({ id: 'api', name: 'API probe', url: 'http://127.0.0.1:9/', group: 'X' })], clock.now());
  const at = clock.now().toISOString();
  await db.sql`insert into checks (monitor_id, at, slot, location, verdict, status_code, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, error_class)
    values ('api', ${at}::timestamptz, ${at}::timestamptz, 'eu-west', 'up', 200, 120, 11, 22, 33, 99, null),
           ('api', ${at}::timestamptz, ${at}::timestamptz, 'us-east', 'down', null, 10000, 12, null, null, null, 'connect_timeout')`;
  await db.sql`insert into alert_endpoints (id, name, kind, url, secrets, events, origin, disabled_at, disabled_reason)
    values ('ep-slack', 'Team Slack', 'slack', 'https://hooks.slack.com/services/T000/B000/SECRETPART1234', '[]', '[]', 'manual', ${at}::timestamptz, 'the receiver answered 410 Gone'),
           ('ep-hook', 'Hook', 'webhook', 'https://hooks.example/in?key=hidden', '["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]', '[]', 'manual', null, null)`;
  const app = createApp({
    sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: TOKEN, runTick: async () => ({}) as never,
    incidentTemplates: [{ id: 'db', label: 'Database failover', title: 'Database failover in progress', status: 'identified', impact: 'major', body: 'We are failing over the primary database.' }],
  });
  client = (await signIn(async (req) => app.fetch(req), TOKEN)).client;
});
afterAll(() => db.drop());

describe('console pages', () => {
  it('shows each location of a monitor with its phase timings and error class, and the failing endpoints', async () => {
    const html = await (await client.get('/admin')).text();
    expect(html).toContain('API probe');
    expect(html).toContain('eu-west');
    expect(html).toContain('11 ms / 22 ms / 33 ms / 99 ms / 120 ms');
    expect(html).toContain('us-east');
    expect(html).toContain('<code>connect_timeout</code>');
    expect(html).toContain('Team Slack');
    expect(html).toContain('the receiver answered 410 Gone');
  });

  it('offers the config\'s incident templates, prefilled and editable', async () => {
    const html = await (await client.get('/admin/incidents?template=db')).text();
    expect(html).toContain('Database failover</a>');
    expect(html).toContain('value="Database failover in progress"');
    expect(html).toContain('We are failing over the primary database.</textarea>');
    expect(html).toMatch(/<option value="identified" selected/);
  });

  it('masks endpoint secrets and the tokens in their URLs', async () => {
    const html = await (await client.get('/admin/alerts')).text();
    expect(html).not.toContain('SECRETPART1234');
    expect(html).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(html).not.toContain('key=hidden');
    expect(html).toContain('whsec_…LaSw');
  });

  it('a config with a bad template or token names the field', () => {
    const bad = () => parseConfig({ monitors: [], incidentTemplates: [{ id: 'Bad Id', label: 'x', title: 't', body: 'b' }], tokens: [{ name: 'a', scope: 'root', token: { env: 'A' } }, { name: 'a', scope: 'read', token: { env: 'B' } }] }, 'x.json');
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('incidentTemplates.0.id');
      expect(problems).toContain('tokens.0.scope');
    }
    expect(() => parseConfig({ monitors: [], tokens: [{ name: 'a', scope: 'admin', token: { env: 'A' } }, { name: 'a', scope: 'read', token: { env: 'B' } }] }, 'x.json')).toThrow('tokens.1.name: duplicate token name "a"');
  });

  it('reads config tokens from the environment, naming each missing, short or repeated one', () => {
    const cfg = parseConfig({ monitors: [], tokens: [
      { name: 'ok', scope: 'read', token: { env: 'T_OK' } }, { name: 'unset', scope: 'read', token: { env: 'T_UNSET' } },
      { name: 'short', scope: 'admin', token: { env: 'T_SHORT' } }, { name: 'again', scope: 'admin', token: { env: 'T_AGAIN' } },
    ] }, 'x.json');
    const env: Record<string, string> = { T_OK: 'a-long-enough-secret-01', T_SHORT: 'short', T_AGAIN: 'a-long-enough-secret-01' };
    expect(() => resolveConfigTokens(cfg.tokens, (n) => env[n], 'x.json')).toThrow(ConfigError);
    try {
      resolveConfigTokens(cfg.tokens, (n) => env[n], 'x.json');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'tokens.1.token.env (token "unset"): environment variable T_UNSET is not set',
        'tokens.2.token.env (token "short"): T_SHORT must hold at least 16 characters',
        'tokens.3.token.env (token "again"): the same secret as token "ok"',
      ]);
    }
    expect(resolveConfigTokens(cfg.tokens.slice(0, 1), (n) => env[n], 'x.json')).toEqual([{ name: 'ok', scope: 'read', secret: 'a-long-enough-secret-01' }]);
  });
});
