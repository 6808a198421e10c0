// `npm run demo`: Lookout against a local simulated service with scheduled outages (see src/demo/).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_CYCLE, startSimulatedService } from './demo/simulated-service.js';

const dataDir = resolve(process.env.LOOKOUT_DATA_DIR ?? './data-demo');
await mkdir(dataDir, { recursive: true });
const service = await startSimulatedService();
const config = {
  page: { title: 'Demo service status', description: 'A simulated service that fails on a schedule, watched by Lookout.', timeZone: 'UTC' },
  monitors: [
    { id: 'demo-api', name: 'Demo app API', component: 'App (API)', group: 'Demo', url: `${service.url}/api/health`, interval: 10, retryDelay: 2, timeoutMs: 5000, degradedAboveMs: 1500, assertions: [{ type: 'jsonPathEquals', path: '$.status', value: 'ok' }] },
    { id: 'demo-web', name: 'Demo website', component: 'Website', group: 'Demo', url: `${service.url}/`, interval: 10, retryDelay: 2, timeoutMs: 5000, degradedAboveMs: 1500, assertions: [{ type: 'bodyContains', value: 'Demo service' }] },
  ],
};
const configPath = join(dataDir, 'demo.config.json');
await writeFile(configPath, JSON.stringify(config, null, 2));
process.env.LOOKOUT_CONFIG = configPath;
process.env.LOOKOUT_DATA_DIR = dataDir;
process.env.LOOKOUT_CRON ??= '*/5 * * * * *';
console.log(JSON.stringify({ level: 'info', msg: 'demo service started', url: service.url, cycle: DEMO_CYCLE.map((p) => `${p.untilSecond}s: ${p.label}`) }));
await import('./node.js');
