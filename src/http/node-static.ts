// Node serves public/ itself (on Workers the [assets] binding serves it before the app runs).
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

export function nodeStaticFiles(): MiddlewareHandler {
  return serveStatic({
    root: PUBLIC_DIR,
    onFound: (_path, c) => {
      c.header('cache-control', 'public, max-age=300, stale-while-revalidate=86400');
      c.header('x-content-type-options', 'nosniff');
    },
  });
}
