// A target for benchmarks, in its own process so it does not share the prober's event loop:
// answers every request after DELAY_MS. Prints its port on stdout.
import { createServer } from 'node:http';

const delay = Number(process.env.DELAY_MS ?? 100);
const server = createServer((_req, res) => setTimeout(() => res.end('ok'), delay));
server.maxConnections = 100_000;
server.listen(0, '127.0.0.1', () => console.log(String((server.address() as { port: number }).port)));
