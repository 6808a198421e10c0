import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// postgres.js in workerd: every sql.end() leaves one of these unhandled rejections behind (porsager/postgres#1202)
// although the queries completed; they would fail a green run. Exactly these two messages, nothing else.
const POSTGRES_WORKERD_CLOSE_NOISE = new Set(['Stream was cancelled.', 'Stream was cancelled', 'This socket has been closed.', 'This socket has been closed']);

// Miniflare insists on a password in a Hyperdrive URL; the local server's trust auth ignores it.
function withPassword(url: string): string {
  const u = new URL(url);
  if (!u.password) u.password = 'unused';
  return u.toString();
}

export default defineConfig({
  test: {
    onUnhandledError: (error) => (POSTGRES_WORKERD_CLOSE_NOISE.has(error.message) ? false : undefined),
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**', 'node_modules/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // The Worker inside workerd (miniflare), with the bindings of wrangler.toml plus a Hyperdrive binding to the
        // test database made by globalSetup (named apart, so a test chooses whether the Worker sees it).
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './src/worker.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { hyperdrives: { TEST_HYPERDRIVE: withPassword(inject('workersHyperdriveDbUrl')) } },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          globalSetup: ['test/workers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
