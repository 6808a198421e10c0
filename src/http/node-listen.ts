// Node: the HTTP port is bound before anything touches the database, so a port already in use is one clear line
// at start instead of a stack trace after migrating; until the app is ready the port answers 503.
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { FastPath } from './node-fast-path.js';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

const starting: Fetch = () =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Lookout is starting' }), {
    status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '2', 'x-content-type-options': 'nosniff' },
  });

export interface BoundHttp {
  server: ServerType;
  port: number;
  /** Start serving the app on the bound port; `fast` may answer a request first, straight from node:http. */
  serveWith(fetch: Fetch, fast?: FastPath): void;
}

export async function bindHttp(port: number, hostname: string): Promise<BoundHttp> {
  let handler: Fetch = starting;
  let fast: FastPath | undefined;
  const withFastPath = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req, res) => {
      if (!fast?.(req, res)) listener(req, res);
    });
  const server = serve({ fetch: (request, env) => handler(request, env), port, hostname, createServer: withFastPath as typeof createServer });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE'
        ? new Error(`PORT ${port} on ${hostname} is already in use; stop what listens there or set PORT to a free port`)
        : err.code === 'EACCES' ? new Error(`PORT ${port} on ${hostname} may not be bound by this user; set PORT above 1023`) : err),
    );
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    serveWith: (fetch, fastPath) => {
      handler = fetch;
      fast = fastPath;
    },
  };
}
