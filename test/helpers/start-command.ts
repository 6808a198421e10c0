// The command lines of `npm start` and `npm run agent`, read from package.json, so the process tests and the benches
// run the built entry and the node flags users run. `buildEntryPoints()` makes the bundle their `pre` scripts make.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The arguments after `node` in the script: the flags, then the built entry point. */
export function nodeArgsOf(script: 'start' | 'agent'): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts[script]!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm ${script} runs "${command}", not node`);
  return args;
}

/** `npm run build`: src/node.ts and src/agent.ts bundled into build/node/ (what `prestart` and `preagent` run). */
export function buildEntryPoints(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
