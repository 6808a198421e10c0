// A local stand-in for a real service (an app API and a website) that fails on a fixed schedule, so a newcomer
// can watch the whole loop offline: down, confirmation, incident, recovery.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the service does at a moment of its cycle. */
type Behaviour = 'ok' | 'error' | 'slow' | 'reset';

export interface Phase {
  untilSecond: number;
  api: Behaviour;
  web: Behaviour;
  label: string;
}

/** One 4-minute cycle, repeated forever. */
export const DEMO_CYCLE: readonly Phase[] = [
  { untilSecond: 60, api: 'ok', web: 'ok', label: 'all operational' },
  { untilSecond: 120, api: 'error', web: 'ok', label: 'app API answers 503 (major outage)' },
  { untilSecond: 150, api: 'ok', web: 'ok', label: 'recovered' },
  { untilSecond: 180, api: 'ok', web: 'slow', label: 'website slow (degraded)' },
  { untilSecond: 210, api: 'ok', web: 'reset', label: 'website drops connections (down)' },
  { untilSecond: 240, api: 'ok', web: 'ok', label: 'recovered' },
];
const CYCLE_SECONDS = DEMO_CYCLE[DEMO_CYCLE.length - 1]!.untilSecond;

function phaseAt(elapsedMs: number): Phase {
  const s = Math.floor(elapsedMs / 1000) % CYCLE_SECONDS;
  return DEMO_CYCLE.find((p) => s < p.untilSecond)!;
}

export async function startSimulatedService(startedAt = Date.now()): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const phase = phaseAt(Date.now() - startedAt);
    const isApi = req.url?.startsWith('/api') ?? false;
    const behaviour = isApi ? phase.api : phase.web;
    const answer = () => {
      if (isApi) res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Demo</title><h1>Demo service</h1>');
    };
    if (behaviour === 'error') return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}');
    if (behaviour === 'reset') return void req.socket.destroy();
    if (behaviour === 'slow') return void setTimeout(answer, 2500);
    answer();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
