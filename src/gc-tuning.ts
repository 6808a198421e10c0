// Node only: how V8 collects garbage in the Lookout process.
//
// V8 marks the old generation on helper threads while JavaScript runs ("concurrent marking"). On a machine with
// two cores or fewer those threads compete with the event loop and with Postgres, which usually shares the box
// (embedded, or local): a cold status page rendered while they ran took about twice as long as one rendered without
// them (bench/page.ts, 2 cores: cold render p95 ~25 ms with them, ~15-19 ms without, p50 unchanged). Without
// concurrent marking V8 marks in small incremental steps on the main thread; Lookout's heap is a few tens of MB,
// so the steps are short. With more cores the helpers have room of their own and stay on.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

export type MarkingMode = 'concurrent' | 'main-thread';

/** The marking mode for a machine with `cores` cores, unless LOOKOUT_CONCURRENT_MARKING ("on" / "off") says. */
export function markingModeFor(cores: number, override: 'on' | 'off' | undefined): MarkingMode {
  if (override === 'on') return 'concurrent';
  if (override === 'off') return 'main-thread';
  return cores <= 2 ? 'main-thread' : 'concurrent';
}

/** Apply markingModeFor to this process (V8 reads the flag each time it starts marking). Returns the mode. */
export function tuneGarbageCollection(override: 'on' | 'off' | undefined, cores = availableParallelism()): MarkingMode {
  const mode = markingModeFor(cores, override);
  setFlagsFromString(mode === 'concurrent' ? '--concurrent-marking' : '--no-concurrent-marking');
  return mode;
}
