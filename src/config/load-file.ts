import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseHistoryText, type ImportedHistory } from './history.js';
import { ConfigError, parseConfigText } from './parse.js';
import type { LookoutConfig } from './schema.js';

/** Read and validate the config file (Node only; Workers bundle their config). */
export async function loadConfigFile(path: string): Promise<LookoutConfig> {
  const full = resolve(path);
  return parseConfigText(await readText(full, 'config'), full);
}

/**
 * Read and validate the history files the config at `configPath` names, relative to that file (Node only;
 * Workers bundle them, src/worker-history.ts). Everything is validated before anything is imported.
 */
export async function loadHistoryFiles(config: Pick<LookoutConfig, 'history'>, configPath: string): Promise<ImportedHistory[]> {
  const base = dirname(resolve(configPath));
  return Promise.all(config.history.map(async (name) => {
    const full = resolve(base, name);
    return parseHistoryText(await readText(full, 'history'), full);
  }));
}

async function readText(full: string, what: 'config' | 'history'): Promise<string> {
  try {
    return await readFile(full, 'utf8');
  } catch (err) {
    throw new ConfigError(full, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`], what);
  }
}
