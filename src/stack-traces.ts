/**
 * For the processes that probe (`npm start`, `npm run agent`), called once their modules are loaded. tsx turns on
 * source-mapped stack traces; Node reads the stack of the error undici closes a probe's socket with, and formatting
 * it through source maps cost about a tenth of a check's CPU (bench:steady). Lookout logs messages, not stacks, so
 * they are off: a stack then points into tsx's output of the same files.
 */
export function usePlainStackTraces(): void {
  process.setSourceMapsEnabled(false);
}
