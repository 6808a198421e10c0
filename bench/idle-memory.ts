// Memory of `npm start` at idle with 2 monitors: summed PSS of every process in its tree (npm, Node, the
// embedded Postgres server and its backends), next to a bare `node -e` idle process as the baseline.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlowServer } from './lib.js';

const IDLE_SECONDS = Number(process.argv[2] ?? 20);
const dir = await mkdtemp(join(tmpdir(), 'lookout-mem-'));
const target = await startSlowServer(5);
await writeFile(join(dir, 'config.json'), JSON.stringify({
  monitors: [
    { id: 'api', name: 'App API', component: 'App (API)', url: `${target.url}/api`, interval: 10 },
    { id: 'web', name: 'Website', component: 'Website', url: `${target.url}/`, interval: 10 },
  ],
}));
const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOOKOUT_DATA_DIR: join(dir, 'data'), LOOKOUT_CONFIG: join(dir, 'config.json') };
delete env.DATABASE_URL;
const lookout = spawn('npm', ['start', '--silent'], { env, stdio: 'ignore', detached: true });
const baseline = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const tree = await processTree(lookout.pid!);
  const parts = await Promise.all(tree.map(async (pid) => ({ pid, name: await comm(pid), pssKb: await pss(pid) })));
  const total = parts.reduce((s, p) => s + p.pssKb, 0);
  const base = await pss(baseline.pid!);
  const byName = new Map<string, number>();
  for (const p of parts) byName.set(p.name, (byName.get(p.name) ?? 0) + p.pssKb);
  console.log(`idle ${IDLE_SECONDS} s with 2 monitors; processes: ${parts.length}`);
  for (const [name, kb] of byName) console.log(`  ${name.padEnd(16)} ${(kb / 1024).toFixed(1)} MB PSS`);
  console.log(`total (summed PSS): ${(total / 1024).toFixed(1)} MB   (target <= 150 MB; Uptime Kuma 320-490 MB)`);
  console.log(`bare node baseline: ${(base / 1024).toFixed(1)} MB   ratio total/bare node: ${(total / base).toFixed(2)}`);
} finally {
  process.kill(-lookout.pid!, 'SIGTERM');
  baseline.kill();
  target.child.kill();
  await new Promise((r) => setTimeout(r, 1500));
  await rm(dir, { recursive: true, force: true });
}

async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of parents.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

async function pss(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
}

async function comm(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
}
