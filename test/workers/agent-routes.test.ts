// Agents reporting to a Worker: the same claim and result routes, tokens from Worker secrets, inside workerd.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/worker.js';
import { readWorkerSettings, type WorkerEnv } from '../../src/worker-env.js';
import { syncAndDispatch } from '../../src/worker-locations.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const TOKEN = 'agent-token-us-east-0123456789';
const config = {
  locations: [{ id: 'us-east', name: 'US East', token: { env: 'AGENT_TOKEN_US_EAST' } }, { id: 'eu-west', name: 'EU West', token: { env: 'AGENT_TOKEN_EU_WEST' } }],
  monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'http://127.0.0.1:9/' }],
};
let db: WorkersTestDb;
let testEnv: WorkerEnv;
beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config), AGENT_TOKEN_US_EAST: TOKEN, AGENT_TOKEN_EU_WEST: 'agent-token-eu-west-0123456789' } as WorkerEnv;
  // The config sync the first scheduled() does (no location here has a Durable Object, so nothing is probed).
  await syncAndDispatch(db.sql, readWorkerSettings(testEnv), testEnv);
});
afterAll(async () => {
  await db.drop();
});

async function post(path: string, body: unknown, token = TOKEN): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`https://lookout.example/api/v1/agent/${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-lookout-location': 'us-east', 'content-type': 'application/json' }, body: JSON.stringify(body),
  }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('agent routes on the Worker', () => {
  it('claims, records a batch once, and refuses a wrong token', async () => {
    expect((await post('claim', {}, 'wrong-token-wrong-token-wrong')).status).toBe(401);
    const claim = (await (await post('claim', {})).json()) as { claims: Array<{ monitorId: string; slot: string; state: unknown }> };
    expect(claim.claims.map((c) => c.monitorId)).toEqual(['api']);
    const at = new Date().toISOString();
    const batch = {
      results: [{
        monitorId: 'api', slot: claim.claims[0]!.slot, at, verdict: 'down', statusCode: 503, latencyMs: 12, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null,
        errorClass: 'http_status', error: 'HTTP 503', attempts: 2, certExpiresAt: null, inMaintenance: false, state: { status: 'down', failStreak: 2, okStreak: 0 }, firstFailureAt: at,
      }],
    };
    expect(await (await post('results', batch)).json()).toMatchObject({ recorded: 1, duplicates: 0 });
    expect(await (await post('results', batch)).json()).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(await db.sql`select location, verdict from checks`).toEqual([{ location: 'us-east', verdict: 'down' }]);
    // One of two locations reports (the other never did: offline): below the quorum of 2, no data.
    expect(await db.sql`select status from monitor_state`).toEqual([{ status: 'unknown' }]);
  });
});
