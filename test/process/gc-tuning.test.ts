// V8's concurrent marking is turned off on small machines (src/gc-tuning.ts); the decision is pure, and applying it
// must leave a process that runs and collects garbage normally.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { markingModeFor } from '../../src/gc-tuning.js';

describe('garbage collection tuning', () => {
  it('marks on the main thread with 2 cores or fewer, concurrently with more, unless told', () => {
    expect(markingModeFor(1, undefined)).toBe('main-thread');
    expect(markingModeFor(2, undefined)).toBe('main-thread');
    expect(markingModeFor(3, undefined)).toBe('concurrent');
    expect(markingModeFor(64, undefined)).toBe('concurrent');
    expect(markingModeFor(2, 'on')).toBe('concurrent');
    expect(markingModeFor(64, 'off')).toBe('main-thread');
  });

  it.each(['on', 'off'] as const)('a process tuned with %s keeps allocating and collecting', async (override) => {
    // A child process (flags are per process): tune, then churn through far more memory than the young generation
    // holds, so both scavenges and full mark-compacts run under the chosen mode.
    const script = `
      const { tuneGarbageCollection } = await import(${JSON.stringify(new URL('../../src/gc-tuning.ts', import.meta.url).href)});
      const mode = tuneGarbageCollection(${JSON.stringify(override)});
      const { PerformanceObserver } = await import('node:perf_hooks');
      const kinds = new Set();
      new PerformanceObserver((l) => { for (const e of l.getEntries()) kinds.add(e.detail?.kind ?? e.kind); }).observe({ entryTypes: ['gc'] });
      let keep = [];
      for (let i = 0; i < 400; i++) { keep.push(new Array(20000).fill(i)); if (keep.length > 50) keep = []; }
      await new Promise((r) => setTimeout(r, 50));
      console.log(JSON.stringify({ mode, kinds: [...kinds].length, sum: keep.length }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as { mode: string; kinds: number };
    expect(out.mode).toBe(override === 'on' ? 'concurrent' : 'main-thread');
    expect(out.kinds).toBeGreaterThanOrEqual(2); // minor and major collections both ran
  });
});
