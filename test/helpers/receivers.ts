import type { IncomingHttpHeaders } from 'node:http';
import { startServer, type LocalServer } from './servers.js';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; id: string; [k: string]: unknown };
  /** When it arrived (epoch ms). */
  at: number;
}

export interface Receiver extends LocalServer {
  received: ReceivedRequest[];
  /** Event types received, in order. */
  types(): string[];
}

/**
 * A real webhook receiver on 127.0.0.1. `answer(n)` picks the status (and headers) of the n-th request (1-based);
 * the request is recorded either way, so tests see retries too.
 */
export async function startReceiver(answer: (n: number) => { status: number; headers?: Record<string, string> } = () => ({ status: 204 })): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = await startServer((req, res, hit) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: ReceivedRequest['json'];
      try {
        json = JSON.parse(body);
      } catch {
        json = { type: '(not json)', id: '' };
      }
      received.push({ headers: req.headers, body, json, at: Date.now() });
      const { status, headers } = answer(hit);
      res.writeHead(status, headers).end(status === 204 ? undefined : 'ok');
    });
  });
  return Object.assign(server, { received, types: () => received.map((r) => r.json.type) });
}
