// The command lines of `npm start` and `npm run agent`, read from package.json, so the process tests and the benches
// run the built entry, the environment and the node flags users run. `buildEntryPoints()` makes the bundle their
// `pre` scripts make.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

type Script = 'start' | 'agent';

/** The script split into its leading `NAME=value` assignments and what follows `node`. */
function parse(script: Script): { env: Record<string, string>; args: string[] } {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts[script]!.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words[0] !== 'node') throw new Error(`npm ${script} runs "${words[0]}", not node`);
  return { env, args: words.slice(1) };
}

/** The arguments after `node` in the script: the flags, then the built entry point. */
export const nodeArgsOf = (script: Script): string[] => parse(script).args;

/** The variables the script sets for node (malloc tuning), to add to a spawned process's environment. */
export const scriptEnvOf = (script: Script): Record<string, string> => parse(script).env;

/** `npm run build`: src/node.ts and src/agent.ts bundled into build/node/ (what `prestart` and `preagent` run). */
export function buildEntryPoints(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
