import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  port: number;
  hits: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with a random port; tests never mock fetch. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void): Promise<LocalServer> {
  const state = { hits: 0 };
  const server: Server = createServer((req, res) => {
    state.hits++;
    handler(req, res, state.hits);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get hits() {
      return state.hits;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on: open one, note it, close it. */
export async function closedPort(): Promise<number> {
  const s = await startServer(() => undefined);
  const port = s.port;
  await s.close();
  return port;
}
