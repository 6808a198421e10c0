import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, parseConfigText } from './parse.js';
import type { LookoutConfig } from './schema.js';

/** Read and validate the config file (Node only; Workers bundle their config). */
export async function loadConfigFile(path: string): Promise<LookoutConfig> {
  const full = resolve(path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    throw new ConfigError(full, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  return parseConfigText(text, full);
}
