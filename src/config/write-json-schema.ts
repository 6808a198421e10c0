// Publishes the config's JSON Schema so editors autocomplete lookout.config.json: `npm run config:schema`.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { LookoutConfig } from './schema.js';

export function configJsonSchema(): object {
  return { ...z.toJSONSchema(LookoutConfig, { io: 'input', unrepresentable: 'any' }), title: 'Lookout configuration' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('lookout.config.schema.json', JSON.stringify(configJsonSchema(), null, 2) + '\n');
  console.log('wrote lookout.config.schema.json');
}
