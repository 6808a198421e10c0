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
            miniflare: {
              hyperdrives: { TEST_HYPERDRIVE: withPassword(inject('workersHyperdriveDbUrl')) },
              // queue() in tests needs this flag; miniflare's queue defaults differ from production, so they are set
              // here: small batches, a short wait, two retries without delay, then the dead-letter queue.
              compatibilityFlags: ['nodejs_compat', 'service_binding_extra_handlers'],
              queueConsumers: {
                'lookout-probes': { maxBatchSize: 5, maxBatchTimeout: 1, maxRetries: 2, retryDelay: 0, deadLetterQueue: 'lookout-probes-dlq' },
                'lookout-probes-dlq': { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 1, retryDelay: 0 },
              },
              // Queue deliveries reach the Worker with its own bindings, not a test's env: the database (and the
              // short spread) of the one file that drives the queue end to end (test/workers/queue.test.ts).
              bindings: { DATABASE_URL: inject('workersQueueDbUrl'), LOOKOUT_QUEUE_SPREAD_SECONDS: '3' },
            },
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
