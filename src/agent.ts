// Agent entry point (`npm run agent`): probes from this place for the central Lookout, over HTTP(S) only.
import { parseAgentEnv } from './agent/env.js';
import { runAgentRound } from './agent/round.js';
import { jsonLog } from './log.js';
import { createNodeProbe } from './probe/node-probe.js';

const log = jsonLog();

async function main(): Promise<void> {
  const env = parseAgentEnv(process.env);
  const probe = createNodeProbe({ env: (name) => process.env[name], location: env.LOOKOUT_LOCATION });
  const deps = {
    centralUrl: env.LOOKOUT_CENTRAL_URL, location: env.LOOKOUT_LOCATION, token: env.LOOKOUT_AGENT_TOKEN, probe, concurrency: env.LOOKOUT_CONCURRENCY,
    clock: () => new Date(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), log,
  };
  let stopping = false;
  let current: Promise<unknown> = Promise.resolve();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'agent stopping', { signal });
    // The round in flight posts its results first (bounded by its own timeouts).
    void current.finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  log('info', 'agent started', { location: env.LOOKOUT_LOCATION, central: env.LOOKOUT_CENTRAL_URL });
  while (!stopping) {
    current = runAgentRound(deps).then(
      (r) => r.claimed && log('info', 'round recorded', { location: env.LOOKOUT_LOCATION, ...r }),
      (err: Error) => log('error', 'round failed', { location: env.LOOKOUT_LOCATION, error: err.message }),
    );
    await current;
    if (!stopping) await deps.sleep(env.LOOKOUT_AGENT_POLL_SECONDS * 1000);
  }
}

main().catch((err: Error) => {
  log('error', 'the agent could not start', { error: err.message });
  process.stderr.write(`\nThe Lookout agent could not start.\n${err.message}\n`);
  process.exit(1);
});
