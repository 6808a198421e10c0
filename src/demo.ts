// `npm run demo`: Lookout against a local simulated service with scheduled outages (see src/demo/).
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEMO_CYCLE, startSimulatedService } from './demo/simulated-service.js';

const dataDir = resolve(process.env.LOOKOUT_DATA_DIR ?? './data-demo');
await mkdir(dataDir, { recursive: true });
const service = await startSimulatedService();
// A local webhook receiver that prints what Lookout's alerts deliver (signed per Standard Webhooks).
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    const event = JSON.parse(body) as { type: string; id: string };
    console.log(JSON.stringify({ level: 'info', msg: 'demo receiver got an alert', type: event.type, id: event.id, webhookId: req.headers['webhook-id'] }));
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
process.env.DEMO_HOOK_SECRET ??= 'whsec_ZGVtby1zZWNyZXQtZm9yLWxvY2FsLWFsZXJ0cw==';
const config = {
  page: { title: 'Demo service status', description: 'A simulated service that fails on a schedule, watched by Lookout.', timeZone: 'UTC' },
  monitors: [
    { id: 'demo-api', name: 'Demo app API', component: 'App (API)', group: 'Demo', url: `${service.url}/api/health`, interval: 10, retryDelay: 2, timeoutMs: 5000, degradedAboveMs: 1500, assertions: [{ type: 'jsonPathEquals', path: '$.status', value: 'ok' }] },
    { id: 'demo-web', name: 'Demo website', component: 'Website', group: 'Demo', url: `${service.url}/`, interval: 10, retryDelay: 2, timeoutMs: 5000, degradedAboveMs: 1500, assertions: [{ type: 'bodyContains', value: 'Demo service' }] },
  ],
  // Short flap damping so the 4-minute cycle shows incidents opening and resolving.
  alerts: {
    impact: { 'App (API)': 'critical', Website: 'major' },
    resolveAfter: 30,
    endpoints: [{ id: 'demo-receiver', kind: 'webhook', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: { env: 'DEMO_HOOK_SECRET' } }],
  },
};
const configPath = join(dataDir, 'demo.config.json');
await writeFile(configPath, JSON.stringify(config, null, 2));
process.env.LOOKOUT_CONFIG = configPath;
process.env.LOOKOUT_DATA_DIR = dataDir;
process.env.LOOKOUT_CRON ??= '*/5 * * * * *';
console.log(JSON.stringify({ level: 'info', msg: 'demo service started', url: service.url, cycle: DEMO_CYCLE.map((p) => `${p.untilSecond}s: ${p.label}`) }));
await import('./node.js');
